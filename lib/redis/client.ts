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
 * - REDIS_URL (redis:// or rediss://)                 → node-redis over TCP ("tcp")
 * - neither                                            → in-process memory ("memory")
 *
 * If both Upstash and REDIS_URL are set, Upstash wins.
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
  const breaker = new CircuitBreaker(options.breakerCooldownMs ?? 2_000, logger);
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

/** For scripts and tests: closes the singleton's connection; the next getRedis() builds a new one. */
export async function closeRedis(): Promise<void> {
  const handle = globalForRedis.__zbRedis;
  globalForRedis.__zbRedis = undefined;
  await handle?.close();
}

/** Test hook: closes and forgets the singleton (and, by default, the memory-mode data). */
export async function resetRedisForTests(options: { clearMemory?: boolean } = {}): Promise<void> {
  await closeRedis();
  if (options.clearMemory ?? true) globalForRedis.__zbRedisMemoryStore = undefined;
}
