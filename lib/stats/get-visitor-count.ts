import "server-only";
import { db } from "@/lib/db";
import { withStatsCounters } from "./stats-counters";
import { statsKeys } from "./stats-keys";

/**
 * "Visitors: N" in the footer: unique visitors so far (HyperLogLog in Redis).
 * When Redis is unavailable, the best figure PostgreSQL has: the largest daily
 * unique count rolled up so far is a lower bound, so the footer never shows 0 by accident.
 */
export async function getVisitorCount(): Promise<number> {
  const fromRedis = await withStatsCounters((redis) => redis.pfcount(statsKeys.uniqueVisitorsAllTime()), null);
  if (fromRedis !== null) return fromRedis;
  const best = await db.dailyStat.aggregate({ _max: { uniqueVisitors: true } }).catch(() => null);
  return best?._max.uniqueVisitors ?? 0;
}
