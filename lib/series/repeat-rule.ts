import { RRuleTemporal } from "rrule-temporal";
import { AppError } from "@/lib/errors";
import { addBaliDays, addMonths, isValidBaliDate, startOfBaliDay } from "@/lib/time/bali";
import { SERIES_LIMITS, sortedDays, weekdayOf, weekdayPosition, type TRepeatRule, type TSeriesStart, type TWeekday } from "./repeat-words";

export {
  describeRepeat,
  SERIES_LIMITS,
  WEEKDAY_CODES,
  weekdayOf,
  type TRepeatFrequency,
  type TRepeatRule,
  type TSeriesStart,
  type TWeekday,
} from "./repeat-words";

/**
 * How a series repeats (the product contract's "Recurring series"): the rule in the words of the form and of
 * `POST /api/v1/events`' `repeat`, turned into an RFC 5545 RRULE and expanded by rrule-temporal in Bali's time
 * zone, so that a 07:00 class on Tuesdays stays 07:00 on a Tuesday in Bali (23:00 on Monday in UTC).
 */

/**
 * Checks a rule against its start, as the form and the API must (AppError INVALID_INPUT with a message per
 * field): weekdays for a weekly rule, an end on or after the start and at most 12 months after it, 2 to 200 dates.
 */
export function validateRepeatRule(rule: TRepeatRule, start: TSeriesStart): void {
  const fields: Record<string, string> = {};
  if (rule.frequency !== "monthly" && (!rule.days || rule.days.length === 0)) fields.days = "Choose at least one day of the week.";
  if (rule.until !== undefined && rule.count !== undefined) fields.ends = "Choose an end date or a number of dates, not both.";
  if (rule.until !== undefined) {
    const latest = lastPaidDate(start.date);
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
 * The last date one posting fee covers, and the latest end a rule may have: the same day 12 months after the first
 * date. A series that runs on ("Never") stops there too.
 */
export function lastPaidDate(firstDate: string): string {
  return addBaliDays(addMonths(firstDate, SERIES_LIMITS.untilMonthsMax), Number(firstDate.slice(8)) - 1);
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

/**
 * The dates of a rule that ends (`until` or `count`), all at once: the same as seriesDates, several times faster
 * (rrule-temporal's all() without a callback), for the whole-series calendar, which expands a series on each read.
 */
export function allSeriesDates(rule: TRepeatRule, start: TSeriesStart): string[] {
  if (rule.until === undefined && rule.count === undefined) throw new Error("allSeriesDates needs a rule with an end.");
  const recurrence = new RRuleTemporal({ rruleString: `${dtstartLine(start)}\nRRULE:${toRRule(rule, start)}` });
  return recurrence.all().map((occurrence) => occurrence.toPlainDate().toString());
}
