import "server-only";
import { db, type EventStatus, type Prisma } from "@/lib/db";
import type { TLocale } from "@/lib/i18n/languages";
import { dateColumn, describeRepeat, ruleOfSeries } from "@/lib/series/repeat-rule";

export type TDashboardFilter = "upcoming" | "past" | "all";

export type TDashboardEvent = {
  id: string;
  slug: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: EventStatus;
  unpublishReason: string | null;
  views: number;
  /** A series shows as one row, at its next date (for "Past", its latest): its rule in words and how many dates are to come. */
  series: { id: string; summary: string; upcomingDates: number } | null;
};

const ROWS = 200;

const rowSelect = {
  id: true,
  slug: true,
  title: true,
  startsAt: true,
  endsAt: true,
  status: true,
  unpublishReason: true,
  seriesId: true,
  viewCount: { select: { views: true } },
} as const;

/** A creator's own figures and events (never anyone else's); a series is one row. */
export async function getCreatorDashboard({
  creatorId,
  filter,
  now = new Date(),
  locale = "en",
}: {
  creatorId: string;
  filter: TDashboardFilter;
  now?: Date;
  /** The language of a series' words ("Every Tue and Thu"). */
  locale?: TLocale;
}) {
  const mine: Prisma.EventWhereInput = { creatorId, deletedAt: null };
  const when: Prisma.EventWhereInput = filter === "upcoming" ? { endsAt: { gt: now } } : filter === "past" ? { endsAt: { lte: now } } : {};
  const order = filter === "past" ? ("desc" as const) : ("asc" as const);
  const [total, published, awaitingPayment, paid, singles, seriesRows] = await Promise.all([
    db.event.count({ where: mine }),
    db.event.count({ where: { ...mine, status: "PUBLISHED" } }),
    db.event.count({ where: { ...mine, status: "AWAITING_PAYMENT" } }),
    db.payment.aggregate({ where: { creatorId, status: "COMPLETED" }, _sum: { amountCents: true } }),
    db.event.findMany({ where: { ...mine, ...when, seriesId: null }, orderBy: { startsAt: order }, take: ROWS, select: rowSelect }),
    // One row per series: its first date in this order (PostgreSQL's DISTINCT ON).
    db.event.findMany({
      where: { ...mine, ...when, seriesId: { not: null } },
      orderBy: [{ seriesId: "asc" }, { startsAt: order }],
      distinct: ["seriesId"],
      take: ROWS,
      select: {
        ...rowSelect,
        series: { select: { frequency: true, weekdays: true, monthly: true, untilDate: true, dateCount: true, startDate: true, startTime: true } },
      },
    }),
  ]);
  const seriesIds = seriesRows.flatMap((row) => (row.seriesId ? [row.seriesId] : []));
  const [upcoming, views] = await Promise.all([
    db.event.groupBy({
      by: ["seriesId"],
      where: { ...mine, seriesId: { in: seriesIds }, endsAt: { gt: now }, status: { not: "CANCELLED" } },
      _count: { _all: true },
    }),
    db.eventViewCount.findMany({ where: { event: { seriesId: { in: seriesIds } } }, select: { views: true, event: { select: { seriesId: true } } } }),
  ]);
  const upcomingOf = new Map(upcoming.map((group) => [group.seriesId, group._count._all]));
  const viewsOf = new Map<string, number>();
  for (const row of views) if (row.event.seriesId) viewsOf.set(row.event.seriesId, (viewsOf.get(row.event.seriesId) ?? 0) + row.views);

  const rows: TDashboardEvent[] = [
    ...singles.map(({ viewCount, seriesId: _seriesId, ...event }) => ({ ...event, views: viewCount?.views ?? 0, series: null })),
    ...seriesRows.map(({ viewCount: _viewCount, seriesId, series, ...event }) => ({
      ...event,
      views: viewsOf.get(seriesId ?? "") ?? 0,
      series:
        seriesId && series
          ? {
              id: seriesId,
              summary: describeRepeat(ruleOfSeries(series), { date: dateColumn(series.startDate), time: series.startTime }, { locale }),
              upcomingDates: upcomingOf.get(seriesId) ?? 0,
            }
          : null,
    })),
  ];
  rows.sort((a, b) => (order === "asc" ? a.startsAt.getTime() - b.startsAt.getTime() : b.startsAt.getTime() - a.startsAt.getTime()));
  return { tiles: { total, published, awaitingPayment, totalPaidCents: paid._sum.amountCents ?? 0 }, events: rows.slice(0, ROWS) };
}
