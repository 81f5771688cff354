import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { closeRedis, getRedis, redisMode, resetRedisForTests } from "@/lib/redis";
import { getVisitorCount } from "@/lib/stats/get-visitor-count";
import { PageViewBuffer } from "@/lib/stats/page-view-buffer";
import { recordPageView, visitorHash } from "@/lib/stats/record-page-view";
import { rollUpStats } from "@/lib/stats/roll-up-stats";
import { statsKeys } from "@/lib/stats/stats-keys";
import { startOfBaliDay, toBaliDate } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";
import { applyEnv } from "../support/env";

describe("visitor stats", () => {
  const now = new Date();
  const today = toBaliDate(now);

  beforeAll(async () => {
    await clearEvents();
    await db.dailyStat.deleteMany();
    const keys = [
      statsKeys.pageViews(today),
      statsKeys.uniqueVisitors(today),
      statsKeys.uniqueVisitorsAllTime(),
      statsKeys.eventViewsPending(),
      statsKeys.rollUpLock(),
    ];
    await getRedis().del(...keys);
  });

  afterAll(async () => {
    await clearEvents();
    await db.dailyStat.deleteMany();
    await disconnectDb();
    await closeRedis();
  });

  it("never stores a raw IP: visitors are a keyed hash", () => {
    const hash = visitorHash("203.0.113.7", "Mozilla/5.0");
    expect(hash).not.toContain("203.0.113.7");
    expect(hash).toBe(visitorHash("203.0.113.7", "Mozilla/5.0"));
    expect(hash).not.toBe(visitorHash("203.0.113.8", "Mozilla/5.0"));
  });

  it("counts page views, unique visitors (HyperLogLog) and event views, then rolls them into PostgreSQL", async () => {
    const creator = await createCreator();
    const event = await createEvent({ creatorId: creator.id, startsAt: new Date(Date.now() + 86_400_000) });
    await getRedis().set(statsKeys.rollUpLock(), "1", { ex: 60 }); // keep the automatic roll-up out of the way
    const before = await getVisitorCount();

    await recordPageView({ ip: "203.0.113.1", userAgent: "Browser A", now });
    await recordPageView({ ip: "203.0.113.1", userAgent: "Browser A", now, eventId: event.id });
    await recordPageView({ ip: "203.0.113.2", userAgent: "Browser B", now, eventId: event.id });
    await recordPageView({ ip: "203.0.113.3", userAgent: "Googlebot/2.1 (+http://www.google.com/bot.html)", now }); // bots are not counted

    expect(Number(await getRedis().get(statsKeys.pageViews(today)))).toBe(3);
    expect(await getRedis().pfcount(statsKeys.uniqueVisitors(today))).toBe(2);
    expect(await getVisitorCount()).toBe(before + 2);

    await rollUpStats({ days: 1, now });
    const daily = await db.dailyStat.findUniqueOrThrow({ where: { date: new Date(`${today}T00:00:00Z`) } });
    expect(daily).toMatchObject({ pageViews: 3, uniqueVisitors: 2 });
    expect((await db.eventViewCount.findUniqueOrThrow({ where: { eventId: event.id } })).views).toBe(2);

    // Rolling up again does not double-count.
    await recordPageView({ ip: "203.0.113.2", userAgent: "Browser B", now, eventId: event.id });
    await rollUpStats({ days: 1, now });
    expect((await db.eventViewCount.findUniqueOrThrow({ where: { eventId: event.id } })).views).toBe(3);
    expect(await db.dailyStat.findUniqueOrThrow({ where: { date: new Date(`${today}T00:00:00Z`) } })).toMatchObject({ pageViews: 4, uniqueVisitors: 2 });
  });

  it("buffered views are counted on the Bali day they happened, on both sides of midnight", async () => {
    const midnight = startOfBaliDay("2031-01-02");
    const days = ["2031-01-01", "2031-01-02"];
    await getRedis().del(...days.map((date) => statsKeys.pageViews(date)));
    const buffer = new PageViewBuffer(60_000);
    buffer.record({ ip: "203.0.113.9", userAgent: "Mozilla/5.0", now: new Date(midnight.getTime() - 2_000) });
    buffer.record({ ip: "203.0.113.9", userAgent: "Mozilla/5.0", now: new Date(midnight.getTime() - 1) });
    buffer.record({ ip: "203.0.113.9", userAgent: "Mozilla/5.0", now: midnight });
    buffer.record({ ip: "203.0.113.9", userAgent: "Mozilla/5.0", now: new Date(midnight.getTime() - 1_000) }); // late, still the 1st
    await buffer.flush();
    const counts = await Promise.all(days.map((date) => getRedis().get<number>(statsKeys.pageViews(date))));
    expect(counts.map(Number)).toEqual([3, 1]);
    await getRedis().del(...days.flatMap((date) => [statsKeys.pageViews(date), statsKeys.uniqueVisitors(date)]));
  });

  it("in demo mode (Redis in memory) per-event views reach the database too", async () => {
    const saved = { REDIS_URL: process.env.REDIS_URL, REDIS_CACHE_URL: process.env.REDIS_CACHE_URL };
    const creator = await createCreator();
    const event = await createEvent({ creatorId: creator.id, startsAt: new Date(Date.now() + 86_400_000) });
    process.env.REDIS_URL = "";
    delete process.env.REDIS_CACHE_URL;
    resetEnvForTests();
    await resetRedisForTests();
    try {
      expect(redisMode()).toBe("memory");
      await recordPageView({ ip: "203.0.113.7", userAgent: "Browser D", now, eventId: event.id });
      await recordPageView({ ip: "203.0.113.8", userAgent: "Browser E", now, eventId: event.id });
      expect(await rollUpStats({ days: 1, now })).toMatchObject({ events: 1 });
      expect((await db.eventViewCount.findUniqueOrThrow({ where: { eventId: event.id } })).views).toBe(2);
    } finally {
      applyEnv(saved);
      resetEnvForTests();
      await resetRedisForTests();
    }
  });
});
