import "server-only";
import { db } from "@/lib/db";
import { PUBLIC_STATUSES } from "@/lib/events/public-visibility";
import { dateColumn, ruleOfSeries } from "./keep-series-dates";
import { describeRepeat, toRRule } from "./repeat-rule";

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
