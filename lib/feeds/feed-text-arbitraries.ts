import { fc } from "@fast-check/vitest";

/**
 * Random text for the feed property tests: any Unicode, with the characters
 * that break feeds over-represented (every line terminator a client might
 * honour, other controls, the iCalendar/XML specials, lone surrogates,
 * emoji sequences and combining marks), from empty to 10,000 units.
 *
 * Test support only (no runtime code imports this file).
 */
const NASTY = [
  "\r",
  "\n",
  "\r\n",
  "\t",
  "\u000b",
  "\u000c",
  "\u0000",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u009b",
  "\u2028",
  "\u2029",
  "\\",
  "\\n",
  "\\,",
  ";",
  ",",
  ":",
  '"',
  "'",
  "<",
  ">",
  "&",
  "&amp;",
  "]]>",
  " ",
  "^",
  "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:injected@evil\r\n",
  "\rEND:VCALENDAR\r",
  "</title></item><item><title>",
  "é",
  "e\u0301",
  "a\u0300\u0301\u0302\u0303",
  "👩‍👩‍👧",
  "🇮🇩",
  "🧘🏽‍♀️",
  "𝄞",
  "\ufeff",
  "\ufffe",
  "\uffff",
  "\ud800",
  "\udfff",
  "\udc00\ud800",
];

export const nastyUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x9f }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
);

/** Short text most of the time, sometimes long, now and then up to 10,000 units. */
export const nastyText = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: nastyUnit, maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: nastyUnit, minLength: 70, maxLength: 400 }) },
  { weight: 1, arbitrary: fc.string({ unit: nastyUnit, minLength: 2_000, maxLength: 3_000 }).map((text) => text.repeat(4).slice(0, 10_000)) },
);
