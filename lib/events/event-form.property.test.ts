/**
 * Fuzzing the event form (the creator form, the admin form and, through
 * parse-api-event.ts, POST /api/v1/events): any FormData gives a value or a
 * message per field, never a throw; a value always keeps the form's rules.
 */
import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { eventFormValues, formEntries, toFormData } from "@/tests/support/arbitraries";
import { parseEventForm } from "./event-form-data";
import { EVENT_FORM_FIELDS, EVENT_LIMITS, eventFormSchema, readEventFormValues, type TEventFormData } from "./event-form-schema";
import { failOnConsoleErrors } from "../../tests/support/no-console-errors";

const NOW = new Date("2026-06-01T00:00:00Z");
const ERROR_KEYS = [...EVENT_FORM_FIELDS, "duration"];

failOnConsoleErrors();

/** Either valid data (checked against the form's rules) or INVALID_INPUT with messages on known fields. */
function expectValueOrFieldErrors(run: () => TEventFormData): void {
  let data: TEventFormData;
  try {
    data = run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_INPUT");
    const fields = (error as AppError).fields ?? {};
    expect(Object.keys(fields).length).toBeGreaterThan(0);
    for (const [key, message] of Object.entries(fields)) {
      expect(ERROR_KEYS).toContain(key);
      expect(message).toMatch(/\S/);
    }
    return;
  }
  expect(data.title.length).toBeGreaterThanOrEqual(EVENT_LIMITS.titleMin);
  expect(data.title.length).toBeLessThanOrEqual(EVENT_LIMITS.titleMax);
  expect(data.description.length).toBeLessThanOrEqual(EVENT_LIMITS.descriptionMax);
  expect(Number.isNaN(data.startsAt.getTime())).toBe(false);
  expect(data.startsAt.getTime()).toBeGreaterThan(NOW.getTime());
  // Not further ahead than the limit (measured from the later of NOW and the clock), so the end always fits a four-digit year.
  expect(data.startsAt.getTime()).toBeLessThanOrEqual(Math.max(NOW.getTime(), Date.now()) + (EVENT_LIMITS.startYearsAheadMax * 366 + 1) * 86_400_000);
  expect(data.endsAt.getUTCFullYear()).toBeLessThan(10_000);
  expect(data.durationMinutes).toBeGreaterThanOrEqual(EVENT_LIMITS.durationMinimumMinutes);
  expect(data.endsAt.getTime() - data.startsAt.getTime()).toBe(data.durationMinutes * 60_000);
  expect(Number.isSafeInteger(data.entranceFeeIdr) && data.entranceFeeIdr >= 0 && data.entranceFeeIdr <= EVENT_LIMITS.entranceFeeMax).toBe(true);
  for (const slug of [data.locationSlug, data.eventTypeSlug, data.entranceTypeSlug, data.participantGroupSlug])
    expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  if (data.bookingUrl) expect(new URL(data.bookingUrl).protocol).toMatch(/^https?:$/);
}

describe("event form (property)", () => {
  test.prop([formEntries([...EVENT_FORM_FIELDS, "intent", "coverImage"])], { numRuns: 300 })(
    "any FormData: a value or a message per field, never a throw",
    (entries) => {
      const values = readEventFormValues(toFormData(entries));
      for (const field of EVENT_FORM_FIELDS) expect(typeof values[field]).toBe("string");
      expect(() => eventFormSchema({ now: NOW }).safeParse(values)).not.toThrow();
      expectValueOrFieldErrors(() => parseEventForm(values, { now: NOW }));
    },
    30_000,
  );

  test.prop([eventFormValues], { numRuns: 400 })(
    "nearly valid forms: a value that keeps every rule, or a message per field",
    (fields) => {
      const values = readEventFormValues(toFormData(Object.entries(fields)));
      expectValueOrFieldErrors(() => parseEventForm(values, { now: NOW }));
      expectValueOrFieldErrors(() => parseEventForm(values, { now: NOW, keepStartsAt: new Date("2020-01-01T00:00:00Z") }));
    },
    30_000,
  );

  // Regression (tests/integration/fuzz-parsers.test.ts found it: U+0000 passed the form and the insert was a 500).
  it("removes control characters (but TAB and line breaks) and lone surrogates from every field", () => {
    const valid = {
      title: "Sound Bath",
      description: "",
      startDate: "2026-06-10",
      startTime: "19:30",
      durationDays: "0",
      durationHours: "1",
      durationMinutes: "0",
      location: "ubud",
      venueName: "Yoga Barn",
      venueAddress: "",
      eventType: "sound-healing",
      entranceType: "free",
      entranceFee: "0",
      participantGroup: "open",
      ledBy: "",
      contactEmail: "host@example.test",
      contactPhone: "",
      bookingUrl: "",
    };
    const data = parseEventForm(
      { ...valid, title: "\u0000Sound\u0000 Bath\u001b", description: "Line\u0000 one\r\n\tLine two\u007f", venueName: "Yoga \ud800Barn" },
      { now: NOW },
    );
    expect(data).toMatchObject({ title: "Sound Bath", description: "Line one\n\tLine two", venueName: "Yoga \ufffdBarn" });
    // A field of nothing but control characters is empty.
    expect(() => parseEventForm({ ...valid, venueName: "\u0000\u0000" }, { now: NOW })).toThrow(
      expect.objectContaining({ fields: { venueName: "Enter the venue name." } }),
    );
  });

  // Regression (the properties found it: 9999-12-31 was accepted; with a long duration the end fell past year 9999, which the
  // database driver reads back as an invalid date, so the API answered 500 after creating the event and every feed with it failed).
  it("refuses a start more than 5 years ahead, measured from the clock even when the admin form passes an old `now`", () => {
    const form = (startDate: string) => ({
      title: "Sound Bath",
      description: "",
      startDate,
      startTime: "23:45",
      durationDays: "90",
      durationHours: "23",
      durationMinutes: "45",
      location: "ubud",
      venueName: "Yoga Barn",
      venueAddress: "",
      eventType: "sound-healing",
      entranceType: "free",
      entranceFee: "0",
      participantGroup: "open",
      ledBy: "",
      contactEmail: "host@example.test",
      contactPhone: "",
      bookingUrl: "",
    });
    const inYears = (years: number) => `${new Date().getUTCFullYear() + years}-01-15`;
    expect(() => parseEventForm(form("9999-12-31"), { now: NOW })).toThrow(
      expect.objectContaining({ fields: { startDate: "The start can be at most 5 years from now." } }),
    );
    expect(() => parseEventForm(form(inYears(6)), { now: new Date("2000-01-01T00:00:00Z") })).toThrow(
      expect.objectContaining({ fields: { startDate: "The start can be at most 5 years from now." } }),
    );
    expect(parseEventForm(form(inYears(4)), { now: NOW }).durationMinutes).toBe(90 * 1440 + 23 * 60 + 45);
    // An event already that far ahead (an admin edit keeping its start) is not refused for it.
    const kept = parseEventForm(form("9000-01-01"), { now: NOW, keepStartsAt: new Date("9000-01-01T15:45:00Z") });
    expect(kept.startsAt.toISOString()).toBe("9000-01-01T15:45:00.000Z");
  });
});
