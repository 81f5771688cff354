/**
 * Property tests of series dates: for random rules, start dates and times, every date falls where the rule says,
 * at the start's time in Bali, and an .ics of the series read by a real iCalendar parser (node-ical) expands to
 * exactly the same instants.
 */
import { fc, test } from "@fast-check/vitest";
import ical from "node-ical";
import { describe, expect } from "vitest";
import { addBaliDays, baliWeekday, fromBaliDateTime, mondayOfBaliWeek } from "@/lib/time/bali";
import { AppError } from "@/lib/errors";
import { buildCalendar } from "@/lib/feeds/ics";
import { seriesDates, synchronizedStart, toRRule, validateRepeatRule, weekdayOf, WEEKDAY_CODES, type TRepeatRule, type TSeriesStart } from "./repeat-rule";

const startArbitrary: fc.Arbitrary<TSeriesStart> = fc
  .record({ day: fc.integer({ min: 0, max: 4 * 365 }), minutes: fc.integer({ min: 0, max: 95 }) })
  .map(({ day, minutes }) => ({
    date: addBaliDays("2026-01-01", day),
    time: `${String(Math.floor((minutes * 15) / 60)).padStart(2, "0")}:${String((minutes * 15) % 60).padStart(2, "0")}`,
  }));

const endArbitrary = fc.oneof(
  fc.record({ count: fc.integer({ min: 2, max: 60 }) }),
  fc.record({ untilDays: fc.integer({ min: 0, max: 365 }) }),
  fc.constant({}),
);

const weeklyArbitrary = fc.record({
  frequency: fc.constantFrom("weekly" as const, "biweekly" as const),
  days: fc.uniqueArray(fc.constantFrom(...WEEKDAY_CODES), { minLength: 1, maxLength: 7 }),
});
const monthlyArbitrary = fc.record({ frequency: fc.constant("monthly" as const), monthly: fc.constantFrom("date" as const, "weekday" as const) });

function isValid(rule: TRepeatRule, start: TSeriesStart): boolean {
  try {
    validateRepeatRule(rule, start);
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

/** Rules the form accepts (validateRepeatRule), with their start. */
const caseArbitrary = fc
  .record({ start: startArbitrary, shape: fc.oneof(weeklyArbitrary, monthlyArbitrary), end: endArbitrary })
  .map(({ start, shape, end }) => {
    const rule: TRepeatRule = { ...shape };
    if ("count" in end) rule.count = end.count;
    if ("untilDays" in end) rule.until = addBaliDays(start.date, end.untilDays);
    return { start, rule };
  })
  .filter(({ start, rule }) => isValid(rule, start));

/** An .ics with one recurring VEVENT, written by the site's own iCalendar writer, as a calendar app would get it. */
function seriesIcs(rule: TRepeatRule, start: TSeriesStart): string {
  const instant = fromBaliDateTime(start.date, start.time);
  return buildCalendar({
    name: "Sunrise Flow",
    events: [
      {
        uid: "series@zenbali.test",
        title: "Sunrise Flow",
        description: "",
        startsAt: instant,
        endsAt: instant,
        location: "Ubud",
        url: "https://zenbali.test/events/sunrise-flow",
        updatedAt: instant,
        recurrence: { start: `${start.date}T${start.time}`, rrule: toRRule(rule, start), durationMinutes: 60, cancelledDates: [] },
      },
    ],
  });
}

describe("series dates", () => {
  test.prop([caseArbitrary], { numRuns: 150 })("fall on the chosen days, at the chosen Bali time, within the chosen end", ({ start, rule }) => {
    const through = addBaliDays(start.date, 400);
    // A rule with an end is expanded in full; one without, for 400 days.
    const dates = seriesDates(rule, start, rule.count || rule.until ? {} : { through });
    expect(dates.length).toBeGreaterThan(0);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const date of dates) {
      expect(date >= start.date).toBe(true);
      if (rule.until) expect(date <= rule.until).toBe(true);
      if (rule.frequency === "monthly") {
        if (rule.monthly === "date") expect(date.slice(8)).toBe(start.date.slice(8));
        else {
          expect(baliWeekday(date)).toBe(baliWeekday(start.date));
          const position = Math.ceil(Number(start.date.slice(8)) / 7);
          if (position <= 4) expect(Math.ceil(Number(date.slice(8)) / 7)).toBe(position);
          else expect(Number(addBaliDays(date, 7).slice(8))).toBeLessThan(8); // the last one of its month
        }
      } else {
        expect(rule.days).toContain(weekdayOf(date));
        if (rule.frequency === "biweekly") {
          const weeks = (Date.parse(mondayOfBaliWeek(date)) - Date.parse(mondayOfBaliWeek(start.date))) / (7 * 86_400_000);
          expect(weeks % 2).toBe(0);
        }
      }
    }
    if (rule.count) expect(dates.length).toBeLessThanOrEqual(rule.count);
    if (rule.count && rule.frequency !== "monthly") expect(dates.length).toBe(rule.count);
  });

  test.prop([caseArbitrary.filter(({ rule }) => rule.count !== undefined || rule.until !== undefined)], { numRuns: 100 })(
    "an .ics of the series, read by node-ical, expands to exactly these instants",
    ({ start, rule }) => {
      const ours = seriesDates(rule, start).map((date) => fromBaliDateTime(date, start.time).toISOString());
      // Written from the first real date, as a series is stored.
      const first = synchronizedStart(rule, start);
      expect(first).not.toBeNull();
      const parsed = Object.values(ical.sync.parseICS(seriesIcs(rule, first!))).find((item): item is ical.VEvent => item?.type === "VEVENT");
      const theirs = (parsed?.rrule?.all() ?? []).map((instant) => instant.toISOString());
      expect(theirs).toEqual(ours);
    },
  );
});
