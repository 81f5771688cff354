/**
 * Issue 9, item 10: whatever text a creator (or an API client) sends, the
 * iCalendar feed keeps exactly the events that were put in, each with its
 * text intact. Random events go through the real writer and are read back
 * twice: by node-ical (what a real client sees) and by a strict RFC 5545
 * reader below (exact text, because node-ical's own unescaping is lossy, see
 * `nodeIcalReadsExactly`).
 */
import { fc, test } from "@fast-check/vitest";
import ical from "node-ical";
import { describe, expect } from "vitest";
import { nastyText } from "@/tests/support/arbitraries";
import { buildCalendar, type TIcsEvent } from "./ics";

/**
 * What the writer promises to keep of a text value (the documented changes):
 * lone surrogates become U+FFFD; every line break a client might honour
 * (CRLF, CR, LF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR) becomes one "\n";
 * every other control character except TAB (C0, DEL, C1) is removed.
 */
function keptText(value: string): string {
  return value
    .replace(/\p{Surrogate}/gu, "\uFFFD")
    .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, "\n")
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "");
}

/** Parameter values (ORGANIZER;CN="…") cannot hold a line break or a double quote: breaks become spaces, quotes go. */
function keptParam(value: string): string {
  return keptText(value).replace(/\n/g, " ").replace(/"/g, "");
}

// ─── A strict reader (RFC 5545 §3.1 unfolding, §3.3.11 TEXT) ─────────────────

type TContentLine = { name: string; params: Record<string, string>; value: string };

function unescapeText(value: string): string {
  let out = "";
  for (let index = 0; index < value.length; index++) {
    const character = value[index]!;
    if (character !== "\\") {
      // Unescaped ";" and "," are separators in TEXT: a writer must never leave one.
      if (character === ";" || character === ",") throw new Error(`unescaped ${character} in TEXT: ${JSON.stringify(value.slice(0, 200))}`);
      out += character;
      continue;
    }
    const next = value[++index];
    if (next === "\\" || next === ";" || next === ",") out += next;
    else if (next === "n" || next === "N") out += "\n";
    else throw new Error(`invalid escape \\${next} in ${JSON.stringify(value.slice(0, 200))}`);
  }
  return out;
}

function readContentLines(text: string): TContentLine[] {
  expect(text.endsWith("\r\n")).toBe(true);
  const physical = text.slice(0, -2).split("\r\n");
  const lines: TContentLine[] = [];
  for (const line of physical) {
    // No other line terminator anywhere, no lone surrogate, and every physical line fits in 75 octets.
    if (/[\r\n\u000b\u000c\u0085\u2028\u2029]|\p{Surrogate}/u.test(line) || Buffer.byteLength(line, "utf8") > 75) {
      throw new Error(`bad physical line: ${JSON.stringify(line)}`);
    }
    if (line.startsWith(" ")) {
      if (lines.length === 0) throw new Error("the calendar starts with a continuation line");
      lines[lines.length - 1]!.value += line.slice(1);
    } else lines.push({ name: "", params: {}, value: line });
  }
  // Split each unfolded line into name, parameters and value.
  return lines.map(({ value: raw }) => {
    const match = /^([A-Z-]+)((?:;[A-Z-]+=(?:"[^"]*"|[^";:,]*))*):(.*)$/su.exec(raw);
    if (!match) throw new Error(`not a content line: ${JSON.stringify(raw.slice(0, 200))}`);
    const params: Record<string, string> = {};
    for (const param of match[2]!.matchAll(/;([A-Z-]+)=("[^"]*"|[^";:,]*)/g)) params[param[1]!] = param[2]!.replace(/^"(.*)"$/s, "$1");
    return { name: match[1]!, params, value: match[3]! };
  });
}

type TStrictEvent = { uid: string; summary: string; description: string; location: string; cn?: string };

function readStrict(text: string): { calendarName: string; events: TStrictEvent[] } {
  const lines = readContentLines(text);
  expect(lines[0]).toMatchObject({ name: "BEGIN", value: "VCALENDAR" });
  expect(lines.at(-1)).toMatchObject({ name: "END", value: "VCALENDAR" });
  const events: TStrictEvent[] = [];
  let calendarName = "";
  let current: Partial<TStrictEvent> | null = null;
  for (const line of lines.slice(1, -1)) {
    if (line.name === "BEGIN") {
      expect(line.value).toBe("VEVENT");
      expect(current).toBeNull();
      current = {};
    } else if (line.name === "END") {
      expect(line.value).toBe("VEVENT");
      events.push(current as TStrictEvent);
      current = null;
    } else if (current === null) {
      if (line.name === "X-WR-CALNAME") calendarName = unescapeText(line.value);
    } else if (line.name === "UID") current.uid = line.value;
    else if (line.name === "SUMMARY") current.summary = unescapeText(line.value);
    else if (line.name === "DESCRIPTION") current.description = unescapeText(line.value);
    else if (line.name === "LOCATION") current.location = unescapeText(line.value);
    else if (line.name === "ORGANIZER") current.cn = line.params.CN;
  }
  expect(current).toBeNull();
  return { calendarName, events };
}

/**
 * node-ical 0.26 unescapes in several passes (so an escaped backslash
 * followed by "n" comes back as a line break) and strips one pair of
 * surrounding double quotes; for such text only the strict reader can say
 * whether the writer was right.
 */
function nodeIcalReadsExactly(value: string): boolean {
  return !/\\[nN]/.test(value) && !/^"[^\n\r\u2028\u2029]*"$/.test(value);
}

// ─── The property ────────────────────────────────────────────────────────────

const instant = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => new Date(Math.floor(date.getTime() / 1000) * 1000));

const icsEvent: fc.Arbitrary<TIcsEvent> = fc.record({
  uid: fc.uuid().map((id) => `${id}@zenbali`),
  title: nastyText,
  description: nastyText,
  startsAt: instant,
  endsAt: instant,
  location: nastyText,
  url: fc.webUrl(),
  organiser: fc.option(fc.record({ name: nastyText, email: fc.option(fc.emailAddress(), { nil: undefined }) }), { nil: undefined }),
  updatedAt: instant,
  cancelled: fc.boolean(),
});

const calendar = fc.record({
  name: nastyText,
  events: fc.uniqueArray(icsEvent, { maxLength: 4, selector: (event) => event.uid }),
});

describe("iCalendar writer, any text (property)", () => {
  test.prop([calendar], { numRuns: 100 })(
    "node-ical and a strict reader get back exactly the events put in, text intact",
    ({ name, events }) => {
      const text = buildCalendar({ name, events, now: new Date("2030-01-01T00:00:00Z") });

      const strict = readStrict(text);
      expect(strict.calendarName).toBe(keptText(name));
      expect(strict.events.map((event) => event.uid)).toEqual(events.map((event) => event.uid));
      strict.events.forEach((read, index) => {
        const put = events[index]!;
        expect(read.summary).toBe(keptText(put.title));
        expect(read.description).toBe(keptText(`${put.description}\n\n${put.url}`));
        expect(read.location).toBe(keptText(put.location));
        expect(read.cn).toBe(put.organiser ? keptParam(put.organiser.name) : undefined);
      });

      const parsed = Object.values(ical.sync.parseICS(text)).filter((item): item is ical.VEvent => item?.type === "VEVENT");
      expect(parsed.map((event) => event.uid)).toEqual(events.map((event) => event.uid));
      parsed.forEach((read, index) => {
        const put = events[index]!;
        expect(read.start.toISOString()).toBe(put.startsAt.toISOString());
        expect(read.end?.toISOString()).toBe(put.endsAt.toISOString());
        for (const [got, sent] of [
          [read.summary, put.title],
          [read.description, `${put.description}\n\n${put.url}`],
          [read.location, put.location],
        ] as const) {
          const kept = keptText(sent);
          if (nodeIcalReadsExactly(kept)) expect(got ?? "").toBe(kept);
        }
      });
    },
    60_000,
  );
});
