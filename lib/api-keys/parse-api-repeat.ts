import { AppError } from "@/lib/errors";
import { validateRepeatRule, type TRepeatRule, type TSeriesStart } from "@/lib/series/repeat-rule";
import { SERIES_LIMITS, WEEKDAY_CODES, weekdayOf, type TWeekday } from "@/lib/series/repeat-words";
import { isValidBaliDate } from "@/lib/time/bali";

/**
 * `repeat` in the body of POST /api/v1/events (the product contract's "Recurring series"):
 * `{ "frequency": "weekly" | "biweekly" | "monthly", "days": ["TU","TH"], "monthly": "date" | "weekday", "until": "YYYY-MM-DD", "count": N }`,
 * with `until` or `count` or neither. Absent or null: the event does not repeat. Messages are keyed `repeat.<field>`.
 * Weekly and fortnightly rules without `days` take the start date's weekday, as the form does.
 */
export function parseApiRepeat(raw: unknown, startDate: string): { rule: TRepeatRule | null; fields: Record<string, string> } {
  if (raw === undefined || raw === null) return { rule: null, fields: {} };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return { rule: null, fields: { repeat: "Send repeat as an object: { frequency, days, monthly, until, count }." } };
  }
  const body = raw as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const frequency = body.frequency;
  if (frequency !== "weekly" && frequency !== "biweekly" && frequency !== "monthly") {
    return { rule: null, fields: { "repeat.frequency": "Use weekly, biweekly or monthly." } };
  }
  const rule: TRepeatRule = { frequency };
  if (frequency === "monthly") {
    if (body.monthly !== undefined && body.monthly !== "date" && body.monthly !== "weekday") fields["repeat.monthly"] = "Use date or weekday.";
    rule.monthly = body.monthly === "weekday" ? "weekday" : "date";
  } else if (body.days === undefined) {
    if (isValidBaliDate(startDate)) rule.days = [weekdayOf(startDate)];
  } else if (
    !Array.isArray(body.days) ||
    body.days.length === 0 ||
    body.days.length > 7 ||
    !body.days.every((day) => typeof day === "string" && (WEEKDAY_CODES as readonly string[]).includes(day))
  ) {
    fields["repeat.days"] = `Send days as a list of ${WEEKDAY_CODES.join(", ")}, e.g. ["TU","TH"].`;
  } else {
    rule.days = WEEKDAY_CODES.filter<TWeekday>((code): code is TWeekday => (body.days as string[]).includes(code));
  }
  if (body.until !== undefined && body.until !== null) {
    if (typeof body.until !== "string" || !isValidBaliDate(body.until)) fields["repeat.until"] = "Send until as a date, YYYY-MM-DD.";
    else rule.until = body.until;
  }
  if (body.count !== undefined && body.count !== null) {
    if (typeof body.count !== "number" || !Number.isInteger(body.count) || body.count < SERIES_LIMITS.countMin || body.count > SERIES_LIMITS.countMax) {
      fields["repeat.count"] = `Send count as a whole number from ${String(SERIES_LIMITS.countMin)} to ${String(SERIES_LIMITS.countMax)}.`;
    } else rule.count = body.count;
  }
  return Object.keys(fields).length > 0 ? { rule: null, fields } : { rule, fields };
}

/** validateRepeatRule with its messages keyed like the API's (`repeat.until`, …). */
export function validateApiRepeat(rule: TRepeatRule, start: TSeriesStart): Record<string, string> {
  try {
    validateRepeatRule(rule, start);
    return {};
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return Object.fromEntries(Object.entries(error.fields ?? {}).map(([field, message]) => [`repeat.${field === "ends" ? "until" : field}`, message]));
  }
}
