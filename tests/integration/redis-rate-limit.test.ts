import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkRateLimit,
  createRedis,
  InProcessSlidingWindow,
  RATE_LIMIT_POLICIES,
  rateLimitHeaders,
  rateLimiterFor,
  UpstashRateLimiter,
  type RedisHandle,
} from "@/lib/redis";
import { createMemoryHandle, inspectRedis } from "../support/redis-inspect";
import { TEST_REDIS_PREFIX } from "../support/test-config";

/**
 * checkRateLimit against the real Redis (the @upstash/ratelimit Lua scripts,
 * through the TCP requester) and in memory mode (the in-process limiter):
 * same policy table, same result shape.
 */

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const runId = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sliding windows weigh in the previous window: start a burst well inside a fresh minute. */
async function awayFromMinuteBoundary(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await sleep(60_000 - intoMinute + 50);
}

describe("the policy table", () => {
  it("declares every named policy", () => {
    expect(RATE_LIMIT_POLICIES).toMatchObject({
      publicApi: { limit: 120, window: "1 m" },
      signInEmailIp: { limit: 5, window: "15 m" },
      signInIp: { limit: 30, window: "15 m" },
      signInEmail: { limit: 20, window: "1 h" },
      register: { limit: 10, window: "1 h" },
      passwordResetRequest: { limit: 3, window: "1 h" },
      eventCreate: { limit: 30, window: "1 d" },
      upload: { limit: 30, window: "1 h" },
      report: { limit: 5, window: "1 h" },
    });
  });
});

const modes = [
  { mode: "tcp" as const, create: (prefix: string) => createRedis({ redisUrl: REDIS_URL, prefix }) },
  { mode: "memory" as const, create: (prefix: string) => createMemoryHandle(prefix) },
];

describe.each(modes)("checkRateLimit in $mode mode", ({ mode, create }) => {
  let h: RedisHandle;

  beforeAll(() => {
    h = create(`${TEST_REDIS_PREFIX}redis:${runId}:rl-${mode}:`);
  });
  afterAll(async () => {
    await inspectRedis(h).clear();
    await h.close();
  });

  it("uses the limiter port's implementation for this mode (picked once per handle)", () => {
    expect(rateLimiterFor(h)).toBeInstanceOf(mode === "memory" ? InProcessSlidingWindow : UpstashRateLimiter);
    expect(rateLimiterFor(h)).toBe(rateLimiterFor(h));
  });

  it("publicApi: 120 requests a minute pass, the 121st is refused with a Retry-After", async () => {
    await awayFromMinuteBoundary();
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}-${runId}`;
    const options = { handle: h, timeoutMs: 2_000 };

    const first = await checkRateLimit("publicApi", ip, options);
    expect(first).toMatchObject({ success: true, limit: 120, remaining: 119, retryAfterSeconds: 0 });
    expect(first.reset).toBeGreaterThan(Date.now());

    for (let i = 2; i <= 120; i++) {
      const result = await checkRateLimit("publicApi", ip, options);
      expect(result.success, `request ${i}`).toBe(true);
    }

    const refused = await checkRateLimit("publicApi", ip, options);
    expect(refused.success).toBe(false);
    expect(refused.remaining).toBe(0);
    expect(refused.limit).toBe(120);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(rateLimitHeaders(refused)).toMatchObject({ "RateLimit-Limit": "120", "RateLimit-Remaining": "0", "Retry-After": String(refused.retryAfterSeconds) });

    // Another identifier is not affected.
    expect((await checkRateLimit("publicApi", `${ip}-other`, options)).success).toBe(true);
  });

  it("passwordResetRequest: 3 an hour", async () => {
    const id = `someone-${runId}@example.com`;
    const options = { handle: h, timeoutMs: 2_000 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await checkRateLimit("passwordResetRequest", id, options));
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(3_600);
  });

  it("a 2 MB identifier counts like any other and costs no more memory", async () => {
    const huge = `${"a".repeat(2 * 1024 * 1024)}@example.com|198.51.100.9-${runId}`;
    const options = { handle: h, timeoutMs: 2_000 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await checkRateLimit("passwordResetRequest", huge, options));
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
  });

  if (mode === "tcp") {
    it("stores its counters under key('rl', policy)", async () => {
      const keys = await h.redis.keys(h.key("rl", "publicApi", "*"));
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((k) => k.startsWith(`${h.prefix}rl:publicApi:`))).toBe(true);
    });

    it("an open circuit breaker (e.g. after a slow cache read) does not switch authentication limits off, nor refuse them: they still count", async () => {
      const id = `breaker-${runId}@example.com`;
      h.breaker.recordFailure("a cache read timed out");
      try {
        const results = [];
        for (let i = 0; i < 4; i++) results.push(await checkRateLimit("passwordResetRequest", id, { handle: h }));
        expect(results.map((r) => [r.success, Boolean(r.unavailable)])).toEqual([
          [true, false],
          [true, false],
          [true, false],
          [false, false],
        ]);
      } finally {
        h.breaker.reset();
      }
    });

    it("every key has a fixed, short length: identifiers are hashed, never stored as sent (SCAN of the real Redis)", async () => {
      const email = `${"x".repeat(2 * 1024 * 1024)}@example.com`;
      for (const policy of Object.keys(RATE_LIMIT_POLICIES) as (keyof typeof RATE_LIMIT_POLICIES)[]) {
        await checkRateLimit(policy, `${email}|203.0.113.50`, { handle: h, timeoutMs: 2_000 });
      }
      const keys: string[] = [];
      let cursor = "0";
      do {
        const [next, batch] = await h.redis.scan(cursor, { match: `${h.prefix}*`, count: 1_000 });
        cursor = next;
        keys.push(...batch);
      } while (cursor !== "0");
      expect(keys.length).toBeGreaterThanOrEqual(Object.keys(RATE_LIMIT_POLICIES).length);
      const longest = Math.max(...keys.map((k) => Buffer.byteLength(k)));
      expect(longest - Buffer.byteLength(h.prefix)).toBeLessThanOrEqual(100);
      expect(keys.some((k) => k.includes("xxxx") || k.includes("example.com") || k.includes("203.0.113"))).toBe(false);
      // The values are small counters, not the identifier either.
      for (const k of keys) expect(await h.redis.strlen(k).catch(() => 0)).toBeLessThan(100);
    });
  }
});

const quiet = { warn: () => {}, info: () => {} };
const FAIL_CLOSED = [
  "signInIp",
  "signInEmailIp",
  "signInEmail",
  "register",
  "registerEmail",
  "passwordResetRequest",
  "passwordResetRequestIp",
  "resendVerification",
] as const;

describe("checkRateLimit when Redis is down", () => {
  it("public limits fail open, quickly", async () => {
    const dead = createRedis({ redisUrl: "redis://127.0.0.1:1", logger: quiet });
    try {
      const started = performance.now();
      for (const policy of ["publicApi", "report", "upload", "eventCreate", "apiKey"] as const) {
        const result = await checkRateLimit(policy, "198.51.100.7", { handle: dead });
        expect(result, policy).toMatchObject({ success: true, retryAfterSeconds: 0 });
        expect(result.unavailable, policy).toBeFalsy();
      }
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await dead.close();
    }
  });

  it("authentication limits fail closed: refused as unavailable, connection refused and breaker open alike", async () => {
    const dead = createRedis({ redisUrl: "redis://127.0.0.1:1", logger: quiet });
    try {
      for (const policy of FAIL_CLOSED) {
        expect(RATE_LIMIT_POLICIES[policy].onOutage, policy).toBe("closed");
        // First call: a real connection error; later calls: the circuit breaker is open.
        for (let i = 0; i < 2; i++) {
          const result = await checkRateLimit(policy, "someone@example.com|198.51.100.7", { handle: dead });
          expect(result, policy).toMatchObject({ success: false, unavailable: true });
        }
      }
      expect(dead.breaker.isOpen()).toBe(true);
    } finally {
      await dead.close();
    }
  });

  it("authentication limits fail closed on a timeout too (a Redis that accepts connections but never answers)", async () => {
    const { createServer } = await import("node:net");
    const sockets: import("node:net").Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket)); // accepts, never replies
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as import("node:net").AddressInfo).port;
    const silent = createRedis({ redisUrl: `redis://127.0.0.1:${port}`, logger: quiet, connectTimeoutMs: 5_000, commandTimeoutMs: 5_000 });
    try {
      const started = performance.now();
      const closed = await checkRateLimit("signInEmail", "someone@example.com", { handle: silent, timeoutMs: 200 });
      expect(closed).toMatchObject({ success: false, unavailable: true });
      expect(performance.now() - started).toBeLessThan(1_500);
      silent.breaker.reset();
      const open = await checkRateLimit("publicApi", "198.51.100.7", { handle: silent, timeoutMs: 200 });
      expect(open).toMatchObject({ success: true });
    } finally {
      for (const socket of sockets) socket.destroy();
      await Promise.race([silent.close(), new Promise((resolve) => setTimeout(resolve, 500))]);
      server.close();
    }
  });

  it("memory mode (no Redis configured, the demo) has no outage: authentication limits count normally", async () => {
    const memory = createRedis({ prefix: `${TEST_REDIS_PREFIX}redis:${runId}:rl-memory-closed:` });
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await checkRateLimit("signInEmailIp", `m-${runId}|198.51.100.7`, { handle: memory }));
    expect(results.map((r) => r.success)).toEqual([true, true, true, true, true, false]);
    expect(results.some((r) => r.unavailable)).toBe(false);
  });
});
