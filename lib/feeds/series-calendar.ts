import { allSeriesDates, lastPaidDate, synchronizedStart, toRRule, type TRepeatRule, type TSeriesStart } from "@/lib/series/repeat-rule";
import { fromBaliDateTime } from "@/lib/time/bali";
import type { TIcsOccurrence, TIcsRecurrence } from "./ics";

/**
 * A series as a calendar app must see it (RFC 5545 §3.8.5), computed from its rule and from its dates as they are
 * (rows of `events`), so that the recurrence expands to exactly the dates the site lists, at their own times:
 *
 * - the master: DTSTART at the series' first date and time (moved to the rule's first date if the rule no longer
 *   gives the stored one, since RFC 5545 leaves an unsynchronized DTSTART undefined), the RRULE, ended at "End the
 *   series" (UNTIL, or COUNT replaced by UNTIL when the end comes first: the two may not be combined), and, for a
 *   series that runs on ("Never"), at the last date its posting fee covers (12 months);
 * - EXDATE: every date the rule gives that has no date taking place (cancelled, unpublished, deleted, or missing:
 *   missing only up to the dates that exist, `dates_through`, for a rule that runs on; beyond it the dates are
 *   still to be created);
 * - RDATE: every date that takes place whose original date (`series_date`) the rule does not give (the rule was
 *   changed after it, or it precedes the series' first date);
 * - an override per date that takes place and differs from what the master gives it (start, end, title, location
 *   or description), identified by its original date at the series' time (RECURRENCE-ID).
 *
 * Pure: the caller reads the rows (series-of-event.ts).
 */

/** A series as stored, in Bali dates and a Bali time. */
export type TSeriesShape = {
  startDate: string;
  startTime: string;
  durationMinutes: number;
  rule: TRepeatRule;
  /** "End the series": no date after this Bali date. */
  endedAfter: string | null;
  /** How far its dates exist (a series that runs on is kept 12 weeks ahead). */
  datesThrough: string | null;
};

/** One date row: its original date and whether it takes place (published and not deleted). */
export type TSeriesDateState = { seriesDate: string; takesPlace: boolean };

/** The master's recurrence, without overrides. */
export type TSeriesRecurrence = Required<Pick<TIcsRecurrence, "start" | "rrule" | "durationMinutes" | "cancelledDates" | "addedDates">>;

/** A recurrence of DTSTART alone. */
const ONLY_DTSTART = "FREQ=DAILY;COUNT=1";

function later(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a > b ? a : b;
}

function earlier(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

/** Whether a series runs on ("Never"): its dates are created as time goes, up to `dates_through`. */
function runsOn(rule: TRepeatRule): boolean {
  return rule.until === undefined && rule.count === undefined;
}

/** The rule the master is written with: the series' rule, ended at "End the series" or at its last paid date if that comes first. */
function masterRule(series: TSeriesShape, stored: TSeriesStart): TRepeatRule {
  const { rule } = series;
  const end = earlier(series.endedAfter, runsOn(rule) ? lastPaidDate(stored.date) : null);
  if (!end) return rule;
  const { frequency, days, monthly } = rule;
  const base: TRepeatRule = { frequency, ...(days ? { days } : {}), ...(monthly ? { monthly } : {}) };
  if (rule.count !== undefined) {
    // COUNT and UNTIL may not both be given: keep COUNT if the counted dates end first, else end at the end.
    const counted = allSeriesDates(rule, stored);
    return (counted.at(-1) ?? "") <= end ? rule : { ...base, until: end };
  }
  return { ...base, until: rule.until !== undefined && rule.until < end ? rule.until : end };
}

/** The master VEVENT's start, RRULE, EXDATEs and RDATEs for a series and the states of its dates. */
export function planSeriesRecurrence(series: TSeriesShape, dates: readonly TSeriesDateState[]): TSeriesRecurrence {
  const stored = { date: series.startDate, time: series.startTime };
  const rule = masterRule(series, stored);
  const start = synchronizedStart(rule, stored) ?? stored;
  const lastTakingPlace = dates.reduce<string | null>((last, date) => (date.takesPlace ? later(last, date.seriesDate) : last), null);
  // Where a missing date counts as not taking place: everywhere for a rule with an end; for one that runs on, up to
  // the dates that exist (later ones are still to be created).
  const horizon = runsOn(series.rule) ? (later(series.datesThrough, lastTakingPlace) ?? start.date) : null;
  // The master always ends (a series that runs on, at its last paid date): its dates are all expanded.
  let produced = allSeriesDates(rule, start);
  let rrule = toRRule(rule, start);
  if (produced.length === 0) {
    // The rule gives no date at all (ended before its first one): a DTSTART it does not give is read differently
    // by different calendar apps, so the master is its DTSTART alone, which all of them read the same way.
    produced = [start.date];
    rrule = ONLY_DTSTART;
  }
  const givenByRule = new Set(produced);
  const byDate = new Map(dates.map((date) => [date.seriesDate, date]));
  const cancelledDates = produced.filter((date) => {
    const row = byDate.get(date);
    return row ? !row.takesPlace : horizon === null || date <= horizon;
  });
  const addedDates = dates
    .filter((date) => date.takesPlace && !givenByRule.has(date.seriesDate))
    .map((date) => date.seriesDate)
    .sort();
  return {
    start: `${start.date}T${start.time}`,
    rrule,
    durationMinutes: series.durationMinutes,
    cancelledDates,
    addedDates,
  };
}

/** A date with what a calendar shows of it. */
export type TSeriesDateContent = TSeriesDateState & Omit<TIcsOccurrence, "date">;

/** What the master says (template: the series' latest date not edited on its own): its text fields. */
export type TSeriesTemplate = Pick<TIcsOccurrence, "title" | "description" | "location">;

/**
 * The dates that take place and differ from what the master gives them (its start and length at their original
 * date, the template's title, location and description): each becomes an override VEVENT.
 */
export function seriesOverrides(recurrence: TSeriesRecurrence, template: TSeriesTemplate, dates: readonly TSeriesDateContent[]): TIcsOccurrence[] {
  const time = recurrence.start.slice(11, 16);
  return dates
    .filter((date) => {
      if (!date.takesPlace) return false;
      const startsAt = fromBaliDateTime(date.seriesDate, time).getTime();
      return (
        date.startsAt.getTime() !== startsAt ||
        date.endsAt.getTime() !== startsAt + recurrence.durationMinutes * 60_000 ||
        date.title !== template.title ||
        date.location !== template.location ||
        date.description !== template.description
      );
    })
    .sort((a, b) => (a.seriesDate < b.seriesDate ? -1 : 1))
    .map(({ seriesDate, takesPlace: _takesPlace, ...occurrence }) => ({ ...occurrence, date: seriesDate }));
}

/** Calendar apps take a copy with a higher SEQUENCE over theirs: see seriesSequence. */
const SEQUENCE_EPOCH = Date.UTC(2026, 0, 1);

/**
 * The SEQUENCE of a series' .ics: the seconds from 2026-01-01 (UTC) to its latest change (the series row, or any
 * of its dates: updated, cancelled or deleted). Every saved change moves it up, so calendar apps take the new copy;
 * it starts above the 0 written before and stays below 2^31 (RFC 5545's INTEGER) until the year 2094. Two changes
 * within one second share a number (the copy is still replaced on the next refresh of a subscription).
 */
export function seriesSequence(latestChange: Date): number {
  return Math.min(2 ** 31 - 1, Math.max(0, Math.floor((latestChange.getTime() - SEQUENCE_EPOCH) / 1000)));
}
