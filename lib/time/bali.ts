/**
 * Bali time (WITA, Asia/Makassar) is UTC+8 all year: no daylight saving. All
 * arithmetic here uses that fixed offset, so results never depend on the
 * server's TZ. A "Bali date" is a YYYY-MM-DD string of the calendar day in Bali.
 */
export const BALI_TIME_ZONE = "Asia/Makassar";
const BALI_OFFSET_MINUTES = 8 * 60;
const OFFSET_MS = BALI_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** Parts of an instant as seen on a clock in Bali. */
function baliParts(instant: Date) {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(), // 0 = Sunday
  };
}

const pad = (value: number, length = 2) => String(value).padStart(length, "0");

/** "2026-11-25" for the Bali calendar day of an instant. */
export function toBaliDate(instant: Date): string {
  const { year, month, day } = baliParts(instant);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** "19:30" on a Bali clock. */
export function toBaliTime(instant: Date): string {
  const { hour, minute } = baliParts(instant);
  return `${pad(hour)}:${pad(minute)}`;
}

/** ISO 8601 with the +08:00 offset, e.g. "2026-11-25T19:30:00+08:00" (for JSON-LD). */
export function toBaliIso(instant: Date): string {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidBaliDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** The instant of 00:00 in Bali on a Bali date. */
export function startOfBaliDay(baliDate: string): Date {
  const match = DATE_PATTERN.exec(baliDate);
  if (!match) throw new Error(`Not a date: ${baliDate}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - OFFSET_MS);
}

/** The instant of a Bali wall-clock date and time ("2026-11-25", "19:30"). */
export function fromBaliDateTime(baliDate: string, time: string): Date {
  const [hour, minute] = time.split(":").map(Number);
  return new Date(startOfBaliDay(baliDate).getTime() + ((hour ?? 0) * 60 + (minute ?? 0)) * 60_000);
}

export function addBaliDays(baliDate: string, days: number): string {
  return toBaliDate(new Date(startOfBaliDay(baliDate).getTime() + days * DAY_MS));
}

export type TWhen = "any" | "today" | "tonight" | "tomorrow" | "weekend" | "week" | "next30";

/**
 * The [start, end) window for a "When" choice, computed in Bali time.
 * "This weekend" is Saturday and Sunday (from now if it is already the weekend);
 * "This week" runs to the end of Sunday. "Tonight" is 17:00 today to 04:00
 * tomorrow: an event running at any time in it matches.
 */
export function windowForWhen(when: TWhen, now: Date): { start: Date; end: Date } | null {
  const today = toBaliDate(now);
  const weekday = baliParts(now).weekday;
  switch (when) {
    case "any":
      return null;
    case "today":
      return { start: startOfBaliDay(today), end: startOfBaliDay(addBaliDays(today, 1)) };
    case "tonight":
      return { start: fromBaliDateTime(today, "17:00"), end: fromBaliDateTime(addBaliDays(today, 1), "04:00") };
    case "tomorrow":
      return { start: startOfBaliDay(addBaliDays(today, 1)), end: startOfBaliDay(addBaliDays(today, 2)) };
    case "weekend": {
      const daysUntilSaturday = weekday === 0 ? -1 : 6 - weekday;
      const saturday = addBaliDays(today, daysUntilSaturday);
      return { start: startOfBaliDay(saturday), end: startOfBaliDay(addBaliDays(saturday, 2)) };
    }
    case "week": {
      const daysUntilMonday = weekday === 0 ? 1 : 8 - weekday;
      return { start: startOfBaliDay(today), end: startOfBaliDay(addBaliDays(today, daysUntilMonday)) };
    }
    case "next30":
      return { start: startOfBaliDay(today), end: startOfBaliDay(addBaliDays(today, 31)) };
  }
}

/** Monday to Sunday, as a Bali date's weekday number (0 = Sunday) maps to its place in a Monday-first week. */
function mondayFirstIndex(weekday: number): number {
  return (weekday + 6) % 7;
}

/** The weekday of a Bali date, 0 = Sunday. */
export function baliWeekday(baliDate: string): number {
  return baliParts(startOfBaliDay(baliDate)).weekday;
}

/** The Monday of the Bali week (Monday to Sunday) a Bali date is in. */
export function mondayOfBaliWeek(baliDate: string): string {
  return addBaliDays(baliDate, -mondayFirstIndex(baliWeekday(baliDate)));
}

const ISO_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

/** The ISO 8601 week of a Bali date, e.g. "2026-W50" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(baliDate: string): string {
  const thursday = addBaliDays(mondayOfBaliWeek(baliDate), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${String(year).padStart(4, "0")}-01-01T00:00:00Z`)) / DAY_MS / 7) + 1;
  return `${String(year).padStart(4, "0")}-W${pad(week)}`;
}

/** The Monday (a Bali date) of an ISO week such as "2026-W50", or null when the text is not a week that exists. */
export function mondayOfIsoWeek(isoWeek: string): string | null {
  const match = ISO_WEEK_PATTERN.exec(isoWeek);
  if (!match) return null;
  const [year, week] = [Number(match[1]), Number(match[2])];
  if (year < 1 || week < 1) return null;
  // Week 1 is the week with 4 January in it.
  const january4 = `${String(year).padStart(4, "0")}-01-04`;
  const monday = addBaliDays(mondayOfBaliWeek(january4), (week - 1) * 7);
  return isoWeekOf(monday) === isoWeek ? monday : null;
}

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

/** The first day (a Bali date) of a month such as "2026-12", or null when the text is not a month. */
export function firstDayOfMonth(month: string): string | null {
  const match = MONTH_PATTERN.exec(month);
  if (!match) return null;
  const first = `${match[1] ?? ""}-${match[2] ?? ""}-01`;
  return isValidBaliDate(first) && Number(match[1]) > 0 ? first : null;
}

/** "2026-12" for the month of a Bali date. */
export function monthOf(baliDate: string): string {
  return baliDate.slice(0, 7);
}

/** The first day of the month `months` after (or before) the month of a Bali date. */
export function addMonths(baliDate: string, months: number): string {
  const [year, month] = [Number(baliDate.slice(0, 4)), Number(baliDate.slice(5, 7))];
  const index = year * 12 + (month - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${pad((index % 12) + 1)}-01`;
}

const dateFormatter = new Intl.DateTimeFormat("en-GB", { timeZone: BALI_TIME_ZONE, weekday: "short", day: "numeric", month: "short", year: "numeric" });
const longDateFormatter = new Intl.DateTimeFormat("en-GB", { timeZone: BALI_TIME_ZONE, weekday: "long", day: "numeric", month: "long", year: "numeric" });

const dayHeadingFormatter = new Intl.DateTimeFormat("en-GB", { timeZone: BALI_TIME_ZONE, weekday: "long", day: "numeric", month: "long" });
const monthFormatter = new Intl.DateTimeFormat("en-GB", { timeZone: BALI_TIME_ZONE, month: "long", year: "numeric" });
const shortDayFormatter = new Intl.DateTimeFormat("en-GB", { timeZone: BALI_TIME_ZONE, day: "numeric", month: "short" });

/** "Tuesday 8 December" for a Bali date (the agenda's day headings). */
export function formatBaliDayHeading(baliDate: string): string {
  return dayHeadingFormatter.format(startOfBaliDay(baliDate)).replace(",", "");
}

/** "December 2026" for a month's first day. */
export function formatBaliMonth(baliDate: string): string {
  return monthFormatter.format(startOfBaliDay(baliDate));
}

/** "8 Dec" for a Bali date. */
export function formatBaliShortDay(baliDate: string): string {
  return shortDayFormatter.format(startOfBaliDay(baliDate));
}

/** "Wed, 25 Nov 2026" in Bali. */
export function formatBaliDate(instant: Date): string {
  return dateFormatter.format(instant);
}

/** "Wednesday, 25 November 2026" in Bali. */
export function formatBaliLongDate(instant: Date): string {
  return longDateFormatter.format(instant);
}

/** "Wed, 25 Nov 2026 · 19:30" in Bali. */
export function formatBaliDateTime(instant: Date): string {
  return `${formatBaliDate(instant)} · ${toBaliTime(instant)}`;
}

/** "2 hours 30 minutes", "3 days", "1 day 2 hours". */
export function formatDuration(totalMinutes: number): string {
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} ${days === 1 ? "day" : "days"}`);
  if (hours) parts.push(`${hours} ${hours === 1 ? "hour" : "hours"}`);
  if (minutes) parts.push(`${minutes} minutes`);
  return parts.join(" ") || "0 minutes";
}
