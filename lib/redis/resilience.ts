import type { Redis } from "@upstash/redis";
import { errors as upstashErrors } from "@upstash/redis";
import { getRoleHandle, type RedisHandle, type RedisMode, type RedisRole } from "@/lib/redis/client";

/**
 * Redis must never take the app down or make it hang. Every call site wraps its
 * Redis work in `withRedis(op, fallback)`:
 *
 * - the operation is bounded by `timeoutMs` (default 250 ms);
 * - on timeout or a connection problem it returns `fallback` and opens the
 *   handle's circuit breaker, so for the next ~2 s every call returns the
 *   fallback immediately (a dead Redis costs nothing per request);
 * - a Redis *reply* error (WRONGTYPE, syntax…) is a bug rather than an outage:
 *   it returns the fallback and is logged once per distinct message, without
 *   opening the breaker.
 *
 * Note: a timed-out command may still complete on the server later.
 */

export interface WithRedisOptions {
  /** Upper bound for the whole operation. Default 250 ms. */
  timeoutMs?: number;
  /** Use this handle instead of the app singleton (tests, scripts). */
  handle?: RedisHandle;
  /** Which app singleton: "state" (default: sessions, tokens, limits, counters) or "cache" (see withCacheRedis). */
  role?: RedisRole;
  /** Included in log lines. */
  label?: string;
}

export class RedisTimeoutError extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = "RedisTimeoutError";
  }
}

export const DEFAULT_REDIS_TIMEOUT_MS = 250;
export const DEFAULT_PING_TIMEOUT_MS = 500;

const loggedReplyErrors = new Set<string>();

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** A Redis reply error (the server answered with an error), as opposed to an outage. */
function isReplyError(error: unknown): boolean {
  return error instanceof upstashErrors.UpstashError && !(error instanceof upstashErrors.UpstashJSONParseError);
}

function logReplyErrorOnce(error: unknown, label: string | undefined): void {
  // Upstash REST errors end with ", command was: [...]": never log command arguments (user data).
  const message = describe(error)
    .replace(/, command was: [\s\S]*$/, "")
    .slice(0, 300);
  if (loggedReplyErrors.has(message) || loggedReplyErrors.size >= 100) return;
  loggedReplyErrors.add(message);
  console.warn(`Redis: command failed${label ? ` in ${label}` : ""}, using fallback: ${message}`);
}

/** Races a promise against a timer; the timer is always cleared. */
export async function raceTimeout<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(work),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RedisTimeoutError(timeoutMs)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

let handleErrorLogged = false;

/**
 * Runs `operation` against Redis, bounded by a timeout; returns `fallback` on
 * error, timeout, or while the circuit breaker is open. Never throws.
 */
export async function withRedis<T>(operation: (redis: Redis) => Promise<T>, fallback: T, options: WithRedisOptions = {}): Promise<T> {
  let handle: RedisHandle;
  try {
    handle = options.handle ?? getRoleHandle(options.role);
  } catch (error) {
    if (!handleErrorLogged) {
      handleErrorLogged = true;
      console.error(`Redis: cannot create the client, using fallbacks: ${describe(error)}`);
    }
    return fallback;
  }
  if (handle.breaker.isOpen()) return fallback;
  try {
    const result = await raceTimeout(() => operation(handle.redis), options.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS);
    handle.breaker.recordSuccess();
    return result;
  } catch (error) {
    if (isReplyError(error)) logReplyErrorOnce(error, options.label);
    else handle.breaker.recordFailure(describe(error), Date.now(), { timeout: error instanceof RedisTimeoutError });
    return fallback;
  }
}

/**
 * `withRedis` on the cache role's handle (REDIS_CACHE_URL, default REDIS_URL):
 * for the page cache, the data-cache buckets and the page-cache generation
 * only. Its circuit breaker is its own, so a cache timeout never makes rate
 * limits or sessions fall back.
 */
export function withCacheRedis<T>(operation: (redis: Redis) => Promise<T>, fallback: T, options: Omit<WithRedisOptions, "role"> = {}): Promise<T> {
  return withRedis(operation, fallback, { ...options, role: "cache" });
}

export interface RedisStatus {
  status: "up" | "down" | "none";
  mode: RedisMode;
  latencyMs?: number;
  error?: string;
}

/**
 * A real PING (bypassing the breaker), bounded by `timeoutMs` (default 500 ms).
 * "none" in memory mode: no Redis is configured. For /api/health.
 */
export async function pingRedis(options: { handle?: RedisHandle; role?: RedisRole; timeoutMs?: number } = {}): Promise<RedisStatus> {
  let handle: RedisHandle;
  try {
    handle = options.handle ?? getRoleHandle(options.role);
  } catch (error) {
    return { status: "down", mode: "memory", error: describe(error) };
  }
  if (handle.mode === "memory") return { status: "none", mode: "memory" };
  const started = performance.now();
  try {
    const reply = await raceTimeout(() => handle.redis.ping(), options.timeoutMs ?? DEFAULT_PING_TIMEOUT_MS);
    if (reply !== "PONG") throw new Error(`unexpected PING reply: ${reply}`);
    handle.breaker.recordSuccess();
    return { status: "up", mode: handle.mode, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    const message = describe(error);
    if (!isReplyError(error)) handle.breaker.recordFailure(message);
    return { status: "down", mode: handle.mode, error: message };
  }
}

/** Alias of pingRedis, for the health endpoint. */
