import "server-only";
import { z } from "zod";
import { db, Prisma } from "@/lib/db";
import { toPrefixTsQuery } from "@/lib/events/search-terms";
import { dateColumn, describeRepeat, ruleOfSeries } from "@/lib/series/repeat-rule";
import { addBaliDays, isValidBaliDate, startOfBaliDay } from "@/lib/time/bali";

export const ADMIN_PAGE_SIZE = 25;
const STATUSES = ["DRAFT", "AWAITING_PAYMENT", "PUBLISHED", "CANCELLED", "UNPUBLISHED", "DELETED"] as const;

export const ZAdminEventQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  location: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional()
    .catch(undefined),
  type: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional()
    .catch(undefined),
  from: z.string().refine(isValidBaliDate).optional().catch(undefined),
  to: z.string().refine(isValidBaliDate).optional().catch(undefined),
  featured: z.enum(["yes", "no"]).optional().catch(undefined),
  creator: z.uuid().optional().catch(undefined),
  /** The dates of one series. */
  series: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export type TAdminEventQuery = z.output<typeof ZAdminEventQuery>;

/** A series as a row of /admin/events shows it on each of its dates: "Every Tue and Thu · 12 dates". */
export type TAdminSeries = { id: string; summary: string; dates: number; datesToCome: number };

/** "Every Tue and Thu · 12 dates", and how many are still to come when some have ended: "… · 12 dates · 9 to come". */
export function adminSeriesLine(series: TAdminSeries): string {
  const line = `${series.summary} · ${String(series.dates)} ${series.dates === 1 ? "date" : "dates"}`;
  return series.datesToCome === series.dates ? line : `${line} · ${String(series.datesToCome)} to come`;
}

/**
 * The series of a page of dates (two statements, none when no row is a date of a series): the rule in words, its
 * dates (not deleted) and how many of them have not ended.
 */
async function adminSeriesOf(seriesIds: (string | null)[], now: Date): Promise<Map<string, TAdminSeries>> {
  const ids = [...new Set(seriesIds.filter((id): id is string => id !== null))];
  const found = new Map<string, TAdminSeries>();
  if (ids.length === 0) return found;
  const [series, counts] = await Promise.all([
    db.eventSeries.findMany({
      where: { id: { in: ids } },
      select: { id: true, frequency: true, weekdays: true, monthly: true, untilDate: true, dateCount: true, startDate: true, startTime: true },
    }),
    db.$queryRaw<{ seriesId: string; dates: number; datesToCome: number }[]>`
      SELECT series_id AS "seriesId", count(*)::int AS dates, (count(*) FILTER (WHERE ends_at > ${now}))::int AS "datesToCome"
      FROM events WHERE series_id = ANY(${ids}::uuid[]) AND deleted_at IS NULL GROUP BY series_id`,
  ]);
  for (const row of series) {
    const count = counts.find((item) => item.seriesId === row.id);
    found.set(row.id, {
      id: row.id,
      summary: describeRepeat(ruleOfSeries(row), { date: dateColumn(row.startDate), time: row.startTime }),
      dates: count?.dates ?? 0,
      datesToCome: count?.datesToCome ?? 0,
    });
  }
  return found;
}

/** Every event (any status, deleted ones on request) for /admin/events, newest start first; a date of a series with its series. */
export async function listAdminEvents(query: TAdminEventQuery, { now = new Date() }: { now?: Date } = {}) {
  const where: Prisma.EventWhereInput = {};
  if (query.status === "DELETED") where.deletedAt = { not: null };
  else {
    where.deletedAt = null;
    if (query.status) where.status = query.status;
  }
  if (query.location) where.location = { slug: query.location };
  if (query.type) where.eventType = { slug: query.type };
  if (query.creator) where.creatorId = query.creator;
  if (query.series) where.seriesId = query.series;
  if (query.featured) where.isFeatured = query.featured === "yes";
  if (query.from || query.to) {
    where.AND = [
      ...(query.from ? [{ endsAt: { gt: startOfBaliDay(query.from) } }] : []),
      ...(query.to ? [{ startsAt: { lt: startOfBaliDay(addBaliDays(query.to, 1)) } }] : []),
    ];
  }
  if (query.q) {
    // The same full-text search as the public site.
    const prefix = toPrefixTsQuery(query.q);
    if (prefix) {
      const matches = await db.$queryRaw<{ id: string }[]>`
        SELECT id FROM events WHERE search_vector @@ (websearch_to_tsquery('english', ${query.q}) || to_tsquery('simple', ${prefix})) LIMIT 5000`;
      where.id = { in: matches.map((row) => row.id) };
    }
  }
  const page = query.page ?? 1;
  const [total, rows] = await Promise.all([
    db.event.count({ where }),
    db.event.findMany({
      where,
      orderBy: [{ startsAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
      select: {
        id: true,
        slug: true,
        title: true,
        status: true,
        isFeatured: true,
        startsAt: true,
        endsAt: true,
        deletedAt: true,
        unpublishReason: true,
        seriesId: true,
        location: { select: { name: true } },
        eventType: { select: { name: true } },
        creator: { select: { name: true, email: true } },
      },
    }),
  ]);
  const series = await adminSeriesOf(
    rows.map((row) => row.seriesId),
    now,
  );
  const events = rows.map(({ seriesId, ...event }) => ({ ...event, series: seriesId ? (series.get(seriesId) ?? null) : null }));
  return { events, total, page, totalPages: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)) };
}
