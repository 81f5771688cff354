// No "server-only": pages, server actions and their tests read it.
import english from "./messages/en.json";
import { DEFAULT_LOCALE, type TLocale } from "./languages";
import { translatorFor } from "./translator";

/** A sentence with a number in it: its English pattern, its key in the namespace and the name of its argument. */
export type TCountedSentence = { pattern: RegExp; key: string; argument: string };

type TNamespace = "authErrors" | "eventFormErrors";

/**
 * Checks in lib/ refuse with English sentences (the admin pages, the API and the English pages show them as they
 * are; their tests read them). A page in another language translates them at the edge: each sentence is a message of
 * the English catalogue's `namespace`, word for word, so the English text finds its key, and the key the text in the
 * page's language. Sentences with a number are found by their `counted` patterns. English, and a sentence the
 * catalogue does not have, come back unchanged.
 */
export function englishSentenceTranslator(namespace: TNamespace, counted: readonly TCountedSentence[]): (locale: TLocale, sentence: string) => string {
  const keyBySentence = new Map<string, string>(
    Object.entries(english[namespace])
      .filter(([key]) => !counted.some((sentence) => sentence.key === key))
      .map(([key, sentence]) => [sentence, key]),
  );
  return (locale, sentence) => {
    if (locale === DEFAULT_LOCALE) return sentence;
    // Keys are checked against the English catalogue above; the typed translator cannot follow a computed key.
    const t = translatorFor(locale) as unknown as (key: string, values?: Record<string, number>) => string;
    const key = keyBySentence.get(sentence);
    if (key) return t(`${namespace}.${key}`);
    for (const { pattern, key: countedKey, argument } of counted) {
      const match = pattern.exec(sentence);
      if (match) return t(`${namespace}.${countedKey}`, { [argument]: Number(match[1]) });
    }
    return sentence;
  };
}
