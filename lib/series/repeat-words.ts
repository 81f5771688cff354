import { baliWeekday, formatBaliDate, startOfBaliDay } from "@/lib/time/bali";

/**
 * A series' rule and its words, without the RFC 5545 engine (lib/series/repeat-rule.ts): the creator's form reads
 * its summary back with these in the browser, so nothing here may pull rrule-temporal into the page's JavaScript.
 */

export const WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type TWeekday = (typeof WEEKDAY_CODES)[number];
const WEEKDAY_NAMES: Record<TWeekday, { short: string; long: string }> = {
  MO: { short: "Mon", long: "Monday" },
  TU: { short: "Tue", long: "Tuesday" },
  WE: { short: "Wed", long: "Wednesday" },
  TH: { short: "Thu", long: "Thursday" },
  FR: { short: "Fri", long: "Friday" },
  SA: { short: "Sat", long: "Saturday" },
  SU: { short: "Sun", long: "Sunday" },
};

export type TRepeatFrequency = "weekly" | "biweekly" | "monthly";

/** A series' rule. `until` (a Bali date, inclusive) or `count`, or neither: it runs on ("Never"). */
export type TRepeatRule = {
  frequency: TRepeatFrequency;
  /** Weekly and fortnightly: the weekdays, at least one. */
  days?: TWeekday[];
  /** Monthly: on the start's day of the month ("date") or on its weekday, e.g. the 2nd Saturday ("weekday"). */
  monthly?: "date" | "weekday";
  until?: string;
  count?: number;
};

/** When the first date is: a Bali date and a Bali wall-clock time. */
export type TSeriesStart = { date: string; time: string };

export const SERIES_LIMITS = { countMin: 2, countMax: 200, untilMonthsMax: 12, rollingWeeks: 12 } as const;

/** The weekday code of a Bali date. */
export function weekdayOf(baliDate: string): TWeekday {
  return WEEKDAY_CODES[(baliWeekday(baliDate) + 6) % 7] ?? "MO";
}

/** The position of a Bali date's weekday in its month: 1 to 4, or -1 for a date in the month's last seven days past the 4th. */
export function weekdayPosition(baliDate: string): number {
  const day = Number(baliDate.slice(8));
  const position = Math.ceil(day / 7);
  return position >= 5 ? -1 : position;
}

export function sortedDays(days: readonly TWeekday[]): TWeekday[] {
  return WEEKDAY_CODES.filter((code) => days.includes(code));
}

/** "Tue and Thu", "Mon, Wed and Fri". */
function listOfDays(days: readonly TWeekday[], form: "short" | "long"): string {
  const names = sortedDays(days).map((code) => WEEKDAY_NAMES[code][form]);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;
}

function ordinal(value: number): string {
  const tens = value % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[value % 10] ?? "th");
  return `${String(value)}${suffix}`;
}

/**
 * The rule in words. Short (a card): "Every Tue and Thu", "Every 2 weeks on Sun", "Every month on the 2nd
 * Saturday". Full (the form's read-back and the event page): with the time and the end, "Every Tue and Thu at
 * 07:00 until 31 Mar 2027".
 */
export function describeRepeat(rule: TRepeatRule, start: TSeriesStart, { full = false }: { full?: boolean } = {}): string {
  let words: string;
  if (rule.frequency === "monthly") {
    const position = weekdayPosition(start.date);
    words =
      rule.monthly === "weekday"
        ? `Every month on the ${position === -1 ? "last" : ordinal(position)} ${WEEKDAY_NAMES[weekdayOf(start.date)].long}`
        : `Every month on the ${ordinal(Number(start.date.slice(8)))}`;
  } else {
    const days = listOfDays(rule.days ?? [weekdayOf(start.date)], "short");
    words = rule.frequency === "biweekly" ? `Every 2 weeks on ${days}` : `Every ${days}`;
  }
  if (!full) return words;
  words += ` at ${start.time}`;
  if (rule.until) words += ` until ${formatBaliDate(startOfBaliDay(rule.until)).replace(/^\w+, /, "")}`;
  if (rule.count) words += `, ${String(rule.count)} dates`;
  return words;
}
