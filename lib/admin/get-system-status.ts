import "server-only";
import { CACHE_BUCKETS, type TCacheBucket } from "@/lib/cache/policies";
import { cacheCounters, cacheEntryCount } from "@/lib/cache/public-cache";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { checkHealth, type TDependencyHealth } from "@/lib/health/check-health";
import { getQueueCounts, listFailedJobs, type TFailedJob, type TQueueOverview } from "@/lib/jobs";
import { cacheSharesStateServer, getCacheRedisHandle, pingRedis, redisMode, type RedisMode, type RedisStatus } from "@/lib/redis";
import { getRedisInfo, type TRedisInfoResult } from "@/lib/redis/redis-info";

/**
 * Everything the admin System page shows, gathered in parallel, each part
 * bounded by its own timeout. Never throws: a dependency that is down shows
 * as "down" / "unavailable" with the reason.
 */

export type TCacheStatus = {
  bucket: TCacheBucket;
  ttlSeconds: number;
  /** Entries in the bucket's Redis hash; null when Redis cannot be asked. */
  entries: number | null;
};

export type TFailedJobsStatus = { status: "ok"; jobs: TFailedJob[] } | { status: "none" } | { status: "unavailable"; message: string };

export type TRedisRoleStatus = TDependencyHealth & { mode: RedisMode; info: TRedisInfoResult };

export type TSystemStatus = {
  checkedAt: Date;
  database: TDependencyHealth;
  /** The state Redis (REDIS_URL): sessions, tokens, rate limits, counters, the job queue. */
  redis: TRedisRoleStatus;
  /** The cache Redis (REDIS_CACHE_URL, default REDIS_URL): page and data caches. `sharesStateServer`: the same server as `redis`. */
  cacheRedis: TRedisRoleStatus & { sharesStateServer: boolean };
  caches: { enabled: boolean; buckets: TCacheStatus[]; processHits: number; processMisses: number };
  jobs: TQueueOverview;
  failures: TFailedJobsStatus;
};

const FAILED_JOBS_SHOWN = 25;

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

async function safely<T>(work: () => Promise<T>, fallback: (error: unknown) => T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return fallback(error);
  }
}

async function failedJobs(jobs: Promise<TQueueOverview>): Promise<TFailedJobsStatus> {
  const overview = await jobs;
  if (overview.mode === "in-process") return { status: "none" };
  if (overview.status === "down") return { status: "unavailable", message: "The job queue is not reachable right now (Redis)." };
  try {
    return { status: "ok", jobs: (await listFailedJobs({ limit: FAILED_JOBS_SHOWN })).slice(0, FAILED_JOBS_SHOWN) };
  } catch (error) {
    if (!(error instanceof AppError)) console.error("System page: the failed jobs could not be listed", error);
    return { status: "unavailable", message: error instanceof AppError ? error.message : "The failed jobs could not be listed." };
  }
}

export async function getSystemStatus(): Promise<TSystemStatus> {
  const bucketNames = Object.keys(CACHE_BUCKETS) as TCacheBucket[];
  const jobs = safely(getQueueCounts, (error): TQueueOverview => ({ mode: "queue", status: "down", error: describe(error), queues: [] }));
  const [health, info, cachePing, cacheInfo, counts, overview, failures] = await Promise.all([
    safely(checkHealth, (error) => ({
      status: "unavailable" as const,
      database: { status: "down" as const, error: describe(error) },
      redis: { status: "down" as const, error: describe(error) },
      checkedAt: new Date().toISOString(),
    })),
    safely(
      () => getRedisInfo(),
      (error): TRedisInfoResult => ({ available: false, reason: describe(error) }),
    ),
    safely(
      () => pingRedis({ role: "cache" }),
      (error): RedisStatus => ({ status: "down", mode: "memory", error: describe(error) }),
    ),
    safely(
      () => getRedisInfo({ role: "cache" }),
      (error): TRedisInfoResult => ({ available: false, reason: describe(error) }),
    ),
    Promise.all(
      bucketNames.map((bucket) =>
        safely(
          () => cacheEntryCount(bucket),
          () => 0,
        ),
      ),
    ),
    jobs,
    failedJobs(jobs),
  ]);
  const mode = safelySync(redisMode, "memory");
  const redisDown = health.redis.status === "down";
  const cacheDown = cachePing.status === "down";
  const { mode: cacheMode, ...cacheHealth } = cachePing;
  return {
    checkedAt: new Date(),
    database: health.database,
    redis: { ...health.redis, mode, info: redisDown ? { available: false, reason: "Redis does not answer." } : info },
    cacheRedis: {
      ...cacheHealth,
      mode: safelySync(() => getCacheRedisHandle().mode, cacheMode),
      info: cacheDown ? { available: false, reason: "Redis does not answer." } : cacheInfo,
      sharesStateServer: safelySync(() => cacheSharesStateServer(), true),
    },
    caches: {
      enabled: safelySync(() => getEnv().CACHE_ENABLED, false),
      // cacheEntryCount answers 0 when the cache Redis is down: say "unavailable" instead.
      buckets: bucketNames.map((bucket, index) => ({ bucket, ttlSeconds: CACHE_BUCKETS[bucket].ttlSeconds, entries: cacheDown ? null : (counts[index] ?? 0) })),
      processHits: cacheCounters.hits,
      processMisses: cacheCounters.misses,
    },
    jobs: overview,
    failures,
  };
}

function safelySync<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch {
    return fallback;
  }
}
