import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { db, Prisma } from "@/lib/db";
import type { TNames } from "@/lib/reference/localized-name";
import { cancelNoteNamesOf, closedDayNamesColumn } from "@/lib/series/closed-day-note-names";
import { addBaliDays, startOfBaliDay, toBaliDate } from "@/lib/time/bali";
import { calendarSearchParams, type TCalendarFilters } from "./calendar-query";
import { eventFilterConditions, resolveQueryTerms } from "./list-public-events";

/** One line of the agenda or of a day in the month grid. JSON-safe (cached). */
export type TCalendarEvent = {
  id: string;
  slug: string;
  title: string;
  startsAt: string;
  location: string;
  entranceFeeIdr: number;
  isCancelled: boolean;
  /** Why the site cancelled it ("Cancelled: Nyepi (island-wide day of silence)"), or null. */
  cancelNote: string | null;
  /** A note of a closed day: that day's names in other languages, to say the note in the page's language (localizedCancelNote). */
  cancelNoteNames?: TNames;
};

/** One Bali day: its first events by start time, and how many it has in all. */
export type TCalendarDay = { date: string; events: TCalendarEvent[]; total: number };

/**
 * A busy day of the agenda shows this many, then "+N more on this day" to the day's full listing. The busiest days
 * in Bali list a few dozen; at the benchmark's 1,000 a day, 100 a day made a week's page 370 KB.
 */
export const AGENDA_EVENTS_PER_DAY = 50;
/** A day of the month grid shows this many, then "+N more". */
export const MONTH_EVENTS_PER_DAY = 3;

type TRow = {
  id: string;
  slug: string;
  title: string;
  startsAt: Date;
  location: string;
  entranceFeeIdr: number;
  status: string;
  cancelNote: string | null;
  cancelNoteNames: unknown;
  day: string;
  dayTotal: number;
};

/**
 * The visible events (published or cancelled, ended or not) that start on each Bali day from `start` to the day
 * before `end`, filtered as "/" filters, at most `perDay` a day, by start time. An event is listed on the day it
 * starts. One statement (after the lookup of slugs and search words "/" makes too); cached with the listings.
 */
export async function listCalendarDays({
  filters,
  start,
  end,
  perDay,
}: {
  filters: TCalendarFilters;
  start: string;
  end: string;
  perDay: number;
}): Promise<TCalendarDay[]> {
  const field = `calendar:${start}:${end}:${String(perDay)}:${calendarSearchParams("week", filters).toString()}`;
  return cached("listing", field, () => loadCalendarDays({ filters, start, end, perDay }));
}

async function loadCalendarDays({ filters, start, end, perDay }: { filters: TCalendarFilters; start: string; end: string; perDay: number }) {
  const terms = await resolveQueryTerms(filters);
  const days = emptyDays(start, end);
  if (terms && ((filters.location && terms.location === null) || (filters.type && terms.type === null) || (filters.entrance && terms.entrance === null))) {
    return days;
  }
  const visible = [
    Prisma.sql`e.deleted_at IS NULL`,
    Prisma.sql`e.status IN ('PUBLISHED'::"EventStatus", 'CANCELLED'::"EventStatus")`,
    ...eventFilterConditions(filters, terms ?? undefined),
  ];
  const filtered = Prisma.join(visible, " AND ");
  const dayStarts = days.map((day) => startOfBaliDay(day.date));
  const dayEnds = days.map((day) => startOfBaliDay(addBaliDays(day.date, 1)));
  // Each day's count in one pass over the period (an index-only scan of events_public_starts_idx without filters),
  // and each day's first events by a walk of that index from the day's start that stops at `perDay`: at 1,000
  // events a day, numbering every event of the period and reading all of them (a window function) took 10 times as long.
  const rows = await db.$queryRaw<TRow[]>`
    WITH days AS (
      SELECT d.day, d.day_start, d.day_end FROM unnest(${days.map((day) => day.date)}::text[], ${dayStarts}::timestamptz[], ${dayEnds}::timestamptz[]) AS d(day, day_start, day_end)
    ),
    totals AS (
      SELECT to_char(e.starts_at AT TIME ZONE 'Asia/Makassar', 'YYYY-MM-DD') AS day, count(*)::int AS total
      FROM events e
      WHERE ${filtered} AND e.starts_at >= ${startOfBaliDay(start)} AND e.starts_at < ${startOfBaliDay(end)}
      GROUP BY 1
    )
    SELECT x.id, x.slug, x.title, x.starts_at AS "startsAt", (SELECT l.name FROM locations l WHERE l.id = x.location_id) AS location,
           x.entrance_fee_idr AS "entranceFeeIdr", x.status::text AS status, x.cancel_note AS "cancelNote",
           ${closedDayNamesColumn("x")} AS "cancelNoteNames", d.day, t.total AS "dayTotal"
    FROM days d
    JOIN totals t ON t.day = d.day
    CROSS JOIN LATERAL (
      SELECT e.id, e.slug, e.title, e.starts_at, e.location_id, e.entrance_fee_idr, e.status, e.cancel_note
      FROM events e
      WHERE ${filtered} AND e.starts_at >= d.day_start AND e.starts_at < d.day_end
      ORDER BY e.starts_at, e.id
      LIMIT ${perDay}
    ) x
    ORDER BY x.starts_at, x.id`;
  const byDate = new Map(days.map((day) => [day.date, day]));
  for (const row of rows) {
    const day = byDate.get(row.day);
    if (!day) continue;
    day.total = row.dayTotal;
    day.events.push({
      id: row.id,
      slug: row.slug,
      title: row.title,
      startsAt: row.startsAt.toISOString(),
      location: row.location,
      entranceFeeIdr: row.entranceFeeIdr,
      isCancelled: row.status === "CANCELLED",
      cancelNote: row.status === "CANCELLED" ? row.cancelNote : null,
      ...(row.status === "CANCELLED" && row.cancelNote ? cancelNoteNamesOf(row.cancelNoteNames) : {}),
    });
  }
  return days;
}

/** Every Bali day from `start` to the day before `end`, with nothing on it yet. */
function emptyDays(start: string, end: string): TCalendarDay[] {
  const days: TCalendarDay[] = [];
  for (let instant = startOfBaliDay(start); instant < startOfBaliDay(end); instant = new Date(instant.getTime() + 86_400_000)) {
    days.push({ date: toBaliDate(instant), events: [], total: 0 });
  }
  return days;
}
