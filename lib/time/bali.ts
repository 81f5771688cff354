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

export type TWhen = "any" | "today" | "tomorrow" | "weekend" | "week" | "next30";

/**
 * The [start, end) window for a "When" choice, computed in Bali time.
 * "This weekend" is Saturday and Sunday (from now if it is already the weekend);
 * "This week" runs to the end of Sunday.
 */
export function windowForWhen(when: TWhen, now: Date): { start: Date; end: Date } | null {
  const today = toBaliDate(now);
  const weekday = baliParts(now).weekday;
  switch (when) {
    case "any":
      return null;
    case "today":
      return { start: startOfBaliDay(today), end: startOfBaliDay(addBaliDays(today, 1)) };
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

const dateFormatter = new Intl.DateTimeFormat("en-GB", { timeZone: BALI_TIME_ZONE, weekday: "short", day: "numeric", month: "short", year: "numeric" });
const longDateFormatter = new Intl.DateTimeFormat("en-GB", { timeZone: BALI_TIME_ZONE, weekday: "long", day: "numeric", month: "long", year: "numeric" });

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
