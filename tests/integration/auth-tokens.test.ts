import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN_UNAVAILABLE_MESSAGE } from "@/lib/auth/sessions";
import { consumeToken, issueToken, peekToken, revokeTokens, TOKEN_TTL } from "@/lib/auth/tokens";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createRedis, getRedis, key, resetRedisForTests, type RedisHandle } from "@/lib/redis";
import { createMemoryHandle, inspectRedis } from "../support/redis-inspect";
import { TEST_REDIS_PREFIX } from "../support/test-config";

/**
 * One-time tokens (email verification, password reset) against the real Redis
 * (TCP) and in memory mode, plus the app singleton and fail-closed behaviour.
 */

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const CLOSED_PORT_URL = "redis://127.0.0.1:6399";
const runId = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const userId = (name: string) => `user-${name}-${runId}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function expectUnavailable(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: SIGN_IN_UNAVAILABLE_MESSAGE });
}

const modes = [
  { mode: "tcp" as const, create: (prefix: string) => createRedis({ redisUrl: REDIS_URL, prefix }) },
  { mode: "memory" as const, create: (prefix: string) => createMemoryHandle(prefix) },
];

describe.each(modes)("one-time tokens in $mode mode", ({ mode, create }) => {
  let h: RedisHandle;
  let o: { handle: RedisHandle };

  beforeAll(() => {
    h = create(`zbtest:auth:${runId}:tokens-${mode}:`);
    o = { handle: h };
  });
  afterAll(async () => {
    await inspectRedis(h).clear();
    await h.close();
  });

  it("declares the TTLs of the product (24 h, 1 h, 24 h)", () => {
    expect(TOKEN_TTL).toEqual({ "verify-email": 86_400, "reset-password": 3_600, "subscription-confirm": 86_400 });
  });

  it("is single use: the second consume answers null", async () => {
    const { token, expiresAt } = await issueToken({ purpose: "verify-email", userId: userId("ana") }, o);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Math.abs(expiresAt.getTime() - (Date.now() + 86_400_000))).toBeLessThan(5_000);
    expect(await inspectRedis(h).ttl(h.key("token", "verify-email", sha256(token)))).toBeGreaterThan(86_400 - 60);

    expect(await peekToken({ purpose: "verify-email", token }, o)).toBe(userId("ana"));
    expect(await consumeToken({ purpose: "verify-email", token }, o)).toBe(userId("ana"));
    expect(await consumeToken({ purpose: "verify-email", token }, o)).toBeNull();
    expect(await peekToken({ purpose: "verify-email", token }, o)).toBeNull();
  });

  it("stores only the hash of the token, with the TTL", async () => {
    const { token } = await issueToken({ purpose: "reset-password", userId: userId("ben") }, o);
    const keys = await inspectRedis(h).keys();
    for (const k of keys) {
      expect(k).not.toContain(token);
      if ((await inspectRedis(h).type(k)) === "string") expect(JSON.stringify(await h.redis.get(k))).not.toContain(token);
    }
    const tokenKey = h.key("token", "reset-password", sha256(token));
    expect(keys).toContain(tokenKey);
    const ttl = await inspectRedis(h).ttl(tokenKey);
    expect(ttl).toBeGreaterThan(3_600 - 60);
    expect(ttl).toBeLessThanOrEqual(3_600);
    expect(await inspectRedis(h).ttl(h.key("token-latest", "reset-password", userId("ben")))).toBeGreaterThan(3_600 - 60);
    await revokeTokens({ purpose: "reset-password", userId: userId("ben") }, o);
    expect(await consumeToken({ purpose: "reset-password", token }, o)).toBeNull();
  });

  it("a token is bound to its purpose", async () => {
    const { token } = await issueToken({ purpose: "verify-email", userId: userId("cat") }, o);
    expect(await consumeToken({ purpose: "reset-password", token }, o)).toBeNull();
    expect(await consumeToken({ purpose: "verify-email", token }, o)).toBe(userId("cat"));
  });

  it("concurrent double-consume: exactly one wins", async () => {
    for (let round = 0; round < 5; round++) {
      const { token } = await issueToken({ purpose: "reset-password", userId: userId(`dan${round}`) }, o);
      const results = await Promise.all([consumeToken({ purpose: "reset-password", token }, o), consumeToken({ purpose: "reset-password", token }, o)]);
      expect(results.filter((result) => result === userId(`dan${round}`))).toHaveLength(1);
      expect(results.filter((result) => result === null)).toHaveLength(1);
    }
  });

  it("expires after its TTL", async () => {
    const { token } = await issueToken({ purpose: "verify-email", userId: userId("eve"), ttlSeconds: 1 }, o);
    await sleep(1_500);
    expect(await consumeToken({ purpose: "verify-email", token }, o)).toBeNull();
  });

  it("a new reset token kills the previous unused one (same user and purpose only)", async () => {
    const { token: first } = await issueToken({ purpose: "reset-password", userId: userId("fay") }, o);
    const { token: otherUser } = await issueToken({ purpose: "reset-password", userId: userId("gus") }, o);
    const { token: otherPurpose } = await issueToken({ purpose: "verify-email", userId: userId("fay") }, o);
    const { token: second } = await issueToken({ purpose: "reset-password", userId: userId("fay") }, o);

    expect(await consumeToken({ purpose: "reset-password", token: first }, o)).toBeNull();
    expect(await inspectRedis(h).exists(h.key("token", "reset-password", sha256(first)))).toBe(0);
    expect(await consumeToken({ purpose: "reset-password", token: second }, o)).toBe(userId("fay"));
    expect(await consumeToken({ purpose: "reset-password", token: otherUser }, o)).toBe(userId("gus"));
    expect(await consumeToken({ purpose: "verify-email", token: otherPurpose }, o)).toBe(userId("fay"));
  });

  it("revokeTokens invalidates the outstanding token", async () => {
    const { token } = await issueToken({ purpose: "reset-password", userId: userId("hal") }, o);
    await revokeTokens({ purpose: "reset-password", userId: userId("hal") }, o);
    expect(await consumeToken({ purpose: "reset-password", token }, o)).toBeNull();
    await revokeTokens({ purpose: "reset-password", userId: userId("hal") }, o); // nothing left: no error
  });

  it("answers null for malformed or missing tokens without touching Redis", async () => {
    expect(await consumeToken({ purpose: "reset-password", token: "" }, o)).toBeNull();
    expect(await consumeToken({ purpose: "reset-password", token: null }, o)).toBeNull();
    expect(await consumeToken({ purpose: "reset-password", token: "short" }, o)).toBeNull();
    expect(await consumeToken({ purpose: "reset-password", token: "A".repeat(43) }, o)).toBeNull();
  });
});

describe("tokens through the app singleton", () => {
  afterAll(async () => {
    await resetRedisForTests();
  });

  it("uses REDIS_KEY_PREFIX and the shared client", async () => {
    const { token } = await issueToken({ purpose: "verify-email", userId: userId("sid") });
    expect(await getRedis().exists(key("token", "verify-email", sha256(token)))).toBe(1);
    expect(key("token", "x").startsWith(TEST_REDIS_PREFIX)).toBe(true);
    expect(await consumeToken({ purpose: "verify-email", token })).toBe(userId("sid"));
    await revokeTokens({ purpose: "verify-email", userId: userId("sid") });
  });
});

describe("tokens fail closed when Redis is unreachable", () => {
  let dead: RedisHandle;

  beforeAll(() => {
    dead = createRedis({ redisUrl: CLOSED_PORT_URL, prefix: `zbtest:auth:${runId}:dead:`, logger: { warn: () => {}, info: () => {} } });
  });
  afterAll(async () => {
    await dead.close();
  });

  it("issue, consume, peek and revoke reject with SERVICE_UNAVAILABLE (not null)", async () => {
    await expectUnavailable(issueToken({ purpose: "reset-password", userId: userId("zed") }, { handle: dead }));
    await expectUnavailable(consumeToken({ purpose: "reset-password", token: "A".repeat(43) }, { handle: dead }));
    await expectUnavailable(peekToken({ purpose: "reset-password", token: "A".repeat(43) }, { handle: dead }));
    await expectUnavailable(revokeTokens({ purpose: "reset-password", userId: userId("zed") }, { handle: dead }));
  });

  it("the app singleton configured with a dead REDIS_URL fails closed as well", async () => {
    const previous = process.env.REDIS_URL;
    process.env.REDIS_URL = CLOSED_PORT_URL;
    resetEnvForTests();
    await resetRedisForTests();
    const warn = console.warn;
    console.warn = () => {};
    try {
      await expectUnavailable(consumeToken({ purpose: "verify-email", token: "A".repeat(43) }));
    } finally {
      console.warn = warn;
      process.env.REDIS_URL = previous;
      resetEnvForTests();
      await resetRedisForTests();
    }
  });
});
