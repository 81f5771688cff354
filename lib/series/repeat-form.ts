import type { TLocale } from "@/lib/i18n/languages";
import { isValidBaliDate } from "@/lib/time/bali";
import { describeRepeat, SERIES_LIMITS, WEEKDAY_CODES, weekdayOf, type TRepeatRule, type TWeekday } from "./repeat-words";

/**
 * The event form's "Repeats" fields (the product contract's "Recurring series"): what they are called, what they
 * offer, and how what was typed becomes a rule. Pure and free of server code: the form (a client component) reads
 * the rule back in words with these, and the server parses the same values.
 */

export const REPEAT_FIELDS = ["repeat", "days", "monthly", "ends", "until", "count"] as const;
export type TRepeatField = (typeof REPEAT_FIELDS)[number];
/** As typed, always strings; `days` is the ticked weekdays joined with commas ("TU,TH"). */
export type TRepeatFormValues = Record<TRepeatField, string>;

export const REPEAT_OPTIONS = [
  { value: "", label: "Does not repeat" },
  { value: "weekly", label: "Every week" },
  { value: "biweekly", label: "Every 2 weeks" },
  { value: "monthly", label: "Every month" },
] as const;

export const DAY_LABELS: Record<TWeekday, string> = { MO: "Mon", TU: "Tue", WE: "Wed", TH: "Thu", FR: "Fri", SA: "Sat", SU: "Sun" };

export const EMPTY_REPEAT_FORM: TRepeatFormValues = { repeat: "", days: "", monthly: "date", ends: "never", until: "", count: "" };

/** The weekdays ticked in the form, in order, known codes only. */
export function daysOfForm(days: string): TWeekday[] {
  const ticked = new Set(days.split(","));
  return WEEKDAY_CODES.filter((code) => ticked.has(code));
}

export type TParsedRepeat = { rule: TRepeatRule | null; fields: Partial<Record<TRepeatField, string>> };

/**
 * What was typed → a rule (null: "Does not repeat"), or a message per field. Weekly and fortnightly without a
 * ticked day take the start date's weekday (the form ticks it by default). The limits that depend on the start
 * (an end within 12 months, a date that matches) are validateRepeatRule's, on the server.
 */
export function parseRepeatForm(values: Partial<TRepeatFormValues>, startDate: string): TParsedRepeat {
  const fields: TParsedRepeat["fields"] = {};
  const frequency = (values.repeat ?? "").trim();
  if (frequency === "") return { rule: null, fields };
  if (frequency !== "weekly" && frequency !== "biweekly" && frequency !== "monthly") {
    return { rule: null, fields: { repeat: "Choose how often it repeats." } };
  }
  const rule: TRepeatRule = { frequency };
  if (frequency === "monthly") {
    rule.monthly = values.monthly === "weekday" ? "weekday" : "date";
  } else {
    const days = daysOfForm(values.days ?? "");
    rule.days = days.length > 0 ? days : isValidBaliDate(startDate) ? [weekdayOf(startDate)] : [];
    if (rule.days.length === 0) fields.days = "Choose at least one day of the week.";
  }
  const ends = values.ends ?? "never";
  if (ends === "on") {
    const until = (values.until ?? "").trim();
    if (!isValidBaliDate(until)) fields.until = "Enter the last date as YYYY-MM-DD.";
    else rule.until = until;
  } else if (ends === "after") {
    const count = (values.count ?? "").trim();
    if (!/^\d{1,3}$/.test(count) || Number(count) < SERIES_LIMITS.countMin || Number(count) > SERIES_LIMITS.countMax) {
      fields.count = `Enter a number of dates from ${String(SERIES_LIMITS.countMin)} to ${String(SERIES_LIMITS.countMax)}.`;
    } else rule.count = Number(count);
  } else if (ends !== "never") {
    fields.ends = "Choose when the series ends.";
  }
  return { rule: Object.keys(fields).length === 0 ? rule : null, fields };
}

/** A stored rule as the form's values (editing a date of a series). */
export function ruleToFormValues(rule: TRepeatRule): TRepeatFormValues {
  return {
    repeat: rule.frequency,
    days: (rule.days ?? []).join(","),
    monthly: rule.monthly ?? "date",
    ends: rule.until ? "on" : rule.count ? "after" : "never",
    until: rule.until ?? "",
    count: rule.count ? String(rule.count) : "",
  };
}

/** The read-back under the fields, in the page's language: "Every Tue and Thu at 07:00 until 31 Mar 2027"; null while it does not repeat or cannot be read yet. */
export function repeatSummary(values: Partial<TRepeatFormValues>, start: { date: string; time: string }, locale: TLocale = "en"): string | null {
  if (!isValidBaliDate(start.date) || !/^\d\d:\d\d$/.test(start.time)) return null;
  const { rule } = parseRepeatForm(values, start.date);
  return rule ? describeRepeat(rule, start, { full: true, locale }) : null;
}
