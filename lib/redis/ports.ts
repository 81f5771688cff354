import type { Redis } from "@upstash/redis";
import type { TEnqueueOptions, TEnqueueResult } from "@/lib/jobs/queues";
import type { TJobData, TJobName, TQueueName } from "@/lib/jobs/policies";
import type { RateLimitPolicyName, RateLimitResult } from "@/lib/redis/rate-limit";

/**
 * What the app needs from Redis, one port per use, and what implements each
 * (docs/decisions/009-redis-client-libraries-and-ports.md):
 *
 * | port           | used by                              | Redis implementation                         | memory mode (no Redis configured)            |
 * |----------------|--------------------------------------|----------------------------------------------|----------------------------------------------|
 * | CacheStore     | lib/cache, the page cache            | `@upstash/redis`, cache role                 | the same client on the in-process emulator   |
 * | SessionStore   | lib/auth/sessions, session-record    | `@upstash/redis`, state role                 | the same client on the in-process emulator   |
 * | TokenStore     | lib/auth/tokens                      | `@upstash/redis`, state role                 | the same client on the in-process emulator   |
 * | StatsCounters  | lib/stats, admin figures             | `@upstash/redis`, state role                 | the same client on the in-process emulator   |
 * | ServerInfo     | health, /admin/system                | `@upstash/redis` (PING, INFO)                | the emulator's reduced INFO                  |
 * | RateLimiter    | lib/redis/rate-limit                 | `@upstash/ratelimit` (Lua on Redis)          | `InProcessSlidingWindow`                     |
 * | JobQueue       | lib/jobs, lib/mail                   | BullMQ on ioredis (lib/jobs/queues.ts)       | `runInProcess` (lib/jobs/in-process.ts)      |
 *
 * The first five are the Upstash client narrowed to the commands listed
 * below: a module typed against its port cannot call anything else directly
 * (a chained pipeline call returns the client's full pipeline type; the
 * emulator's allowlist and the parity suite catch those). The emulator
 * (lib/redis/memory-requester.ts) answers exactly the union of these lists,
 * `MEMORY_MODE_COMMANDS`, and refuses any other command by name.
 */

type UpstashPipeline = ReturnType<Redis["pipeline"]>;

/** Client methods that send one Redis command of the same (lower-case) name, directly or in a pipeline. */
type CommandMethod = keyof Redis & keyof UpstashPipeline;

/** A pipeline or MULTI batch restricted to a port's commands. */
export type PortBatch<C extends CommandMethod> = Pick<UpstashPipeline, C | "exec">;

/** The Upstash client restricted to a port's commands (also inside `pipeline()` and `multi()`). */
export type CommandPort<C extends CommandMethod> = Pick<Redis, C> & {
  pipeline(): PortBatch<C>;
  multi(): PortBatch<C>;
};

/** Data-cache buckets (hashes with a TTL), the page-cache generation and its change log (lib/cache/public-cache.ts, lib/page-cache). */
export const CACHE_STORE_COMMANDS = ["get", "hget", "hset", "hdel", "hlen", "hexists", "hincrby", "expire", "del", "incr", "zadd", "zrange", "zrem"] as const;
export type CacheStore = CommandPort<(typeof CACHE_STORE_COMMANDS)[number]>;

/** Sign-in sessions: a JSON record per session and a set of session hashes per user (lib/auth/sessions.ts). */
export const SESSION_STORE_COMMANDS = ["get", "set", "getdel", "mget", "sadd", "srem", "smembers", "expire", "del"] as const;
export type SessionStore = CommandPort<(typeof SESSION_STORE_COMMANDS)[number]>;

/** Single-use tokens for emailed links (lib/auth/tokens.ts). */
export const TOKEN_STORE_COMMANDS = ["get", "set", "getdel", "del"] as const;
export type TokenStore = CommandPort<(typeof TOKEN_STORE_COMMANDS)[number]>;

/**
 * Visitor stats: page views per day, unique visitors (HyperLogLog), views per
 * event, and the roll-up into PostgreSQL with its lock (lib/stats). The
 * roll-up moves the pending hash aside with RENAMENX; RENAME is its
 * unconditional twin, kept with it.
 */
export const STATS_COUNTER_COMMANDS = ["get", "set", "incrby", "expire", "pfadd", "pfcount", "hincrby", "hgetall", "rename", "renamenx", "del"] as const;
export type StatsCounters = CommandPort<(typeof STATS_COUNTER_COMMANDS)[number]>;

/** Health and the admin System page: PING, and INFO as a raw command (`exec(["INFO"])`, the client has no method for it). */
export const SERVER_INFO_COMMANDS = ["ping", "info"] as const;
export type ServerInfo = Pick<Redis, "ping" | "exec">;

/** Every command the app sends through the Upstash client: what the in-process emulator answers, and nothing else. */
export const MEMORY_MODE_COMMANDS: readonly string[] = [
  ...new Set(
    [...CACHE_STORE_COMMANDS, ...SESSION_STORE_COMMANDS, ...TOKEN_STORE_COMMANDS, ...STATS_COUNTER_COMMANDS, ...SERVER_INFO_COMMANDS].map((name) =>
      name.toUpperCase(),
    ),
  ),
].sort();

/**
 * Sliding-window rate limiting (lib/redis/rate-limit.ts owns the policy table,
 * the identifier hashing and what an outage means). Two implementations,
 * chosen in one place (`rateLimiterFor` there): `@upstash/ratelimit` on Redis,
 * and `InProcessSlidingWindow` in memory mode, the same algorithm.
 */
export interface RateLimiter {
  /**
   * Counts one request by `hashedIdentifier` under `policy`. Resolves null when
   * the limiter gave up waiting for its store; rejects when the store failed.
   * `timeoutMs`: how long the caller waits (a limiter with a store may use it as its own backstop).
   */
  count(policy: RateLimitPolicyName, hashedIdentifier: string, options?: { timeoutMs?: number }): Promise<RateLimitResult | null>;
}

/**
 * Background jobs (lib/jobs/queues.ts). Two implementations, chosen in one
 * place (`jobQueue()` there): BullMQ on its own ioredis connection, which
 * falls back to running a job in process when Redis does not answer; and
 * in process only (the demo, no REDIS_URL, JOBS_MODE=inline).
 */
export interface JobQueue {
  add<Q extends TQueueName>(queue: Q, name: TJobName[Q], data: TJobData[Q], options?: TEnqueueOptions): Promise<TEnqueueResult>;
}
