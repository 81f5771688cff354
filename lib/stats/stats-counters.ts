import { withRedis, type WithRedisOptions } from "@/lib/redis";
import type { StatsCounters } from "@/lib/redis/ports";

// No "server-only": the page cache in server.mjs counts views through this too.

/**
 * Stats work through the counters port (lib/redis/ports.ts) on the state
 * Redis: `withRedis` (bounded, falls back, never throws), narrowed to the
 * commands the stats use.
 */
export function withStatsCounters<T>(operation: (counters: StatsCounters) => Promise<T>, fallback: T, options?: WithRedisOptions): Promise<T> {
  return withRedis(operation, fallback, options);
}

/** A pipeline (or MULTI) of counter commands. */
export type TStatsBatch = ReturnType<StatsCounters["pipeline"]>;
