import "server-only";
import { db } from "@/lib/db";
import { PUBLIC_STATUSES } from "@/lib/events/public-visibility";
import { planSeriesRecurrence, type TSeriesShape } from "@/lib/feeds/series-calendar";
import { dateColumn, describeRepeat, ruleOfSeries, type TStoredRule } from "./repeat-rule";
import type { TRepeatRule, TSeriesStart } from "./repeat-words";

/** What a date of a series shows of its series: the rule in words and its next dates. JSON-safe. */
export type TEventSeriesInfo = {
  id: string;
  /** "Every Tue and Thu". */
  summary: string;
  /** "Every Tue and Thu at 07:00 until 31 Mar 2027". */
  description: string;
  /** The rule and first date the words are made of, for a page in another language (describeRepeat with its locale). */
  rule: TRepeatRule;
  start: TSeriesStart;
  /** Up to 8 of its other dates that have not ended, soonest first. */
  /** `cancelNote`: why the site cancelled a date ("Cancelled: Nyepi (…)"), or null. */
  nextDates: { slug: string; startsAt: string; isCancelled: boolean; cancelNote: string | null }[];
  /**
   * The series for a calendar app: its first date and time in Bali ("2026-12-08T07:00"), its RRULE (ended at "End
   * the series"), length, and the dates (Bali) the rule gives that do not take place (cancelled, unpublished,
   * deleted, missing): the master VEVENT of its .ics. Dates moved, edited on their own or outside the rule are in
   * the .ics only (overrides and RDATEs, see lib/feeds/series-calendar.ts).
   */
  recurrence: { start: string; rrule: string; durationMinutes: number; cancelledDates: string[] };
};

export const NEXT_DATES_SHOWN = 8;

/** The series of a date (its rule and its next public dates), or null for an event on its own. */
export async function seriesOfEvent(event: { id: string; seriesId: string | null }, now = new Date()): Promise<TEventSeriesInfo | null> {
  if (!event.seriesId) return null;
  const [series, dates, states] = await Promise.all([
    db.eventSeries.findUnique({ where: { id: event.seriesId } }),
    db.event.findMany({
      where: { seriesId: event.seriesId, id: { not: event.id }, deletedAt: null, status: { in: PUBLIC_STATUSES }, endsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      take: NEXT_DATES_SHOWN,
      select: { slug: true, startsAt: true, status: true, cancelNote: true },
    }),
    db.event.findMany({ where: { seriesId: event.seriesId }, select: { seriesDate: true, status: true, deletedAt: true }, take: MAX_SERIES_ROWS }),
  ]);
  if (!series) return null;
  const rule = ruleOfSeries(series);
  const start = { date: dateColumn(series.startDate), time: series.startTime };
  const plan = planSeriesRecurrence(seriesShape(series), states.flatMap(dateState));
  return {
    id: series.id,
    summary: describeRepeat(rule, start),
    description: describeRepeat(rule, start, { full: true }),
    rule,
    start,
    nextDates: dates.map((date) => nextDate(date)),
    recurrence: { start: plan.start, rrule: plan.rrule, durationMinutes: plan.durationMinutes, cancelledDates: plan.cancelledDates },
  };
}

/**
 * At most this many rows of a series are read for its calendar: a series runs up to 12 months (366 daily dates),
 * and dates replaced by a change of its rule stay as deleted rows.
 */
const MAX_SERIES_ROWS = 5_000;

type TStoredSeries = TStoredRule & { startDate: Date; startTime: string; durationMinutes: number; endedAfter: Date | null; datesThrough: Date | null };

function seriesShape(series: TStoredSeries): TSeriesShape {
  return {
    startDate: dateColumn(series.startDate),
    startTime: series.startTime,
    durationMinutes: series.durationMinutes,
    rule: ruleOfSeries(series),
    endedAfter: series.endedAfter ? dateColumn(series.endedAfter) : null,
    datesThrough: series.datesThrough ? dateColumn(series.datesThrough) : null,
  };
}

/** A date takes place when it is published and not deleted (a cancelled or unpublished one is not listed as taking place). */
function dateState(row: { seriesDate: Date | null; status: string; deletedAt: Date | null }): { seriesDate: string; takesPlace: boolean }[] {
  return row.seriesDate ? [{ seriesDate: dateColumn(row.seriesDate), takesPlace: row.deletedAt === null && row.status === "PUBLISHED" }] : [];
}

/** Everything the whole-series .ics is written from: the series and every one of its dates (deleted ones too). */
export type TSeriesCalendarData = {
  id: string;
  shape: TSeriesShape;
  /** Its latest change: the series row, or any date updated, cancelled or deleted. */
  latestChange: Date;
  dates: {
    seriesDate: string;
    takesPlace: boolean;
    /** Not edited on its own and not deleted: the latest such date is the series' template. */
    followsSeries: boolean;
    slug: string;
    title: string;
    description: string;
    startsAt: Date;
    endsAt: Date;
    venueName: string;
    venueAddress: string | null;
    locationName: string;
    organiser: { name: string; email: string };
    updatedAt: Date;
  }[];
};

/** The series of `/events/<slug>/event.ics` as it is now (read at each download, never from a cache). */
export async function loadSeriesCalendar(seriesId: string): Promise<TSeriesCalendarData | null> {
  const [series, rows] = await Promise.all([
    db.eventSeries.findUnique({ where: { id: seriesId } }),
    db.event.findMany({
      where: { seriesId },
      select: {
        seriesDate: true,
        status: true,
        deletedAt: true,
        cancelledAt: true,
        editedAlone: true,
        slug: true,
        title: true,
        description: true,
        startsAt: true,
        endsAt: true,
        venueName: true,
        venueAddress: true,
        contactEmail: true,
        updatedAt: true,
        location: { select: { name: true } },
        creator: { select: { name: true, organisation: true } },
      },
      orderBy: { seriesDate: "asc" },
      take: MAX_SERIES_ROWS,
    }),
  ]);
  if (!series) return null;
  let latestChange = series.updatedAt;
  for (const row of rows) {
    for (const moment of [row.updatedAt, row.deletedAt, row.cancelledAt]) if (moment && moment > latestChange) latestChange = moment;
  }
  return {
    id: series.id,
    shape: seriesShape(series),
    latestChange,
    dates: rows.flatMap((row) =>
      dateState(row).map((state) => ({
        ...state,
        followsSeries: !row.editedAlone && row.deletedAt === null,
        slug: row.slug,
        title: row.title,
        description: row.description,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        venueName: row.venueName,
        venueAddress: row.venueAddress,
        locationName: row.location.name,
        organiser: { name: row.creator.organisation || row.creator.name, email: row.contactEmail },
        updatedAt: row.updatedAt,
      })),
    ),
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
    db.$queryRaw<{ seriesId: string; slug: string; startsAt: Date; status: string; cancelNote: string | null }[]>`
      SELECT d."seriesId", d.slug, d."startsAt", d.status, d."cancelNote"
      FROM (SELECT e.series_id AS "seriesId", e.slug, e.starts_at AS "startsAt", e.status::text AS status, e.cancel_note AS "cancelNote",
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
      nextDates: dates.filter((date) => date.seriesId === row.id).map((date) => nextDate(date)),
    });
  }
  return summaries;
}

/** A date in "Next dates": a cancelled one carries its note (a closed day's), a date that takes place none. */
function nextDate(date: { slug: string; startsAt: Date; status: string; cancelNote: string | null }): TEventSeriesInfo["nextDates"][number] {
  const isCancelled = date.status === "CANCELLED";
  return { slug: date.slug, startsAt: date.startsAt.toISOString(), isCancelled, cancelNote: isCancelled ? date.cancelNote : null };
}
