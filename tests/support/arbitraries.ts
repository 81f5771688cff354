import { fc } from "@fast-check/vitest";

/**
 * Generators shared by the property tests (the unit ones beside the code,
 * `*.property.test.ts`, and tests/integration/fuzz-parsers.test.ts).
 *
 * `nastyText`: any Unicode, with the characters that break feeds, parsers
 * and databases over-represented (every line terminator a client might
 * honour, other controls, the iCalendar/XML specials, lone surrogates,
 * emoji sequences and combining marks), from empty to 10,000 units.
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

/** Shorter nasty text (query values, form fields that are not the point). */
export const shortNastyText = fc.string({ unit: nastyUnit, maxLength: 60 });

/** "YYYY-MM-DD" strings: real dates (near and far), impossible ones, and junk. */
export const dateText = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 400 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)) },
  {
    weight: 2,
    arbitrary: fc
      .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "9999-12-31",
      "2026-02-29",
      "2028-02-29",
      "0000-01-01",
      "0099-12-31",
      "2030-13-01",
      "2030-00-10",
      "2030-1-1",
      "+10000-01-01",
      "2030-01-01T00:00",
    ),
  },
  { weight: 1, arbitrary: shortNastyText },
);

/**
 * The event form's fields: a valid form (slugs, a start in the future, a fee
 * that fits the entrance type) with 0 to 3 fields replaced by something
 * plausible-but-odd (names instead of slugs, impossible dates, fees with
 * separators, …) or by any text — so the valid path, the cross-field rules
 * and the database writes all run, not only the refusals.
 */
const validEventForm = fc
  .record({
    title: fc.oneof(
      fc.constant("Full Moon Sound Bath"),
      fc.string({ unit: nastyUnit, maxLength: 120 }).map((title) => `Yo ${title}`.slice(0, 120)),
    ),
    description: fc.oneof(
      fc.constant("Gongs and bowls."),
      shortNastyText,
      nastyText.map((text) => text.slice(0, 5_000)),
    ),
    startDate: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 400 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)) },
      // Far ahead: years from now, up to the last day a four-digit year allows.
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.integer({ min: new Date().getUTCFullYear() + 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
          .map(([year, month, day]) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`),
      },
      { weight: 1, arbitrary: fc.constantFrom("9999-12-31", "9999-10-15") },
    ),
    startTime: fc.constantFrom("00:00", "07:15", "19:30", "23:45"),
    durationDays: fc.integer({ min: 0, max: 90 }).map(String),
    durationHours: fc.integer({ min: 1, max: 23 }).map(String),
    durationMinutes: fc.constantFrom("0", "15", "30", "45"),
    location: fc.constantFrom("ubud", "nusa-dua", "canggu"),
    venueName: fc.oneof(
      fc.constant("Yoga Barn"),
      fc.string({ unit: nastyUnit, maxLength: 150 }).map((name) => `V ${name}`.slice(0, 160)),
    ),
    venueAddress: fc.oneof(fc.constant(""), fc.string({ unit: nastyUnit, maxLength: 300 })),
    eventType: fc.constantFrom("sound-healing", "yoga", "market-bazaar"),
    entranceType: fc.constantFrom("free", "pay-at-site", "donation-based"),
    entranceFee: fc.constantFrom("0", "150.000", "Rp 150.000", "IDR 1,000", "100000000", " 25 000 "),
    participantGroup: fc.constantFrom("open", "couples", "females-only"),
    ledBy: fc.oneof(fc.constant(""), fc.string({ unit: nastyUnit, maxLength: 160 })),
    contactEmail: fc.oneof(
      { weight: 1, arbitrary: fc.emailAddress() },
      { weight: 3, arbitrary: fc.constantFrom("host@example.test", "Ketut.Sari+yoga@Example.co.id") },
    ),
    contactPhone: fc.constantFrom("", "+62 812 3456 7890", "(0361) 123456"),
    bookingUrl: fc.oneof(fc.constant(""), fc.webUrl({ withQueryParameters: true, withFragments: true })),
    languages: fc.constantFrom("en", "en,ru", "id,en", "ru,ru"),
  })
  .map((form) => (form.entranceType === "free" ? { ...form, entranceFee: "0" } : form));

const ODD_VALUES: Record<string, fc.Arbitrary<string>> = {
  title: fc.constantFrom("", "ab", "   ", "x".repeat(121), "\u0000\u0000\u0000"),
  startDate: dateText,
  startTime: fc.constantFrom("", "24:00", "7:30", "19:31", "19:30:00"),
  durationDays: fc.constantFrom("", " 1 ", "1.5", "-1", "0001", "1e2", "91", "99999"),
  durationHours: fc.constantFrom("0", "24", "", "x"),
  durationMinutes: fc.constantFrom("60", "", "5", "015"),
  location: fc.constantFrom("Ubud", "UBUD", "Nusa Dua", "atlantis", ""),
  eventType: fc.constantFrom("Sound Healing", "Market & Bazaar", "nope", ""),
  entranceType: fc.constantFrom("Free", "Pay at Site", "gratis", ""),
  entranceFee: fc.oneof(fc.constantFrom("", "100000001", "999999999999", "1e5", "-5", "1.5", "Rp", "9".repeat(400)), fc.nat().map(String)),
  participantGroup: fc.constantFrom("Open", "everyone", ""),
  contactEmail: fc.constantFrom("", "not an email", `${"a".repeat(250)}@example.test`, "a@b", "host@example.test\r\nBcc: x@y.z"),
  contactPhone: fc.constantFrom("0812-345", "+62 812 3456 7890 1234 5678", "call me"),
  languages: fc.constantFrom("", "xx", "en,xx", "EN", ",,"),
  bookingUrl: fc.constantFrom("javascript:alert(1)", "http://", "https://exa mple.com", "ftp://example.com", `https://example.com/${"a".repeat(2_000)}`),
};

const FREE_TEXT_FIELDS = ["title", "description", "venueName", "venueAddress", "ledBy"];
const change = fc.oneof(
  ...[...Object.keys(ODD_VALUES), ...FREE_TEXT_FIELDS].map((field) =>
    fc.tuple(fc.constant(field), ODD_VALUES[field] ? fc.oneof(ODD_VALUES[field], nastyText) : nastyText),
  ),
);

export const eventFormValues: fc.Arbitrary<Record<string, string>> = fc
  .tuple(validEventForm, fc.array(change, { maxLength: 3 }))
  .map(([form, changes]) => ({ ...form, ...Object.fromEntries(changes) }));

/** A value a multipart form can carry: text, or a file (empty or not). */
export const formValue: fc.Arbitrary<string | File> = fc.oneof(
  { weight: 8, arbitrary: nastyText },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.uint8Array({ maxLength: 64 }), shortNastyText).map(([bytes, name]) => new File([bytes], name, { type: "application/octet-stream" })),
  },
);

/** Random entries (known names, repeated names, other names) for a FormData. */
export function formEntries(knownNames: readonly string[]): fc.Arbitrary<[string, string | File][]> {
  return fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...knownNames) }, { weight: 1, arbitrary: shortNastyText }), formValue), {
    maxLength: 30,
  });
}

/** A FormData from named values, in order (a name may repeat). */
export function toFormData(entries: Iterable<[string, string | File]>): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}
