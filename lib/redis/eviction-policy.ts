import { getRedisHandle, type RedisHandle } from "@/lib/redis/client";
import type { ServerInfo } from "@/lib/redis/ports";
import { parseInfoLines } from "@/lib/redis/redis-info";
import { withRedis } from "@/lib/redis/resilience";

/**
 * The state Redis (REDIS_URL: sessions, tokens, rate-limit counters, the job
 * queue) must never evict keys: with `volatile-lru` or `allkeys-lru` a full
 * cache could push out a session or a queued mail, and BullMQ requires
 * `noeviction`. The policy is read from `INFO memory` (`maxmemory_policy`),
 * because `CONFIG GET` is often disabled on managed Redis.
 *
 * Never fails start-up: an unreadable policy is only reported as such.
 * Skipped in memory mode (no Redis) and with Upstash REST (managed, no INFO).
 */

export type TEvictionPolicyCheck =
  | { status: "ok"; policy: "noeviction" }
  | { status: "evicts"; policy: string; message: string }
  | { status: "unknown"; message: string }
  | { status: "skipped" };

export const REQUIRED_STATE_POLICY = "noeviction";

export async function checkStateRedisEvictionPolicy({
  handle,
  timeoutMs = 2_000,
}: { handle?: RedisHandle; timeoutMs?: number } = {}): Promise<TEvictionPolicyCheck> {
  let state: RedisHandle;
  try {
    state = handle ?? getRedisHandle();
  } catch {
    return { status: "skipped" };
  }
  if (state.mode !== "tcp") return { status: "skipped" };
  const reply = await withRedis((redis: ServerInfo) => redis.exec<unknown>(["INFO", "memory"]), null, { handle: state, timeoutMs, label: "INFO memory" });
  const policy = typeof reply === "string" ? parseInfoLines(reply).get("maxmemory_policy") : undefined;
  if (!policy) {
    return { status: "unknown", message: `Redis: could not read the state Redis's maxmemory-policy (INFO memory); it must be "${REQUIRED_STATE_POLICY}".` };
  }
  if (policy === REQUIRED_STATE_POLICY) return { status: "ok", policy };
  return {
    status: "evicts",
    policy,
    message:
      `WARNING Redis: the state Redis (REDIS_URL) runs with maxmemory-policy "${policy}", not "${REQUIRED_STATE_POLICY}": ` +
      `when it is full it may evict sessions, reset tokens, rate-limit counters and queued jobs. ` +
      `Set --maxmemory-policy ${REQUIRED_STATE_POLICY} on it, and put the caches on a separate Redis with REDIS_CACHE_URL (allkeys-lru).`,
  };
}

/** Logs a clear warning when the state Redis may evict keys (start-up of the app and the worker). Never throws. */
export async function warnIfStateRedisEvicts(logger: Pick<Console, "warn"> = console): Promise<TEvictionPolicyCheck> {
  try {
    const check = await checkStateRedisEvictionPolicy();
    if (check.status === "evicts" || check.status === "unknown") logger.warn(check.message);
    return check;
  } catch (error) {
    logger.warn(`Redis: could not check the state Redis's maxmemory-policy: ${error instanceof Error ? error.message : String(error)}`);
    return { status: "unknown", message: "check failed" };
  }
}
