/**
 * Property tests of series dates: for random rules, start dates and times, every date falls where the rule says,
 * at the start's time in Bali, and an .ics of the series read by a real iCalendar parser (node-ical) expands to
 * exactly the same instants; and after random edits (dates moved, retitled, cancelled or deleted one by one, "this
 * and following" changing the time and title, "End the series"), to exactly the dates that take place.
 */
import { fc, test } from "@fast-check/vitest";
import ical from "node-ical";
import { describe, expect } from "vitest";
import { addBaliDays, baliWeekday, fromBaliDateTime, mondayOfBaliWeek } from "@/lib/time/bali";
import { AppError } from "@/lib/errors";
import { expandSeriesIcs } from "@/lib/feeds/expand-ics.test-support";
import { buildCalendar } from "@/lib/feeds/ics";
import { planSeriesRecurrence, seriesOverrides, type TSeriesDateContent } from "@/lib/feeds/series-calendar";
import {
  allSeriesDates,
  seriesDates,
  synchronizedStart,
  toRRule,
  validateRepeatRule,
  weekdayOf,
  WEEKDAY_CODES,
  type TRepeatRule,
  type TSeriesStart,
} from "./repeat-rule";

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

/** Each property takes a few seconds alone; a busy machine (a build alongside) may take several times that. */
const PROPERTY_TIMEOUT_MS = 60_000;

describe("series dates", () => {
  test.prop([caseArbitrary], { numRuns: 150 })(
    "fall on the chosen days, at the chosen Bali time, within the chosen end",
    ({ start, rule }) => {
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
    },
    PROPERTY_TIMEOUT_MS,
  );

  test.prop([caseArbitrary.filter(({ rule }) => rule.count !== undefined || rule.until !== undefined)], { numRuns: 100 })(
    "allSeriesDates (all at once) gives the same dates as seriesDates, from any start the rule gives or not",
    ({ start, rule }) => {
      expect(allSeriesDates(rule, start)).toEqual(seriesDates(rule, start));
    },
    PROPERTY_TIMEOUT_MS,
  );

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
    PROPERTY_TIMEOUT_MS,
  );

  test.prop(
    [
      caseArbitrary.filter(({ rule }) => rule.count !== undefined || rule.until !== undefined),
      // One edit per date, in order (dates past the list are left alone); minutes move a date by up to a day either way.
      fc.array(
        fc.record({
          kind: fc.constantFrom("keep", "keep", "keep", "move", "retitle", "cancel", "delete", "missing"),
          minutes: fc.integer({ min: -96, max: 96 }).map((quarters) => quarters * 15),
        }),
        { maxLength: 40 },
      ),
      // "This and following" from a date: a new time (and title) for that date and every later one not edited alone,
      // and perhaps a new rule (the later dates it does not give are deleted, the ones it adds created).
      fc.option(fc.record({ from: fc.nat({ max: 60 }), time: fc.integer({ min: 0, max: 95 }), shape: fc.option(fc.oneof(weeklyArbitrary, monthlyArbitrary)) })),
      // "End the series" after a date: the later ones are deleted.
      fc.option(fc.nat({ max: 60 })),
    ],
    {
      numRuns: 60,
      examples: [
        // Found by this property: ended before the new rule's first date. node-ical expanded a DTSTART the rule did
        // not give (every 2 weeks on Monday from a Tuesday) to a Monday of the "wrong" week.
        [
          { start: { date: "2026-01-01", time: "00:00" }, rule: { frequency: "weekly", days: ["TU"], count: 2 } },
          [],
          { from: 0, time: 0, shape: { frequency: "biweekly", days: ["MO"] } },
          1,
        ],
      ],
    },
  )(
    "after random edits, an .ics of the series expands (node-ical) to exactly the dates that take place, at their own times",
    (case_, edits, following, endAt) => {
      const start = synchronizedStart(case_.rule, case_.start)!;
      const original = seriesDates(case_.rule, start);
      const durationMinutes = 60;
      const at = (date: string, time: string, shiftMinutes = 0) => {
        const startsAt = new Date(fromBaliDateTime(date, time).getTime() + shiftMinutes * 60_000);
        return { startsAt, endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000) };
      };
      const rows: (TSeriesDateContent & { editedAlone: boolean; missing?: boolean })[] = original.map((date) => ({
        seriesDate: date,
        takesPlace: true,
        editedAlone: false,
        title: "Sunrise Flow",
        description: "",
        location: "Ubud",
        url: `https://zenbali.test/events/sunrise-flow-${date}`,
        updatedAt: new Date(0),
        ...at(date, start.time),
      }));
      edits.forEach((edit, index) => {
        const date = rows[index];
        if (!date || edit.kind === "keep") return;
        date.editedAlone = true;
        if (edit.kind === "move") Object.assign(date, at(date.seriesDate, start.time, edit.minutes));
        if (edit.kind === "retitle") date.title = "Sunrise Flow on the beach";
        if (edit.kind === "cancel" || edit.kind === "delete") date.takesPlace = false;
        // No row at all (never created): the rule still gives the date, which does not take place.
        if (edit.kind === "missing") date.missing = true;
      });
      const dates = rows.filter((date) => !date.missing);
      let time = start.time;
      let rule = case_.rule;
      if (following && following.from < dates.length) {
        time = `${String(Math.floor(following.time / 4)).padStart(2, "0")}:${String((following.time % 4) * 15).padStart(2, "0")}`;
        const current = dates[following.from]!;
        const newRule: TRepeatRule | null = following.shape ? { ...following.shape, until: case_.rule.until, count: case_.rule.count } : null;
        const ruleDates = newRule ? new Set(seriesDates(newRule, { date: start.date, time })) : null;
        if (newRule && ruleDates && ruleDates.size > 0) rule = newRule;
        for (const date of dates.filter((candidate) => candidate.seriesDate >= current.seriesDate)) {
          if (date.editedAlone && date !== current) continue;
          if (rule !== case_.rule && !ruleDates?.has(date.seriesDate) && date !== current) date.takesPlace = false;
          else Object.assign(date, at(date.seriesDate, time), { title: "Sunrise Flow, all levels", editedAlone: false });
        }
        // The dates the new rule adds (a date that has a row, even a deleted one, is not created again).
        const known = new Set(rows.filter((row) => !row.missing).map((row) => row.seriesDate));
        if (rule !== case_.rule) {
          for (const date of seriesDates(rule, { date: start.date, time })) {
            if (date < current.seriesDate || known.has(date)) continue;
            dates.push({
              ...current,
              seriesDate: date,
              takesPlace: true,
              editedAlone: false,
              url: `https://zenbali.test/events/sunrise-flow-${date}`,
              ...at(date, time),
            });
          }
          dates.sort((a, b) => (a.seriesDate < b.seriesDate ? -1 : 1));
        }
      }
      const endedAfter = endAt !== null && endAt < dates.length ? dates[endAt]!.seriesDate : null;
      for (const date of dates) if (endedAfter && date.seriesDate > endedAfter) date.takesPlace = false;

      const last = [...original, ...dates.map((date) => date.seriesDate)].sort().at(-1)!;
      const shape = { startDate: start.date, startTime: time, durationMinutes, rule, endedAfter, datesThrough: last };
      const recurrence = planSeriesRecurrence(shape, dates);
      const template = dates.findLast((date) => !date.editedAlone) ?? rows[0]!;
      const text = buildCalendar({
        name: "Sunrise Flow",
        events: [
          {
            uid: "series@zenbali.test",
            ...template,
            updatedAt: new Date(0),
            recurrence: { ...recurrence, overrides: seriesOverrides(recurrence, template, dates) },
          },
        ],
      });
      const span = { from: fromBaliDateTime(addBaliDays(start.date, -2), "00:00"), to: fromBaliDateTime(addBaliDays(last, 2), "00:00") };
      const expanded = expandSeriesIcs(text, span);
      expect(expanded.orphanOverrides).toEqual([]);
      const key = (value: string[]) => value.join(" ");
      const theirs = expanded.instances.map((instance) => [instance.start, instance.end, instance.summary]).sort((a, b) => key(a).localeCompare(key(b)));
      const ours = dates
        .filter((date) => date.takesPlace)
        .map((date) => [date.startsAt.toISOString(), date.endsAt.toISOString(), date.title])
        .sort((a, b) => key(a).localeCompare(key(b)));
      expect(theirs).toEqual(ours);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
