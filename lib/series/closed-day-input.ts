import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { TNames } from "@/lib/reference/localized-name";
import { cleanReferenceNames } from "@/lib/reference/reference-names-input";
import { formatBaliLongDate, isValidBaliDate, startOfBaliDay, toBaliDate } from "@/lib/time/bali";

/**
 * What every closed-day use case shares: the input rules of the add form, the note a cancelled date carries, and the
 * lock that orders "add a closed day" against new dates of a series (lib/series/closed-day-dates.ts).
 */

export const CLOSED_DAY_NAME_MAX = 120;

/** Names are trimmed, with control characters and inner runs of spaces made one space, then 1–120 characters. */
const ZClosedDayName = z
  .string({ error: "Enter a name." })
  .transform((value) => value.replace(/[\p{Cc}\s]+/gu, " ").trim())
  .pipe(z.string().min(1, "Enter a name.").max(CLOSED_DAY_NAME_MAX, `The name must be at most ${CLOSED_DAY_NAME_MAX} characters.`));

/** `names`: the name in the site's other languages ({ "id": "…", "ru": "…" }), each at most 120 characters too. */
export type TClosedDayInput = { date: string; name: string; names: TNames };

function invalid(field: "date" | "name", message: string): AppError {
  return new AppError("INVALID_INPUT", message, { fields: { [field]: message } });
}

/** The date (a Bali date, today or later), the name and its translations, cleaned; INVALID_INPUT with the field otherwise. */
export function parseClosedDayInput({ date, name, names }: { date: unknown; name: unknown; names?: unknown }, now: Date): TClosedDayInput {
  const day = typeof date === "string" ? date.trim() : "";
  if (!day) throw invalid("date", "Choose a date.");
  if (!isValidBaliDate(day)) throw invalid("date", "Enter a date as YYYY-MM-DD.");
  if (day < toBaliDate(now)) throw invalid("date", "The date is in the past: a closed day is today or later.");
  const parsed = ZClosedDayName.safeParse(name);
  if (!parsed.success) throw invalid("name", parsed.error.issues[0]?.message ?? "Enter a name.");
  return { date: day, name: parsed.data, names: cleanReferenceNames(names, CLOSED_DAY_NAME_MAX) ?? {} };
}

/** The note of a date cancelled for a closed day: "Cancelled: Nyepi (island-wide day of silence)". */
export function closedDayNote(name: string): string {
  return `Cancelled: ${name}`;
}

/** "Monday, 22 March 2027" for a closed day's Bali date. */
export function formatClosedDay(date: string): string {
  return formatBaliLongDate(startOfBaliDay(date));
}

/** A closed day's date column (PostgreSQL DATE, read back as midnight UTC) as a Bali date string, and back. */
export function closedDayDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

export function closedDayColumn(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * The advisory lock (one 64-bit key) that orders adding a closed day (exclusive) against cancelling a series' new
 * dates on closed days (shared): whichever comes second sees what the first did, so no date on a closed day is
 * left listed. See lib/series/closed-day-dates.ts.
 */
export const CLOSED_DAYS_LOCK = 7_311_011;
