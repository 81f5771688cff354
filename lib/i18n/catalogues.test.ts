import { describe, expect, it } from "vitest";
import { createTranslator } from "use-intl/core";
import { LANGUAGES, type TMessages } from "./languages";
import { translatorFor } from "./translator";

/** Every message of a catalogue by its dotted key ("listing.eventCount"). */
function flatten(messages: object, prefix = ""): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") flat.set(path, value);
    else for (const [inner, text] of flatten(value as object, path)) flat.set(inner, text);
  }
  return flat;
}

/** The names of a message's tags: "Tell us about <strong>{title}</strong>" → strong (rendered with `t.rich`). */
const tagsOf = (message: string) => new Set([...message.matchAll(/<([a-z]+)>/g)].map((match) => match[1]));

/** The names of a message's arguments: "{count, plural, one {# event} …}" → count. */
const argumentsOf = (message: string) => new Set([...message.matchAll(/\{\s*([A-Za-z]\w*)\s*[,}]/g)].map((match) => match[1]));

const english = flatten(LANGUAGES[0]!.messages);

describe("message catalogues", () => {
  it.each(LANGUAGES.map((language) => [language.code, language] as const))("%s has every key of the English catalogue and no other", (_, language) => {
    const flat = flatten(language.messages);
    expect([...flat.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, message] of flat) expect(message.trim(), key).not.toBe("");
  });

  it.each(LANGUAGES.map((language) => [language.code, language] as const))(
    "%s: every message parses and takes the arguments the English one takes",
    (_, language) => {
      const errors: string[] = [];
      const t = createTranslator<TMessages>({ locale: language.code, messages: language.messages, onError: (error) => errors.push(error.message) });
      for (const [key, message] of flatten(language.messages)) {
        expect(argumentsOf(message), `${language.code} ${key}`).toEqual(argumentsOf(english.get(key)!));
        expect(tagsOf(message), `${language.code} ${key}`).toEqual(tagsOf(english.get(key)!));
        const values: Record<string, unknown> = {};
        for (const name of argumentsOf(message)) if (name) values[name] = name === "fields" || name === "fee" ? "x" : 2;
        for (const tag of tagsOf(message)) if (tag) values[tag] = (chunks: unknown) => chunks;
        if (tagsOf(message).size > 0) (t.rich as (key: string, values: Record<string, unknown>) => unknown)(key, values);
        else (t as (key: string, values: Record<string, unknown>) => string)(key, values);
      }
      expect(errors).toEqual([]);
    },
  );

  it("Russian plurals name every form Russian has (one, few, many, other)", () => {
    const russian = flatten(LANGUAGES.find((language) => language.code === "ru")!.messages);
    for (const [key, message] of russian) {
      if (!message.includes("plural")) continue;
      for (const form of ["one", "few", "many", "other"]) expect(message, key).toMatch(new RegExp(`\\b${form} \\{`));
    }
    const t = translatorFor("ru");
    expect([1, 3, 5, 11, 21, 22, 25].map((count) => t("listing.eventCount", { count }))).toEqual([
      "1 событие",
      "3 события",
      "5 событий",
      "11 событий",
      "21 событие",
      "22 события",
      "25 событий",
    ]);
  });

  it("English and Indonesian count as their grammars do", () => {
    expect([1, 2].map((count) => translatorFor("en")("listing.eventCount", { count }))).toEqual(["1 event", "2 events"]);
    expect([1, 2].map((count) => translatorFor("id")("listing.eventCount", { count }))).toEqual(["1 acara", "2 acara"]);
  });
});
