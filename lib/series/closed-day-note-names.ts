import "server-only";
import { db, Prisma } from "@/lib/db";
import { namesOf, type TNames } from "@/lib/reference/localized-name";
import { toBaliDate } from "@/lib/time/bali";
import { closedDayColumn, closedDayNote } from "./closed-day-input";

/**
 * The closed day a cancelled date's note speaks of, found again when the note is read: a date cancelled for a closed
 * day has the note "Cancelled: <name>" (closedDayNote) and starts on that closed day (a Bali date, unique). Its names in
 * other languages let the note show in the reader's language (localizedCancelNote, lib/events/cancel-note.ts); a note
 * an admin or creator wrote otherwise, or of a closed day since removed, matches none and shows as stored.
 */

/**
 * A column for the rows of `events <alias>`: the names in other languages of the closed day the event's note was
 * written for, or NULL (not cancelled for a closed day, or no translations). One index lookup per cancelled row.
 */
export function closedDayNamesColumn(alias: string): Prisma.Sql {
  const e = Prisma.raw(alias);
  return Prisma.sql`CASE WHEN ${e}.cancel_note IS NOT NULL THEN (
      SELECT c.names FROM closed_days c
      WHERE c.date = (${e}.starts_at AT TIME ZONE 'Asia/Makassar')::date AND ${e}.cancel_note = ${closedDayNote("")} || c.name AND c.names <> '{}'::jsonb
    ) END`;
}

/** The field of a card or calendar line from that column: present only when the closed day has translations. */
export function cancelNoteNamesOf(value: unknown): { cancelNoteNames?: TNames } {
  const names = namesOf(value);
  return Object.keys(names).length > 0 ? { cancelNoteNames: names } : {};
}

/**
 * The same for an event page's dates (the event and its next dates), in one query: for each, the names or null.
 */
export async function closedDayNamesOfNotes(dates: readonly { cancelNote: string | null; startsAt: Date }[]): Promise<(TNames | null)[]> {
  const days = [...new Set(dates.filter((date) => date.cancelNote).map((date) => toBaliDate(date.startsAt)))];
  if (days.length === 0) return dates.map(() => null);
  const found = await db.closedDay.findMany({ where: { date: { in: days.map(closedDayColumn) } }, select: { date: true, name: true, names: true } });
  const byDay = new Map(found.map((day) => [day.date.toISOString().slice(0, 10), day]));
  return dates.map(({ cancelNote, startsAt }) => {
    const day = cancelNote ? byDay.get(toBaliDate(startsAt)) : undefined;
    if (!day || closedDayNote(day.name) !== cancelNote) return null;
    const names = namesOf(day.names);
    return Object.keys(names).length > 0 ? names : null;
  });
}
