import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { db } from "@/lib/db";
import { PUBLIC_STATUSES } from "@/lib/events/public-visibility";
import { statsKeys } from "@/lib/stats/stats-keys";
import { withStatsCounters } from "@/lib/stats/stats-counters";
import { addBaliDays, toBaliDate } from "@/lib/time/bali";

export type TAdminFigures = {
  totalEvents: number;
  publishedEvents: number;
  upcomingEvents: number;
  creators: number;
  activeCreators: number;
  completedPayments: number;
  revenueCents: number;
  visitorsToday: number;
  visitorsLast7Days: number;
  visitorsAllTime: number;
  pageViewsToday: number;
};

/** Visitor figures from Redis (HyperLogLog), or from the PostgreSQL roll-up when Redis is unavailable. */
async function visitorFigures(now: Date) {
  const today = toBaliDate(now);
  const todayKey = statsKeys.uniqueVisitors(today);
  const sixDaysBefore = Array.from({ length: 6 }, (_, index) => statsKeys.uniqueVisitors(addBaliDays(today, -index - 1)));
  const fromRedis = await withStatsCounters(
    async (redis) => {
      const pipeline = redis.pipeline();
      pipeline.pfcount(todayKey);
      pipeline.pfcount(todayKey, ...sixDaysBefore);
      pipeline.pfcount(statsKeys.uniqueVisitorsAllTime());
      pipeline.get(statsKeys.pageViews(today));
      const [visitorsToday, visitorsLast7Days, visitorsAllTime, pageViewsToday] = await pipeline.exec<[number, number, number, string | number | null]>();
      return { visitorsToday, visitorsLast7Days, visitorsAllTime, pageViewsToday: Number(pageViewsToday ?? 0) };
    },
    null,
    { timeoutMs: 500 },
  );
  if (fromRedis) return fromRedis;
  const todayRow = await db.dailyStat.findUnique({ where: { date: new Date(`${today}T00:00:00Z`) } });
  const week = await db.dailyStat.aggregate({ where: { date: { gte: new Date(`${addBaliDays(today, -6)}T00:00:00Z`) } }, _max: { uniqueVisitors: true } });
  const ever = await db.dailyStat.aggregate({ _max: { uniqueVisitors: true } });
  return {
    visitorsToday: todayRow?.uniqueVisitors ?? 0,
    visitorsLast7Days: week._max.uniqueVisitors ?? 0,
    visitorsAllTime: ever._max.uniqueVisitors ?? 0,
    pageViewsToday: todayRow?.pageViews ?? 0,
  };
}

/** The figures at the top of /admin, computed on the server and cached for 30 seconds. */
export async function getAdminFigures(now = new Date()): Promise<TAdminFigures> {
  return cached("adminStats", "figures", async () => {
    const [totalEvents, publishedEvents, upcomingEvents, creators, activeCreators, payments, visitors] = await Promise.all([
      db.event.count({ where: { deletedAt: null } }),
      db.event.count({ where: { deletedAt: null, status: "PUBLISHED" } }),
      db.event.count({ where: { deletedAt: null, status: { in: PUBLIC_STATUSES }, endsAt: { gt: now } } }),
      db.user.count({ where: { role: "CREATOR" } }),
      db.user.count({ where: { role: "CREATOR", isActive: true } }),
      db.payment.aggregate({ where: { status: "COMPLETED" }, _count: true, _sum: { amountCents: true } }),
      visitorFigures(now),
    ]);
    return {
      totalEvents,
      publishedEvents,
      upcomingEvents,
      creators,
      activeCreators,
      completedPayments: payments._count,
      revenueCents: payments._sum.amountCents ?? 0,
      ...visitors,
    };
  });
}

export async function getRecentActivity() {
  const [events, payments] = await Promise.all([
    db.event.findMany({
      where: { deletedAt: null },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { id: true, slug: true, title: true, status: true, createdAt: true, creator: { select: { name: true, email: true } } },
    }),
    db.payment.findMany({
      orderBy: { createdAt: "desc" },
      take: 5,
      select: {
        id: true,
        amountCents: true,
        currency: true,
        status: true,
        createdAt: true,
        event: { select: { title: true, slug: true } },
        creator: { select: { email: true } },
      },
    }),
  ]);
  return { events, payments };
}
