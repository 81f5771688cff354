import { Redis } from "@upstash/redis";
import { getEnv } from "@/lib/env";
import { CircuitBreaker } from "@/lib/redis/circuit-breaker";
import { createMemoryRequester, MemoryStore } from "@/lib/redis/memory-requester";
import { createTcpRequester } from "@/lib/redis/tcp-requester";

/**
 * The project's one Redis layer. App code gets ONE `@upstash/redis` `Redis`
 * instance from `getRedis()` whatever the back end is:
 *
 * - UPSTASH_REDIS_REST_URL + UPSTASH_REDIS_REST_TOKEN → Upstash REST ("upstash")
 * - REDIS_URL (redis:// or rediss://)                 → ioredis over TCP ("tcp")
 * - neither                                            → in-process memory ("memory")
 *
 * If both Upstash and REDIS_URL are set, Upstash wins.
 *
 * Two roles, two handles, each with its OWN circuit breaker:
 *
 * - state (`getRedisHandle()`): sessions, tokens, rate-limit counters, stats
 *   counters, and (through BullMQ's own connection) the job queue. Must run
 *   with `maxmemory-policy noeviction` (see eviction-policy.ts).
 * - cache (`getCacheRedisHandle()`, `withCacheRedis`): the page cache, the
 *   data-cache buckets and the page-cache generation. Disposable: REDIS_CACHE_URL
 *   (default REDIS_URL) may point at an `allkeys-lru` Redis with a memory cap.
 *
 * The cache handle is a separate client even when both URLs are the same, so
 * a slow or dead cache never opens the state breaker (rate limits, sessions).
 *
 * Keys are never prefixed transparently: build every key with `key(...)`, which
 * applies REDIS_KEY_PREFIX (default "zb:"), e.g. key("cache", "list") → "zb:cache:list".
 *
 * Deliberately no `import "server-only"`: scripts and tests run this outside Next.
 */

export type RedisMode = "upstash" | "tcp" | "memory";
export type KeyPart = string | number;

export interface CreateRedisOptions {
  /** redis:// or rediss:// URL → TCP mode (ignored when Upstash credentials are given). */
  redisUrl?: string;
  upstashUrl?: string;
  upstashToken?: string;
  /** Key prefix used by `handle.key()`; default "zb:". A ":" is appended if missing. */
  prefix?: string;
  /** Memory mode only: share data with another handle (the app singleton keeps one store per process). */
  memoryStore?: MemoryStore;
  /** TCP: per-attempt connect timeout (default 1000 ms). */
  connectTimeoutMs?: number;
  /** TCP and Upstash: hard upper bound for one request (default 2000 ms). Use withRedis for tighter bounds. */
  commandTimeoutMs?: number;
  /** Circuit breaker cool-down after a failure (default 2000 ms). */
  breakerCooldownMs?: number;
  /** Names the handle in log lines ("Redis", "Cache Redis"…). Default "Redis". */
  label?: string;
  logger?: Pick<Console, "warn" | "info">;
}

export interface RedisHandle {
  readonly redis: Redis;
  readonly mode: RedisMode;
  readonly prefix: string;
  readonly breaker: CircuitBreaker;
  /** key("cache", "list") → "<prefix>cache:list" */
  key(...parts: KeyPart[]): string;
  /** Closes the connection (TCP); no-op otherwise. Safe to call twice. */
  close(): Promise<void>;
}

export const DEFAULT_KEY_PREFIX = "zb:";
export const MEMORY_MODE_MESSAGE = "Redis: none configured — using in-process memory (single instance only)";

export function normalisePrefix(prefix: string | undefined): string {
  const value = prefix ?? DEFAULT_KEY_PREFIX;
  return value === "" || value.endsWith(":") ? value : `${value}:`;
}

export function buildKey(prefix: string, parts: readonly KeyPart[]): string {
  return normalisePrefix(prefix) + parts.map(String).join(":");
}

export function createRedis(options: CreateRedisOptions = {}): RedisHandle {
  const logger = options.logger ?? console;
  const prefix = normalisePrefix(options.prefix);
  const commandTimeoutMs = options.commandTimeoutMs ?? 2_000;
  const breaker = new CircuitBreaker(options.breakerCooldownMs ?? 2_000, logger, options.label ?? "Redis");
  const key = (...parts: KeyPart[]) => buildKey(prefix, parts);

  if (options.upstashUrl && options.upstashToken) {
    const redis = new Redis({
      url: options.upstashUrl,
      token: options.upstashToken,
      // A function signal makes a timed-out fetch THROW (a plain AbortSignal would
      // make @upstash/redis resolve with the string "Aborted" as the result).
      signal: () => AbortSignal.timeout(commandTimeoutMs),
      retry: { retries: 1, backoff: () => 50 },
      enableTelemetry: false,
      // Same request shapes as the other modes; no hidden batching.
      enableAutoPipelining: false,
    });
    return { redis, mode: "upstash", prefix, breaker, key, close: async () => {} };
  }

  if (options.redisUrl) {
    const requester = createTcpRequester({
      url: options.redisUrl,
      connectTimeoutMs: options.connectTimeoutMs,
      commandTimeoutMs,
      logger,
    });
    return { redis: new Redis(requester), mode: "tcp", prefix, breaker, key, close: () => requester.close() };
  }

  const requester = createMemoryRequester({ store: options.memoryStore });
  return { redis: new Redis(requester), mode: "memory", prefix, breaker, key, close: async () => {} };
}

// ---------------------------------------------------------------------------
// The app singleton (kept on globalThis so Next dev hot reloads reuse it).
// ---------------------------------------------------------------------------

const globalForRedis = globalThis as typeof globalThis & {
  __zbRedis?: RedisHandle;
  __zbCacheRedis?: RedisHandle;
  __zbRedisMemoryStore?: MemoryStore;
  __zbRedisMemoryLogged?: boolean;
};

/** The process-wide handle, built from getEnv() on first use. */
export function getRedisHandle(): RedisHandle {
  if (globalForRedis.__zbRedis) return globalForRedis.__zbRedis;
  const env = getEnv();
  const useUpstash = Boolean(env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN);
  if (!useUpstash && !env.REDIS_URL) {
    globalForRedis.__zbRedisMemoryStore ??= new MemoryStore();
    if (!globalForRedis.__zbRedisMemoryLogged) {
      globalForRedis.__zbRedisMemoryLogged = true;
      console.warn(MEMORY_MODE_MESSAGE);
    }
  }
  const handle = createRedis({
    upstashUrl: env.UPSTASH_REDIS_REST_URL,
    upstashToken: env.UPSTASH_REDIS_REST_TOKEN,
    redisUrl: env.REDIS_URL,
    prefix: env.REDIS_KEY_PREFIX,
    memoryStore: globalForRedis.__zbRedisMemoryStore,
  });
  globalForRedis.__zbRedis = handle;
  return handle;
}

/**
 * The cache role's handle: REDIS_CACHE_URL over TCP when set, otherwise the
 * same back end as the state handle (REDIS_URL, Upstash REST, or the same
 * in-process memory store) through a client and circuit breaker of its own.
 */
export function getCacheRedisHandle(): RedisHandle {
  if (globalForRedis.__zbCacheRedis) return globalForRedis.__zbCacheRedis;
  const env = getEnv();
  const state = getRedisHandle(); // also sets up the shared memory store in memory mode
  const handle = env.REDIS_CACHE_URL
    ? createRedis({ redisUrl: env.REDIS_CACHE_URL, prefix: env.REDIS_KEY_PREFIX, label: "Cache Redis" })
    : createRedis({
        upstashUrl: state.mode === "upstash" ? env.UPSTASH_REDIS_REST_URL : undefined,
        upstashToken: state.mode === "upstash" ? env.UPSTASH_REDIS_REST_TOKEN : undefined,
        redisUrl: state.mode === "tcp" ? env.REDIS_URL : undefined,
        prefix: env.REDIS_KEY_PREFIX,
        memoryStore: globalForRedis.__zbRedisMemoryStore,
        label: "Cache Redis",
      });
  globalForRedis.__zbCacheRedis = handle;
  return handle;
}

export type RedisRole = "state" | "cache";

export function getRoleHandle(role: RedisRole = "state"): RedisHandle {
  return role === "cache" ? getCacheRedisHandle() : getRedisHandle();
}

/**
 * Whether the cache role uses the state role's Redis server (same host and
 * port, or the same Upstash database, or both in memory). Does not connect.
 */
export function cacheSharesStateServer(env = getEnv()): boolean {
  if (!env.REDIS_CACHE_URL) return true;
  if (!env.REDIS_URL || (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN)) return false;
  const server = (url: string) => {
    try {
      const parsed = new URL(url);
      return `${parsed.hostname}:${parsed.port || "6379"}`;
    } catch {
      return url;
    }
  };
  return server(env.REDIS_CACHE_URL) === server(env.REDIS_URL);
}

/** The one `@upstash/redis` instance all app code uses. */
export function getRedis(): Redis {
  return getRedisHandle().redis;
}

export function redisMode(): RedisMode {
  return getRedisHandle().mode;
}

/** key("cache", "list") → "zb:cache:list" (REDIS_KEY_PREFIX applied). Does not connect. */
export function key(...parts: KeyPart[]): string {
  const existing = globalForRedis.__zbRedis;
  return existing ? existing.key(...parts) : buildKey(getEnv().REDIS_KEY_PREFIX, parts);
}

/** For scripts and tests: closes both roles' connections; the next getRedis() builds new ones. */
export async function closeRedis(): Promise<void> {
  const handles = [globalForRedis.__zbRedis, globalForRedis.__zbCacheRedis];
  globalForRedis.__zbRedis = undefined;
  globalForRedis.__zbCacheRedis = undefined;
  await Promise.all(handles.filter((handle) => handle !== undefined).map((handle) => handle.close()));
}

/** Test hook: closes and forgets the singleton (and, by default, the memory-mode data). */
export async function resetRedisForTests(options: { clearMemory?: boolean } = {}): Promise<void> {
  await closeRedis();
  if (options.clearMemory ?? true) globalForRedis.__zbRedisMemoryStore = undefined;
}
