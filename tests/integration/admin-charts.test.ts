import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeAdminCharts, getAdminCharts } from "@/lib/admin/get-admin-charts";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { CACHE_BUCKETS } from "@/lib/cache/policies";
import { db, disconnectDb } from "@/lib/db";
import { closeRedis, getRedis, key } from "@/lib/redis";
import { statsKeys } from "@/lib/stats/stats-keys";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

// Thursday 5 March 2026, 01:30 in Bali — still Wednesday 4 March in UTC.
const NOW = new Date("2026-03-04T17:30:00Z");
const TODAY = "2026-03-05";
const day = (date: string) => new Date(`${date}T00:00:00Z`);

describe("dashboard chart data", () => {
  let creatorId: string;

  async function eventCreatedAt(createdAt: Date, { deleted = false } = {}) {
    const event = await createEvent({ creatorId, title: `Chart Event ${createdAt.toISOString()}`, startsAt: new Date(NOW.getTime() + 7 * 86_400_000) });
    await db.event.update({ where: { id: event.id }, data: { createdAt, deletedAt: deleted ? new Date() : null } });
  }

  beforeAll(async () => {
    await clearEvents();
    await db.dailyStat.deleteMany();
    await getRedis().del(statsKeys.uniqueVisitors(TODAY), key(CACHE_BUCKETS.adminStats.hash));
    creatorId = (await createCreator()).id;
  });

  afterAll(async () => {
    await clearEvents();
    await db.dailyStat.deleteMany();
    await getRedis().del(statsKeys.uniqueVisitors(TODAY), key(CACHE_BUCKETS.adminStats.hash));
    await disconnectDb();
    await closeRedis();
  });

  it("has 90 days of visitors, from the daily roll-up, with today's live count from Redis", async () => {
    await db.dailyStat.createMany({
      data: [
        { date: day("2025-12-06"), pageViews: 10, uniqueVisitors: 4 }, // first day of the window
        { date: day("2025-12-05"), pageViews: 99, uniqueVisitors: 99 }, // one day too old
        { date: day("2026-03-04"), pageViews: 30, uniqueVisitors: 12 },
        { date: day(TODAY), pageViews: 2, uniqueVisitors: 1 }, // rolled up a while ago
      ],
    });
    await getRedis().pfadd(statsKeys.uniqueVisitors(TODAY), "visitor-a", "visitor-b", "visitor-c");

    const charts = await computeAdminCharts(NOW);
    expect(charts.today).toBe(TODAY);
    expect(charts.visitorsPerDay).toHaveLength(90);
    expect(charts.visitorsPerDay[0]).toEqual({ date: "2025-12-06", visitors: 4 });
    expect(charts.visitorsPerDay.at(-2)).toEqual({ date: "2026-03-04", visitors: 12 });
    expect(charts.visitorsPerDay.at(-1)).toEqual({ date: TODAY, visitors: 3 });
    expect(charts.visitorsPerDay.reduce((sum, point) => sum + point.visitors, 0)).toBe(4 + 12 + 3);
  });

  it("counts events created per Bali ISO week (Monday 00:00 Bali time), 13 weeks, deleted ones left out", async () => {
    await eventCreatedAt(new Date("2026-03-01T16:30:00Z")); // Monday 2 March 00:30 in Bali (Sunday in UTC)
    await eventCreatedAt(new Date("2026-03-01T15:30:00Z")); // Sunday 1 March 23:30 in Bali: the week before
    await eventCreatedAt(new Date("2026-03-04T17:00:00Z")); // today, 01:00 in Bali
    await eventCreatedAt(new Date("2026-03-03T00:00:00Z"), { deleted: true });
    await eventCreatedAt(new Date("2025-12-07T15:59:00Z")); // Sunday 7 Dec 23:59 in Bali: before the first week
    await eventCreatedAt(new Date("2025-12-07T16:00:00Z")); // Monday 8 Dec 00:00 in Bali: the first week
    await eventCreatedAt(new Date("2026-03-05T16:30:00Z")); // Friday 6 March in Bali: after today

    const { eventsPerWeek } = await computeAdminCharts(NOW);
    expect(eventsPerWeek).toHaveLength(13);
    expect(eventsPerWeek[0]).toEqual({ weekStart: "2025-12-08", isoWeek: "2025-W50", events: 1 });
    expect(eventsPerWeek.at(-2)).toEqual({ weekStart: "2026-02-23", isoWeek: "2026-W09", events: 1 });
    expect(eventsPerWeek.at(-1)).toEqual({ weekStart: "2026-03-02", isoWeek: "2026-W10", events: 2 });
    expect(eventsPerWeek.reduce((sum, week) => sum + week.events, 0)).toBe(4);
  });

  it("is cached with the dashboard figures and recomputed after an event change", async () => {
    const first = await getAdminCharts(NOW);
    expect(await getRedis().hexists(key(CACHE_BUCKETS.adminStats.hash), "charts")).toBe(1);
    await eventCreatedAt(new Date("2026-03-04T16:30:00Z"));
    expect(await getAdminCharts(NOW)).toEqual(first);
    await invalidatePublicCaches("event");
    const fresh = await getAdminCharts(NOW);
    expect(fresh.eventsPerWeek.at(-1)!.events).toBe(first.eventsPerWeek.at(-1)!.events + 1);
  });
});
