import "server-only";
import { db } from "@/lib/db";
import { addBaliDays, toBaliDate } from "@/lib/time/bali";
import { withStatsCounters } from "./stats-counters";
import { statsKeys } from "./stats-keys";

const ROLL_UP_EVERY_SECONDS = 300;

/**
 * Copies the Redis counters into PostgreSQL: daily page views and unique
 * visitors for today and the last few days (idempotent upserts), and the
 * pending per-event view counts (moved atomically, so none are counted twice).
 */
export async function rollUpStats({ days = 3, now = new Date() }: { days?: number; now?: Date } = {}): Promise<{ days: number; events: number }> {
  const today = toBaliDate(now);
  const dates = Array.from({ length: days }, (_, index) => addBaliDays(today, -index));
  const figures = await withStatsCounters(
    async (redis) => {
      const pipeline = redis.pipeline();
      for (const date of dates) {
        pipeline.get(statsKeys.pageViews(date));
        pipeline.pfcount(statsKeys.uniqueVisitors(date));
      }
      return await pipeline.exec<unknown[]>();
    },
    null,
    { timeoutMs: 2_000 },
  );
  if (!figures) return { days: 0, events: 0 };

  for (const [index, date] of dates.entries()) {
    const pageViews = Number(figures[index * 2] ?? 0);
    const uniqueVisitors = Number(figures[index * 2 + 1] ?? 0);
    if (pageViews === 0 && uniqueVisitors === 0) continue;
    await db.dailyStat.upsert({
      where: { date: new Date(`${date}T00:00:00Z`) },
      create: { date: new Date(`${date}T00:00:00Z`), pageViews, uniqueVisitors },
      update: { pageViews, uniqueVisitors },
    });
  }

  // Rename the pending hash away so that views arriving meanwhile start a new one.
  const processingKey = `${statsKeys.eventViewsPending()}:processing:${Date.now()}`;
  const pending = await withStatsCounters(
    async (redis) => {
      // "no such key": nothing is pending. Anything else is an error (withStatsCounters answers with the fallback and says so).
      const renamed = await redis.renamenx(statsKeys.eventViewsPending(), processingKey).catch((error: unknown) => {
        if (/no such key/i.test(String(error))) return 0;
        throw error;
      });
      if (!renamed) return {};
      return (await redis.hgetall<Record<string, string | number>>(processingKey)) ?? {};
    },
    {},
    { timeoutMs: 2_000 },
  );
  const entries = Object.entries(pending);
  for (const [eventId, views] of entries) {
    const count = Number(views);
    if (!Number.isFinite(count) || count <= 0) continue;
    await db.eventViewCount
      .upsert({
        where: { eventId },
        create: { eventId, views: count },
        update: { views: { increment: count } },
      })
      .catch(() => undefined); // the event may have been removed; its views are dropped
  }
  if (entries.length) await withStatsCounters((redis) => redis.del(processingKey), 0);
  return { days: dates.length, events: entries.length };
}

/** Runs the roll-up at most once per interval across all instances (a Redis lock), in the background. */
export async function maybeRollUpStats(): Promise<void> {
  const acquired = await withStatsCounters((redis) => redis.set(statsKeys.rollUpLock(), "1", { nx: true, ex: ROLL_UP_EVERY_SECONDS }), null);
  if (acquired === "OK") {
    await rollUpStats().catch((error: unknown) => console.error("stats roll-up failed", error));
  }
}
