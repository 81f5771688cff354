import "server-only";
import { db } from "@/lib/db";
import { PUBLIC_STATUSES } from "@/lib/events/public-visibility";
import { dateColumn, describeRepeat, ruleOfSeries, toRRule } from "./repeat-rule";

/** What a date of a series shows of its series: the rule in words and its next dates. JSON-safe. */
export type TEventSeriesInfo = {
  id: string;
  /** "Every Tue and Thu". */
  summary: string;
  /** "Every Tue and Thu at 07:00 until 31 Mar 2027". */
  description: string;
  /** Up to 8 of its other dates that have not ended, soonest first. */
  nextDates: { slug: string; startsAt: string; isCancelled: boolean }[];
  /** The series for a calendar app: its first date and time in Bali ("2026-12-08T07:00"), RRULE, length and cancelled dates (Bali). */
  recurrence: { start: string; rrule: string; durationMinutes: number; cancelledDates: string[] };
};

export const NEXT_DATES_SHOWN = 8;

/** The series of a date (its rule and its next public dates), or null for an event on its own. */
export async function seriesOfEvent(event: { id: string; seriesId: string | null }, now = new Date()): Promise<TEventSeriesInfo | null> {
  if (!event.seriesId) return null;
  const [series, dates, cancelled] = await Promise.all([
    db.eventSeries.findUnique({ where: { id: event.seriesId } }),
    db.event.findMany({
      where: { seriesId: event.seriesId, id: { not: event.id }, deletedAt: null, status: { in: PUBLIC_STATUSES }, endsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      take: NEXT_DATES_SHOWN,
      select: { slug: true, startsAt: true, status: true },
    }),
    db.event.findMany({ where: { seriesId: event.seriesId, status: "CANCELLED" }, select: { seriesDate: true }, orderBy: { seriesDate: "asc" }, take: 400 }),
  ]);
  if (!series) return null;
  const rule = ruleOfSeries(series);
  const start = { date: dateColumn(series.startDate), time: series.startTime };
  return {
    id: series.id,
    summary: describeRepeat(rule, start),
    description: describeRepeat(rule, start, { full: true }),
    nextDates: dates.map((date) => ({ slug: date.slug, startsAt: date.startsAt.toISOString(), isCancelled: date.status === "CANCELLED" })),
    recurrence: {
      start: `${start.date}T${start.time}`,
      rrule: toRRule(rule, start),
      durationMinutes: series.durationMinutes,
      cancelledDates: cancelled.flatMap((date) => (date.seriesDate ? [dateColumn(date.seriesDate)] : [])),
    },
  };
}

/** What an item of `GET /api/events` says of its series. */
export type TSeriesSummary = Pick<TEventSeriesInfo, "id" | "summary" | "nextDates">;

/**
 * The series of a page of events, by id (two statements for the whole page, none when no event is a date of a
 * series): the rule in words and up to 8 dates that have not ended, soonest first.
 */
export async function seriesSummaries(seriesIds: readonly (string | null)[], now = new Date()): Promise<Map<string, TSeriesSummary>> {
  const ids = [...new Set(seriesIds.filter((id): id is string => id !== null))];
  const summaries = new Map<string, TSeriesSummary>();
  if (ids.length === 0) return summaries;
  const [series, dates] = await Promise.all([
    db.eventSeries.findMany({ where: { id: { in: ids } } }),
    db.$queryRaw<{ seriesId: string; slug: string; startsAt: Date; status: string }[]>`
      SELECT d."seriesId", d.slug, d."startsAt", d.status
      FROM (SELECT e.series_id AS "seriesId", e.slug, e.starts_at AS "startsAt", e.status::text AS status,
                   row_number() OVER (PARTITION BY e.series_id ORDER BY e.starts_at, e.id) AS position
            FROM events e
            WHERE e.series_id = ANY(${ids}::uuid[]) AND e.deleted_at IS NULL
              AND e.status IN ('PUBLISHED'::"EventStatus", 'CANCELLED'::"EventStatus") AND e.ends_at > ${now}) d
      WHERE d.position <= ${NEXT_DATES_SHOWN}
      ORDER BY d."startsAt"`,
  ]);
  for (const row of series) {
    summaries.set(row.id, {
      id: row.id,
      summary: describeRepeat(ruleOfSeries(row), { date: dateColumn(row.startDate), time: row.startTime }),
      nextDates: dates
        .filter((date) => date.seriesId === row.id)
        .map((date) => ({ slug: date.slug, startsAt: date.startsAt.toISOString(), isCancelled: date.status === "CANCELLED" })),
    });
  }
  return summaries;
}
