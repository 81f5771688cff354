import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { db, Prisma } from "@/lib/db";
import { startOfBaliDay, toBaliDate } from "@/lib/time/bali";
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
};

/** One Bali day: its first events by start time, and how many it has in all. */
export type TCalendarDay = { date: string; events: TCalendarEvent[]; total: number };

/** A busy day of the agenda shows this many, then links to the day's full listing. */
export const AGENDA_EVENTS_PER_DAY = 100;
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
  const conditions = [
    Prisma.sql`e.deleted_at IS NULL`,
    Prisma.sql`e.status IN ('PUBLISHED'::"EventStatus", 'CANCELLED'::"EventStatus")`,
    Prisma.sql`e.starts_at >= ${startOfBaliDay(start)}`,
    Prisma.sql`e.starts_at < ${startOfBaliDay(end)}`,
    ...eventFilterConditions(filters, terms ?? undefined),
  ];
  const rows = await db.$queryRaw<TRow[]>`
    SELECT d.id, d.slug, d.title, d.starts_at AS "startsAt", l.name AS location, d.entrance_fee_idr AS "entranceFeeIdr", d.status::text AS status,
           d.cancel_note AS "cancelNote", d.day, d.day_total::int AS "dayTotal"
    FROM (
      SELECT e.id, e.slug, e.title, e.starts_at, e.location_id, e.entrance_fee_idr, e.status, e.cancel_note,
             to_char(e.starts_at AT TIME ZONE 'Asia/Makassar', 'YYYY-MM-DD') AS day,
             row_number() OVER (PARTITION BY (e.starts_at AT TIME ZONE 'Asia/Makassar')::date ORDER BY e.starts_at, e.id) AS position,
             count(*) OVER (PARTITION BY (e.starts_at AT TIME ZONE 'Asia/Makassar')::date) AS day_total
      FROM events e
      WHERE ${Prisma.join(conditions, " AND ")}
    ) d
    JOIN locations l ON l.id = d.location_id
    WHERE d.position <= ${perDay}
    ORDER BY d.starts_at, d.id`;
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
