import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRateLimit, createRedis, RATE_LIMIT_POLICIES, rateLimitHeaders, type RedisHandle } from "@/lib/redis";

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
  { mode: "memory" as const, create: (prefix: string) => createRedis({ prefix }) },
];

describe.each(modes)("checkRateLimit in $mode mode", ({ mode, create }) => {
  let h: RedisHandle;

  beforeAll(() => {
    h = create(`zbtest:redis:${runId}:rl-${mode}:`);
  });
  afterAll(async () => {
    const keys = await h.redis.keys(`${h.prefix}*`);
    if (keys.length > 0) await h.redis.del(...keys);
    await h.close();
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

  if (mode === "tcp") {
    it("stores its counters under key('rl', policy)", async () => {
      const keys = await h.redis.keys(h.key("rl", "publicApi", "*"));
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((k) => k.startsWith(`${h.prefix}rl:publicApi:`))).toBe(true);
    });
  }
});

describe("checkRateLimit when Redis is down", () => {
  it("fails open, quickly", async () => {
    const dead = createRedis({ redisUrl: "redis://127.0.0.1:6399", logger: { warn: () => {}, info: () => {} } });
    try {
      const started = performance.now();
      for (let i = 0; i < 5; i++) {
        const result = await checkRateLimit("signInIp", "198.51.100.7", { handle: dead });
        expect(result).toMatchObject({ success: true, limit: 30, retryAfterSeconds: 0 });
      }
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await dead.close();
    }
  });
});
