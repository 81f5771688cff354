import { createHash } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  getSession,
  listUserSessions,
  SESSION_TTL_SECONDS,
  SIGN_IN_UNAVAILABLE_MESSAGE,
} from "@/lib/auth/sessions";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createRedis, getRedis, key, resetRedisForTests, type RedisHandle } from "@/lib/redis";
import { createMemoryHandle, inspectRedis } from "../support/redis-inspect";
import { TEST_REDIS_PREFIX } from "../support/test-config";

/**
 * Sessions against the real Redis (TCP) and in memory mode, through explicit
 * handles with a per-run prefix; plus the app singleton (what the app uses) and
 * the fail-closed behaviour on a closed port.
 */

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const CLOSED_PORT_URL = "redis://127.0.0.1:6399";
const runId = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const userId = (name: string) => `user-${name}-${runId}`;

/** Every key under the prefix with its contents as text (strings and sets). */
async function dump(h: RedisHandle): Promise<Array<{ key: string; text: string }>> {
  const keys = await inspectRedis(h).keys();
  return Promise.all(
    keys.map(async (k) => {
      const type = await inspectRedis(h).type(k);
      const value = type === "set" ? await h.redis.smembers(k) : type === "string" ? await h.redis.get(k) : null;
      return { key: k, text: JSON.stringify(value) };
    }),
  );
}

async function expectUnavailable(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: SIGN_IN_UNAVAILABLE_MESSAGE, status: 503 });
}

const modes = [
  { mode: "tcp" as const, create: (prefix: string) => createRedis({ redisUrl: REDIS_URL, prefix }) },
  { mode: "memory" as const, create: (prefix: string) => createMemoryHandle(prefix) },
];

describe.each(modes)("sessions in $mode mode", ({ mode, create }) => {
  let h: RedisHandle;
  let o: { handle: RedisHandle };

  beforeAll(() => {
    h = create(`zbtest:auth:${runId}:sessions-${mode}:`);
    o = { handle: h };
  });
  afterAll(async () => {
    await inspectRedis(h).clear();
    await h.close();
  });

  it("creates, reads and deletes a session", async () => {
    const before = Date.now();
    const { sessionId, expiresAt } = await createSession({ userId: userId("ana"), role: "CREATOR", ip: "203.0.113.7", userAgent: "  Firefox  " }, o);
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime() - before).toBeGreaterThanOrEqual(SESSION_TTL_SECONDS * 1000 - 1_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(SESSION_TTL_SECONDS * 1000);

    const session = await getSession(sessionId, o);
    expect(session).toMatchObject({ userId: userId("ana"), role: "CREATOR", userAgent: "Firefox" });
    expect(session?.createdAt).toBeInstanceOf(Date);
    expect(session?.expiresAt.getTime()).toBe(expiresAt.getTime());
    expect(session?.ipHash).toMatch(/^[A-Za-z0-9_-]{22}$/);

    expect(await deleteSession(sessionId, o)).toBe(true);
    expect(await getSession(sessionId, o)).toBeNull();
    expect(await deleteSession(sessionId, o)).toBe(false);
    expect(await inspectRedis(h).exists(h.key("user-sessions", userId("ana")))).toBe(0);
  });

  it("answers null for unknown, empty or malformed ids without failing", async () => {
    expect(await getSession("A".repeat(43), o)).toBeNull();
    expect(await getSession("", o)).toBeNull();
    expect(await getSession(undefined, o)).toBeNull();
    expect(await getSession("not a session id", o)).toBeNull();
    expect(await getSession("x".repeat(10_000), o)).toBeNull();
  });

  it("stores only the hash of the id, an IP hash and a trimmed user agent; sets a ~30 day TTL", async () => {
    const ip = "198.51.100.23";
    const { sessionId } = await createSession({ userId: userId("ben"), role: "ADMIN", ip, userAgent: "U".repeat(500) }, o);
    const hash = sha256(sessionId);

    const entries = await dump(h);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.key).not.toContain(sessionId);
      expect(entry.text).not.toContain(sessionId);
      expect(entry.text).not.toContain(ip);
    }
    const sessionKey = h.key("session", hash);
    expect(entries.map((entry) => entry.key)).toContain(sessionKey);

    const stored = await h.redis.get<Record<string, unknown>>(sessionKey);
    expect(stored).toMatchObject({ userId: userId("ben"), role: "ADMIN" });
    expect(String(stored?.userAgent)).toHaveLength(200);
    expect(stored).not.toHaveProperty("ip");

    const ttl = await inspectRedis(h).ttl(sessionKey);
    expect(ttl).toBeGreaterThan(SESSION_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(SESSION_TTL_SECONDS);
    const setTtl = await inspectRedis(h).ttl(h.key("user-sessions", userId("ben")));
    expect(setTtl).toBeGreaterThan(SESSION_TTL_SECONDS - 60);
    expect(await h.redis.smembers(h.key("user-sessions", userId("ben")))).toEqual([hash]);
    await deleteUserSessions(userId("ben"), o);
  });

  it("deleteUserSessions removes all of a user's sessions, and only theirs", async () => {
    const mine = await Promise.all([1, 2, 3].map((n) => createSession({ userId: userId("cat"), role: "CREATOR", userAgent: `device ${n}` }, o)));
    const theirs = await createSession({ userId: userId("dan"), role: "CREATOR" }, o);
    expect(await listUserSessions(userId("cat"), o)).toHaveLength(3);

    expect(await deleteUserSessions(userId("cat"), o)).toBe(3);
    for (const { sessionId } of mine) expect(await getSession(sessionId, o)).toBeNull();
    expect(await inspectRedis(h).exists(h.key("user-sessions", userId("cat")))).toBe(0);
    expect(await listUserSessions(userId("cat"), o)).toEqual([]);
    expect(await deleteUserSessions(userId("cat"), o)).toBe(0);

    expect(await getSession(theirs.sessionId, o)).toMatchObject({ userId: userId("dan") });
    expect(await listUserSessions(userId("dan"), o)).toHaveLength(1);
    await deleteUserSessions(userId("dan"), o);
  });

  it("deleteUserSessions can keep the current session (password change)", async () => {
    const current = await createSession({ userId: userId("eve"), role: "CREATOR" }, o);
    const other = await createSession({ userId: userId("eve"), role: "CREATOR" }, o);
    expect(await deleteUserSessions(userId("eve"), { ...o, exceptSessionId: current.sessionId })).toBe(1);
    expect(await getSession(current.sessionId, o)).not.toBeNull();
    expect(await getSession(other.sessionId, o)).toBeNull();
    expect((await listUserSessions(userId("eve"), o)).map((s) => s.sessionHash)).toEqual([sha256(current.sessionId)]);
    await deleteUserSessions(userId("eve"), o);
  });

  it("lists sessions newest first and prunes index entries of expired sessions", async () => {
    const older = await createSession({ userId: userId("fay"), role: "CREATOR", userAgent: "old phone" }, o);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await createSession({ userId: userId("fay"), role: "CREATOR", userAgent: "new laptop" }, o);
    // Simulate expiry of the older one.
    await h.redis.del(h.key("session", sha256(older.sessionId)));

    const listed = await listUserSessions(userId("fay"), o);
    expect(listed).toEqual([expect.objectContaining({ userAgent: "new laptop", sessionHash: sha256(newer.sessionId), userId: userId("fay") })]);
    expect(await h.redis.smembers(h.key("user-sessions", userId("fay")))).toEqual([sha256(newer.sessionId)]);
    await deleteUserSessions(userId("fay"), o);
  });

  it("treats a malformed stored record as no session", async () => {
    const { sessionId } = await createSession({ userId: userId("gus"), role: "CREATOR" }, o);
    await h.redis.set(h.key("session", sha256(sessionId)), { userId: userId("gus"), role: "SUPERUSER" });
    expect(await getSession(sessionId, o)).toBeNull();
    await deleteUserSessions(userId("gus"), o);
  });
});

describe("sessions through the app singleton", () => {
  afterAll(async () => {
    await resetRedisForTests();
  });

  it("uses REDIS_KEY_PREFIX and the shared client", async () => {
    const { sessionId } = await createSession({ userId: userId("sid"), role: "CREATOR" });
    expect(await getRedis().exists(key("session", sha256(sessionId)))).toBe(1);
    expect(key("session", "x").startsWith(TEST_REDIS_PREFIX)).toBe(true);
    expect(await getSession(sessionId)).toMatchObject({ userId: userId("sid") });
    expect(await deleteUserSessions(userId("sid"))).toBe(1);
    expect(await getSession(sessionId)).toBeNull();
  });
});

describe("sessions fail closed when Redis is unreachable", () => {
  let dead: RedisHandle;
  const quietLogger = { warn: () => {}, info: () => {} };

  beforeAll(() => {
    dead = createRedis({ redisUrl: CLOSED_PORT_URL, prefix: `zbtest:auth:${runId}:dead:`, logger: quietLogger });
  });
  afterAll(async () => {
    await dead.close();
  });

  it("getSession rejects with SERVICE_UNAVAILABLE (not null), quickly", async () => {
    const started = performance.now();
    await expectUnavailable(getSession("A".repeat(43), { handle: dead }));
    expect(performance.now() - started).toBeLessThan(2_000);
    // Again once the connection is known to be failing (no cached "null").
    await expectUnavailable(getSession("A".repeat(43), { handle: dead }));
  });

  it("createSession, deleteSession, deleteUserSessions and listUserSessions reject too", async () => {
    await expectUnavailable(createSession({ userId: userId("zed"), role: "CREATOR" }, { handle: dead }));
    await expectUnavailable(deleteSession("A".repeat(43), { handle: dead }));
    await expectUnavailable(deleteUserSessions(userId("zed"), { handle: dead }));
    await expectUnavailable(listUserSessions(userId("zed"), { handle: dead }));
  });

  it("a Redis that accepts connections but never answers: rejects after the timeout", async () => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    const silent = createRedis({ redisUrl: `redis://127.0.0.1:${port}`, logger: quietLogger });
    try {
      const started = performance.now();
      await expectUnavailable(getSession("A".repeat(43), { handle: silent, timeoutMs: 200 }));
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(150);
      expect(elapsed).toBeLessThan(1_500);
    } finally {
      await silent.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("the app singleton configured with a dead REDIS_URL fails closed as well", async () => {
    const previous = process.env.REDIS_URL;
    process.env.REDIS_URL = CLOSED_PORT_URL;
    resetEnvForTests();
    await resetRedisForTests();
    const warn = console.warn;
    console.warn = () => {};
    try {
      await expectUnavailable(getSession("A".repeat(43)));
      await expectUnavailable(createSession({ userId: userId("zed"), role: "CREATOR" }));
    } finally {
      console.warn = warn;
      process.env.REDIS_URL = previous;
      resetEnvForTests();
      await resetRedisForTests();
    }
    // Back on the real Redis: works again.
    expect(await getSession("A".repeat(43))).toBeNull();
    await resetRedisForTests();
  });
});
