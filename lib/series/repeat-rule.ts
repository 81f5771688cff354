import { RRuleTemporal } from "rrule-temporal";
import { AppError } from "@/lib/errors";
import { addBaliDays, addMonths, baliWeekday, formatBaliDate, isValidBaliDate, startOfBaliDay } from "@/lib/time/bali";

/**
 * How a series repeats (the product contract's "Recurring series"): the rule in the words of the form and of
 * `POST /api/v1/events`' `repeat`, turned into an RFC 5545 RRULE and expanded by rrule-temporal in Bali's time
 * zone, so that a 07:00 class on Tuesdays stays 07:00 on a Tuesday in Bali (23:00 on Monday in UTC).
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

/**
 * Checks a rule against its start, as the form and the API must (AppError INVALID_INPUT with a message per
 * field): weekdays for a weekly rule, an end on or after the start and at most 12 months after it, 2 to 200 dates.
 */
export function validateRepeatRule(rule: TRepeatRule, start: TSeriesStart): void {
  const fields: Record<string, string> = {};
  if (rule.frequency !== "monthly" && (!rule.days || rule.days.length === 0)) fields.days = "Choose at least one day of the week.";
  if (rule.until !== undefined && rule.count !== undefined) fields.ends = "Choose an end date or a number of dates, not both.";
  if (rule.until !== undefined) {
    const latest = addBaliDays(addMonths(start.date, SERIES_LIMITS.untilMonthsMax), Number(start.date.slice(8)) - 1);
    if (!isValidBaliDate(rule.until)) fields.until = "Enter the end date as YYYY-MM-DD.";
    else if (rule.until < start.date) fields.until = "The series must end on or after its first date.";
    else if (rule.until > latest) fields.until = "A series can run for at most 12 months.";
  }
  if (rule.count !== undefined && (!Number.isInteger(rule.count) || rule.count < SERIES_LIMITS.countMin || rule.count > SERIES_LIMITS.countMax)) {
    fields.count = `The number of dates must be between ${String(SERIES_LIMITS.countMin)} and ${String(SERIES_LIMITS.countMax)}.`;
  }
  if (Object.keys(fields).length === 0 && seriesDates(rule, start, { limit: 1 }).length === 0) fields.days = "No date matches these settings.";
  if (Object.keys(fields).length > 0) throw new AppError("INVALID_INPUT", "The repeat settings are not valid.", { fields });
}

/**
 * The start moved to the series' first date. RFC 5545 leaves a DTSTART that the rule does not produce undefined
 * (some calendar apps count it as a date, some do not), so a series is stored, and written to an .ics, from its
 * first real date; the dates stay the same. Null when the rule gives no date at all.
 */
export function synchronizedStart(rule: TRepeatRule, start: TSeriesStart): TSeriesStart | null {
  const [first] = seriesDates(rule, start, { limit: 1 });
  return first === undefined ? null : { date: first, time: start.time };
}

/** The position of a Bali date's weekday in its month: 1 to 4, or -1 for a date in the month's last seven days past the 4th. */
function weekdayPosition(baliDate: string): number {
  const day = Number(baliDate.slice(8));
  const position = Math.ceil(day / 7);
  return position >= 5 ? -1 : position;
}

/** The instant just before the Bali day after `until` begins, as RFC 5545 wants UNTIL with a zoned DTSTART: UTC. */
function untilUtc(until: string): string {
  const last = new Date(startOfBaliDay(addBaliDays(until, 1)).getTime() - 1000);
  return `${last.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

/** The RRULE value (without "RRULE:") of a rule starting at `start`. */
export function toRRule(rule: TRepeatRule, start: TSeriesStart): string {
  const parts: string[] = [];
  if (rule.frequency === "monthly") {
    parts.push("FREQ=MONTHLY");
    if (rule.monthly === "weekday") parts.push(`BYDAY=${String(weekdayPosition(start.date))}${weekdayOf(start.date)}`);
    else parts.push(`BYMONTHDAY=${String(Number(start.date.slice(8)))}`);
  } else {
    parts.push("FREQ=WEEKLY");
    if (rule.frequency === "biweekly") parts.push("INTERVAL=2");
    parts.push(`BYDAY=${sortedDays(rule.days ?? [weekdayOf(start.date)]).join(",")}`, "WKST=MO");
  }
  if (rule.until) parts.push(`UNTIL=${untilUtc(rule.until)}`);
  if (rule.count) parts.push(`COUNT=${String(rule.count)}`);
  return parts.join(";");
}

/** DTSTART with Bali's time zone: "DTSTART;TZID=Asia/Makassar:20261208T070000". */
function dtstartLine(start: TSeriesStart): string {
  return `DTSTART;TZID=Asia/Makassar:${start.date.replace(/-/g, "")}T${start.time.replace(":", "")}00`;
}

function sortedDays(days: readonly TWeekday[]): TWeekday[] {
  return WEEKDAY_CODES.filter((code) => days.includes(code));
}

/**
 * The dates of a series (Bali dates, in order): all of them for a rule with an end, and for one without, those up
 * to and including `through`. At most `limit`.
 */
export function seriesDates(rule: TRepeatRule, start: TSeriesStart, { through, limit = 400 }: { through?: string; limit?: number } = {}): string[] {
  const recurrence = new RRuleTemporal({ rruleString: `${dtstartLine(start)}\nRRULE:${toRRule(rule, start)}` });
  const dates: string[] = [];
  recurrence.all((occurrence, index) => {
    if (index >= limit) return false;
    const date = occurrence.toPlainDate().toString();
    if (through !== undefined && date > through) return false;
    dates.push(date);
    return true;
  });
  return dates;
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

/** A series' rule as stored (the columns of event_series). */
export type TStoredRule = {
  frequency: "WEEKLY" | "BIWEEKLY" | "MONTHLY";
  weekdays: string[];
  monthly: "DATE" | "WEEKDAY" | null;
  untilDate: Date | null;
  dateCount: number | null;
};

/** A `date` column as Prisma returns it (midnight UTC) → a Bali date string. */
export function dateColumn(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** The rule of a stored series. */
export function ruleOfSeries(series: TStoredRule): TRepeatRule {
  const rule: TRepeatRule = { frequency: series.frequency === "WEEKLY" ? "weekly" : series.frequency === "BIWEEKLY" ? "biweekly" : "monthly" };
  if (rule.frequency === "monthly") rule.monthly = series.monthly === "WEEKDAY" ? "weekday" : "date";
  else rule.days = series.weekdays as TWeekday[];
  if (series.untilDate) rule.until = dateColumn(series.untilDate);
  if (series.dateCount) rule.count = series.dateCount;
  return rule;
}

