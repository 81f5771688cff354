/**
 * The dates of a series rule, by plain calendar arithmetic, for the benchmark seed (scripts/bench/seed.ts).
 *
 * The app expands a rule with rrule-temporal (`seriesDates` in lib/series/repeat-rule.ts), about 4 ms a series:
 * 20 s for the seed's 5,000. Bali keeps one offset all year, so a rule's dates are a matter of calendar days, and
 * this gives the same dates in a few microseconds. The seed checks a sample of its series against `seriesDates`,
 * so the two cannot drift apart unnoticed.
 */
import type { TRepeatRule, TWeekday } from "../../lib/series/repeat-words";

const DAY_MS = 86_400_000;
const WEEKDAYS: readonly TWeekday[] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/** Days since 1970-01-01 of a "YYYY-MM-DD" date. */
function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 for Monday … 6 for Sunday. */
function weekdayIndex(day: number): number {
  return (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * Every date of `rule` from `first` (a date the rule gives: the series' start_date), in order: all of them for a
 * rule with an end (`until`, inclusive, or `count`), and up to `through` (inclusive) for one that runs on.
 * Monthly rules repeat the first date's day of the month ("date"; months without it are skipped) or its weekday
 * position ("weekday": the 1st to 4th, or the last when the first date is past the 28th), as the app's RRULE does.
 */
export function benchSeriesDates(rule: TRepeatRule, first: string, { through }: { through?: string } = {}): string[] {
  const start = dayNumber(first);
  const limits = [rule.until, through].filter((value): value is string => value !== undefined).map(dayNumber);
  const last = limits.length > 0 ? Math.min(...limits) : Number.POSITIVE_INFINITY;
  if (last === Number.POSITIVE_INFINITY && rule.count === undefined) throw new Error("A series that runs on needs `through`");
  const dates: string[] = [];
  const add = (day: number): boolean => {
    if (day > last) return false;
    dates.push(dateOf(day));
    return rule.count === undefined || dates.length < rule.count;
  };

  if (rule.frequency !== "monthly") {
    const interval = rule.frequency === "biweekly" ? 2 : 1;
    const offsets = (rule.days ?? [WEEKDAYS[weekdayIndex(start)] ?? "MO"]).map((code) => WEEKDAYS.indexOf(code)).sort((a, b) => a - b);
    const monday = start - weekdayIndex(start);
    for (let week = 0; ; week += interval) {
      for (const offset of offsets) {
        const day = monday + week * 7 + offset;
        if (day >= start && !add(day)) return dates;
      }
    }
  }

  const startDate = new Date(start * DAY_MS);
  const dayOfMonth = startDate.getUTCDate();
  const weekday = weekdayIndex(start);
  const position = Math.ceil(dayOfMonth / 7) >= 5 ? -1 : Math.ceil(dayOfMonth / 7);
  for (let months = 0; ; months++) {
    const year = startDate.getUTCFullYear() + Math.floor((startDate.getUTCMonth() + months) / 12);
    const month = (startDate.getUTCMonth() + months) % 12;
    const firstOfMonth = Date.UTC(year, month, 1) / DAY_MS;
    const length = daysInMonth(year, month);
    if (firstOfMonth > last) return dates;
    let day: number;
    if (rule.monthly === "weekday") {
      if (position > 0) day = firstOfMonth + ((weekday - weekdayIndex(firstOfMonth) + 7) % 7) + (position - 1) * 7;
      else {
        const lastOfMonth = firstOfMonth + length - 1;
        day = lastOfMonth - ((weekdayIndex(lastOfMonth) - weekday + 7) % 7);
      }
    } else {
      if (dayOfMonth > length) continue;
      day = firstOfMonth + dayOfMonth - 1;
    }
    if (day >= start && !add(day)) return dates;
  }
}
