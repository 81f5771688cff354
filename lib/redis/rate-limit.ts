import { createHmac } from "node:crypto";
import { Ratelimit, type Duration } from "@upstash/ratelimit";
import { getHashingSecret } from "@/lib/env";
import { getRedisHandle, type RedisHandle } from "@/lib/redis/client";
import type { RateLimiter } from "@/lib/redis/ports";
import { errors as upstashErrors } from "@upstash/redis";
import { raceTimeout, withRedis } from "@/lib/redis/resilience";

/**
 * Rate limiting, with every limit of the app in ONE table.
 *
 * Redis modes ("upstash", "tcp"): @upstash/ratelimit's sliding window over the
 * shared `Redis` instance (Lua scripts; the TCP requester strips the
 * Upstash-only `#!lua flags=allow-key-locking` line and keeps EVALSHA hashes
 * consistent). Keys: key("rl", policyName) + ":" + hash(identifier) + ":" + window.
 *
 * Identifiers are HMAC-SHA-256'd (with the hashing secret, base64url, 43
 * characters) before they reach a key, in every mode: a key has a fixed length
 * whatever a client sends (a 2 MB "email" must not become a 2 MB key), and a
 * key listing shows no email addresses or IPs.
 *
 * Memory mode: the in-process emulator runs no Lua, so the limiter port
 * (lib/redis/ports.ts) has a second implementation, `InProcessSlidingWindow`
 * below: the SAME algorithm as Ratelimit.slidingWindow, the same result
 * shape, single process only like the rest of memory mode. `rateLimiterFor`
 * is the one place that picks between the two.
 *
 * Outages:
 * - most policies fail OPEN: if Redis is down, slow (over `timeoutMs`, default
 *   300 ms), answers with an error, or the circuit breaker is open, the
 *   request is allowed (success: true);
 * - policies marked `onOutage: "closed"` (sign-in, register, password-reset
 *   requests, resend verification) fail CLOSED: they always ask Redis (even
 *   while the breaker is open, bounded by 1 s), and if it cannot answer they
 *   return success false with `unavailable: true`; the caller answers
 *   "temporarily unavailable" BEFORE doing the guarded work (e.g. checking a
 *   password). Unlimited password guesses during an outage, and an answer that
 *   differs between a right and a wrong password, are worse than a minute
 *   without sign-in.
 * Memory mode (no Redis configured) never has an outage.
 * `enableProtection` (deny lists) is deliberately never enabled.
 */

export interface RateLimitPolicy {
  /** Requests allowed per window. */
  limit: number;
  /** Sliding window length, e.g. "1 m", "15 m", "1 h", "1 d". */
  window: Duration;
  /** What happens when Redis cannot answer: "open" (default) allows the request, "closed" refuses it as unavailable. */
  onOutage?: "open" | "closed";
}

export const RATE_LIMIT_POLICIES = {
  publicApi: { limit: 120, window: "1 m" },
  apiKey: { limit: 120, window: "1 m" },
  signInEmailIp: { limit: 5, window: "15 m", onOutage: "closed" },
  signInIp: { limit: 30, window: "15 m", onOutage: "closed" },
  /** Per account (normalised email) whatever the IP: rotating IPs does not buy more guesses. */
  signInEmail: { limit: 20, window: "1 h", onOutage: "closed" },
  register: { limit: 10, window: "1 h", onOutage: "closed" },
  /** Mails /register sends to one address ("someone tried to register…"); over it, silently none. */
  registerEmail: { limit: 3, window: "1 h", onOutage: "closed" },
  passwordResetRequest: { limit: 3, window: "1 h", onOutage: "closed" },
  eventCreate: { limit: 30, window: "1 d" },
  upload: { limit: 30, window: "1 h" },
  report: { limit: 5, window: "1 h" },
  resendVerification: { limit: 3, window: "1 h", onOutage: "closed" },
  passwordResetRequestIp: { limit: 10, window: "1 h", onOutage: "closed" },
  creatorChange: { limit: 60, window: "1 h" },
  /** Subscriptions (saved list or alert) per IP, any address: over it a 429. */
  subscribeIp: { limit: 5, window: "1 h", onOutage: "closed" },
  /** Confirmation mails to one address (normalised); over it, silently none (never a hint that the address is known). */
  subscribeEmail: { limit: 3, window: "1 d", onOutage: "closed" },
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
  /** True when a fail-closed policy refused because Redis could not answer (not because of the count). */
  unavailable?: boolean;
}

export interface CheckRateLimitOptions {
  /** Use this handle instead of the app singleton (tests). */
  handle?: RedisHandle;
  /** Give up on Redis after this long (then fail open or closed, as the policy says). Default 300 ms. */
  timeoutMs?: number;
}

export const DEFAULT_RATE_LIMIT_TIMEOUT_MS = 300;
/** Fail-closed policies wait as long as the session store does (a refusal costs a user a sign-in, not a cache miss). */
export const DEFAULT_FAIL_CLOSED_TIMEOUT_MS = 1_000;

const UNITS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

function isUnit(unit: string): unit is keyof typeof UNITS {
  return Object.hasOwn(UNITS, unit);
}

export function windowToMs(window: Duration): number {
  const [, amount, unit] = /^(\d+(?:\.\d+)?)\s?(ms|s|m|h|d|w)$/.exec(window) ?? [];
  if (amount === undefined || unit === undefined || !isUnit(unit)) throw new Error(`Unable to parse window size: ${window}`);
  return Math.round(Number(amount) * UNITS[unit]);
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

/** The answer when Redis cannot be asked: allowed, or (fail-closed policies) refused as unavailable. */
function outage(policy: RateLimitPolicy, now = Date.now()): RateLimitResult {
  const reset = now + windowToMs(policy.window);
  if (policy.onOutage === "closed") return { success: false, limit: policy.limit, remaining: 0, reset, retryAfterSeconds: 60, unavailable: true };
  return toResult(true, policy.limit, policy.limit, reset, now);
}

/**
 * The identifier as it appears in keys: HMAC-SHA-256 (hashing secret), base64url,
 * 43 characters whatever the input's length. The policy name is part of the key already.
 */
export function hashRateLimitIdentifier(identifier: string): string {
  return createHmac("sha256", getHashingSecret()).update(`rate-limit|${identifier}`).digest("base64url");
}

/**
 * The limiter port's in-process implementation, for memory mode: the same
 * algorithm as Ratelimit.slidingWindow (the previous fixed window's count
 * weighted by how much of it still overlaps, plus the current window's count)
 * and the same result shape. Single process only; never fails.
 */
export class InProcessSlidingWindow implements RateLimiter {
  private readonly buckets = new Map<string, { count: number; expiresAt: number }>();
  private calls = 0;

  /** `bucketPrefix(policy)` names a policy's counters, e.g. handle.key("rl", policy). */
  constructor(private readonly bucketPrefix: (policy: RateLimitPolicyName) => string = (policy) => policy) {}

  /** Counts at once; a Promise only because the port's other limiters wait for a store (anything thrown rejects it, as from an async method). */
  count(policy: RateLimitPolicyName, hashedIdentifier: string): Promise<RateLimitResult> {
    return new Promise((resolve) => {
      const definition: RateLimitPolicy = RATE_LIMIT_POLICIES[policy];
      resolve(this.limit(`${this.bucketPrefix(policy)}:${hashedIdentifier}`, definition.limit, windowToMs(definition.window)));
    });
  }

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

/**
 * The limiter port on Redis: @upstash/ratelimit's sliding window (Lua) over
 * the handle's `@upstash/redis` client, one Ratelimit per policy. Its own
 * timeout is only a backstop (the caller bounds the call, see checkRateLimit);
 * when it fires, `count` answers null.
 */
export class UpstashRateLimiter implements RateLimiter {
  private readonly limiters = new Map<RateLimitPolicyName, Ratelimit>();

  constructor(private readonly handle: RedisHandle) {}

  async count(
    policy: RateLimitPolicyName,
    hashedIdentifier: string,
    { timeoutMs = DEFAULT_RATE_LIMIT_TIMEOUT_MS }: { timeoutMs?: number } = {},
  ): Promise<RateLimitResult | null> {
    const response = await this.limiter(policy, timeoutMs).limit(hashedIdentifier);
    // reason "timeout": the limiter's own timeout fired (it would have let the request through).
    if (response.reason === "timeout") return null;
    return toResult(response.success, response.limit, response.remaining, response.reset);
  }

  private limiter(name: RateLimitPolicyName, timeoutMs: number): Ratelimit {
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const policy: RateLimitPolicy = RATE_LIMIT_POLICIES[name];
      limiter = new Ratelimit({
        redis: this.handle.redis,
        limiter: Ratelimit.slidingWindow(policy.limit, policy.window),
        prefix: this.handle.key("rl", name),
        // Backstop only: checkRateLimit enforces timeoutMs and feeds the circuit breaker.
        timeout: timeoutMs + 100,
        analytics: false,
        enableProtection: false,
        enableTelemetry: false,
        // Default in-process cache of blocked identifiers (saves Redis calls while blocked).
        ephemeralCache: new Map(),
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }
}

const limitersByHandle = new WeakMap<RedisHandle, RateLimiter>();

/**
 * The one place that picks the limiter: in process in memory mode (the
 * emulator runs no Lua), @upstash/ratelimit on any Redis. One per handle.
 */
export function rateLimiterFor(handle: RedisHandle): RateLimiter {
  let limiter = limitersByHandle.get(handle);
  if (!limiter) {
    limiter = handle.mode === "memory" ? new InProcessSlidingWindow((policy) => handle.key("rl", policy)) : new UpstashRateLimiter(handle);
    limitersByHandle.set(handle, limiter);
  }
  return limiter;
}

/**
 * Counts one request for `identifier` (an IP, "email|ip", a user id…) under
 * `policy`. Never throws. When the limiter cannot answer it fails open, or for
 * policies with `onOutage: "closed"` refuses with `unavailable: true`.
 */
export async function checkRateLimit(policy: RateLimitPolicyName, identifier: string, options: CheckRateLimitOptions = {}): Promise<RateLimitResult> {
  const definition: RateLimitPolicy = RATE_LIMIT_POLICIES[policy];
  let handle: RedisHandle;
  try {
    handle = options.handle ?? getRedisHandle();
  } catch {
    return outage(definition);
  }
  const hashed = hashRateLimitIdentifier(identifier);
  const failClosed = definition.onOutage === "closed";
  const timeoutMs = options.timeoutMs ?? (failClosed ? DEFAULT_FAIL_CLOSED_TIMEOUT_MS : DEFAULT_RATE_LIMIT_TIMEOUT_MS);
  const limiter = rateLimiterFor(handle);
  const count = () => limiter.count(policy, hashed, { timeoutMs });
  // null: the limiter could not answer (never in memory mode).
  const result = failClosed
    ? await countOrNull(handle, count, timeoutMs, policy)
    : await withRedis<RateLimitResult | null>(count, null, { handle, timeoutMs, label: `rate limit ${policy}` });
  return result ?? outage(definition);
}

/**
 * For fail-closed policies: ask Redis even while the circuit breaker is open
 * (like the session store, lib/auth/sessions.ts). An open breaker only means
 * that SOME Redis call failed or was slow recently (a cache read, say);
 * skipping the check would have to mean refusing every sign-in for the
 * cool-down. A dead Redis fails in well under a millisecond over TCP anyway.
 * Failures still feed the breaker, so the caches skip a dead Redis.
 */
async function countOrNull(
  handle: RedisHandle,
  count: () => Promise<RateLimitResult | null>,
  timeoutMs: number,
  policy: string,
): Promise<RateLimitResult | null> {
  try {
    const result = await raceTimeout(count, timeoutMs);
    if (result) handle.breaker.recordSuccess();
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message || error.name : String(error);
    if (error instanceof upstashErrors.UpstashError && !(error instanceof upstashErrors.UpstashJSONParseError)) {
      // A reply error is a bug, not an outage: log it (never the command's arguments), refuse.
      console.error(`Rate limit ${policy}: Redis command failed, refusing: ${message.replace(/, command was: [\s\S]*$/, "").slice(0, 300)}`);
    } else {
      handle.breaker.recordFailure(message);
    }
    return null;
  }
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
