import { Ratelimit, type Duration } from "@upstash/ratelimit";
import { getRedisHandle, type RedisHandle } from "@/lib/redis/client";
import { withRedis } from "@/lib/redis/resilience";

/**
 * Rate limiting, with every limit of the app in ONE table.
 *
 * Redis modes ("upstash", "tcp"): @upstash/ratelimit's sliding window over the
 * shared `Redis` instance (Lua scripts; the TCP requester strips the
 * Upstash-only `#!lua flags=allow-key-locking` line and keeps EVALSHA hashes
 * consistent). Keys: key("rl", policyName) + ":" + identifier + ":" + window.
 *
 * Memory mode: the in-memory requester cannot run Lua, so an in-process limiter
 * (`InProcessSlidingWindow` below) implements the SAME algorithm as
 * Ratelimit.slidingWindow — the previous fixed window's count weighted by how
 * much of it still overlaps, plus the current window's count — and returns the
 * same result shape. Single process only, like the rest of memory mode.
 *
 * Fail OPEN: if Redis is down, slow (over `timeoutMs`, default 300 ms) or the
 * circuit breaker is open, the request is allowed (success: true).
 * `enableProtection` (deny lists) is deliberately never enabled.
 */

export interface RateLimitPolicy {
  /** Requests allowed per window. */
  limit: number;
  /** Sliding window length, e.g. "1 m", "15 m", "1 h", "1 d". */
  window: Duration;
}

export const RATE_LIMIT_POLICIES = {
  publicApi: { limit: 120, window: "1 m" },
  apiKey: { limit: 120, window: "1 m" },
  signInEmailIp: { limit: 5, window: "15 m" },
  signInIp: { limit: 30, window: "15 m" },
  register: { limit: 10, window: "1 h" },
  passwordResetRequest: { limit: 3, window: "1 h" },
  eventCreate: { limit: 30, window: "1 d" },
  upload: { limit: 30, window: "1 h" },
  report: { limit: 5, window: "1 h" },
  resendVerification: { limit: 3, window: "1 h" },
  passwordResetRequestIp: { limit: 10, window: "1 h" },
  creatorChange: { limit: 60, window: "1 h" },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICIES;

export interface RateLimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** Unix time in ms when the current window ends. */
  reset: number;
  /** 0 when allowed; otherwise whole seconds until a retry can succeed (≥ 1). */
  retryAfterSeconds: number;
}

export interface CheckRateLimitOptions {
  /** Use this handle instead of the app singleton (tests). */
  handle?: RedisHandle;
  /** Fail open after this long. Default 300 ms. */
  timeoutMs?: number;
}

export const DEFAULT_RATE_LIMIT_TIMEOUT_MS = 300;

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function windowToMs(window: Duration): number {
  const match = /^(\d+(?:\.\d+)?)\s?(ms|s|m|h|d|w)$/.exec(window);
  if (!match) throw new Error(`Unable to parse window size: ${window}`);
  return Math.round(Number(match[1]) * UNITS[match[2]!]!);
}

function toResult(success: boolean, limit: number, remaining: number, reset: number, now = Date.now()): RateLimitResult {
  return {
    success,
    limit,
    remaining: Math.max(0, remaining),
    reset,
    retryAfterSeconds: success ? 0 : Math.max(1, Math.ceil((reset - now) / 1000)),
  };
}

function failOpen(policy: RateLimitPolicy, now = Date.now()): RateLimitResult {
  return toResult(true, policy.limit, policy.limit, now + windowToMs(policy.window), now);
}

/** Same algorithm as Ratelimit.slidingWindow, for memory mode. */
export class InProcessSlidingWindow {
  private readonly buckets = new Map<string, { count: number; expiresAt: number }>();
  private calls = 0;

  limit(id: string, limit: number, windowMs: number, now = Date.now()): RateLimitResult {
    if (++this.calls % 1_000 === 0) this.sweep(now);
    const current = Math.floor(now / windowMs);
    const currentKey = `${id}:${current}`;
    const currentCount = this.read(currentKey, now);
    const previousCount = this.read(`${id}:${current - 1}`, now);
    const weightedPrevious = Math.floor((1 - (now % windowMs) / windowMs) * previousCount);
    const reset = (current + 1) * windowMs;
    if (weightedPrevious + currentCount >= limit) return toResult(false, limit, 0, reset, now);
    const count = currentCount + 1;
    this.buckets.set(currentKey, { count, expiresAt: now + windowMs * 2 + 1_000 });
    return toResult(true, limit, limit - (count + weightedPrevious), reset, now);
  }

  private read(bucketKey: string, now: number): number {
    const bucket = this.buckets.get(bucketKey);
    if (!bucket) return 0;
    if (bucket.expiresAt <= now) {
      this.buckets.delete(bucketKey);
      return 0;
    }
    return bucket.count;
  }

  private sweep(now: number): void {
    for (const [bucketKey, bucket] of this.buckets) if (bucket.expiresAt <= now) this.buckets.delete(bucketKey);
  }
}

const limitersByHandle = new WeakMap<RedisHandle, Map<RateLimitPolicyName, Ratelimit>>();
const memoryLimiters = new WeakMap<RedisHandle, InProcessSlidingWindow>();

function limiterFor(handle: RedisHandle, name: RateLimitPolicyName, timeoutMs: number): Ratelimit {
  let limiters = limitersByHandle.get(handle);
  if (!limiters) {
    limiters = new Map();
    limitersByHandle.set(handle, limiters);
  }
  let limiter = limiters.get(name);
  if (!limiter) {
    const policy: RateLimitPolicy = RATE_LIMIT_POLICIES[name];
    limiter = new Ratelimit({
      redis: handle.redis,
      limiter: Ratelimit.slidingWindow(policy.limit, policy.window),
      prefix: handle.key("rl", name),
      // Backstop only: withRedis (below) enforces timeoutMs and feeds the circuit breaker.
      timeout: timeoutMs + 100,
      analytics: false,
      enableProtection: false,
      enableTelemetry: false,
      // Default in-process cache of blocked identifiers (saves Redis calls while blocked).
      ephemeralCache: new Map(),
    });
    limiters.set(name, limiter);
  }
  return limiter;
}

/**
 * Counts one request for `identifier` (an IP, "ip:email", a user id…) under
 * `policy`. Never throws; fails open when Redis is unavailable.
 */
export async function checkRateLimit(policy: RateLimitPolicyName, identifier: string, options: CheckRateLimitOptions = {}): Promise<RateLimitResult> {
  const definition: RateLimitPolicy = RATE_LIMIT_POLICIES[policy];
  let handle: RedisHandle;
  try {
    handle = options.handle ?? getRedisHandle();
  } catch {
    return failOpen(definition);
  }

  if (handle.mode === "memory") {
    let memory = memoryLimiters.get(handle);
    if (!memory) {
      memory = new InProcessSlidingWindow();
      memoryLimiters.set(handle, memory);
    }
    return memory.limit(handle.key("rl", policy, identifier), definition.limit, windowToMs(definition.window));
  }

  const timeoutMs = options.timeoutMs ?? DEFAULT_RATE_LIMIT_TIMEOUT_MS;
  const limiter = limiterFor(handle, policy, timeoutMs);
  const fallback = failOpen(definition);
  return withRedis(
    async () => {
      const response = await limiter.limit(identifier);
      // reason "timeout": the limiter's own timeout fired and it let the request through.
      if (response.reason === "timeout") return fallback;
      return toResult(response.success, response.limit, response.remaining, response.reset);
    },
    fallback,
    { handle, timeoutMs, label: `rate limit ${policy}` },
  );
}

/** Standard headers for a rate-limited response (draft RateLimit-* plus Retry-After when blocked). */
export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(result.limit),
    "RateLimit-Remaining": String(result.remaining),
    "RateLimit-Reset": String(Math.max(0, Math.ceil((result.reset - Date.now()) / 1000))),
  };
  if (!result.success) headers["Retry-After"] = String(result.retryAfterSeconds);
  return headers;
}
