import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { Redis as IORedis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { cached, invalidatePublicCaches, pageGenerationKey, readFromBucket } from "@/lib/cache/public-cache";
import { CACHE_BUCKETS } from "@/lib/cache/policies";
import { getEnv, resetEnvForTests } from "@/lib/env";
import {
  cacheSharesStateServer,
  checkRateLimit,
  closeRedis,
  createRedis,
  getCacheRedisHandle,
  getRedisHandle,
  key,
  withCacheRedis,
  withRedis,
} from "@/lib/redis";
import { checkStateRedisEvictionPolicy, warnIfStateRedisEvicts } from "@/lib/redis/eviction-policy";
import { hashRateLimitIdentifier } from "@/lib/redis/rate-limit";
import { applyEnv } from "../support/env";

/**
 * Two Redis roles (issue 9, items 7 and 8): the caches (REDIS_CACHE_URL,
 * default REDIS_URL) have their own client and circuit breaker, so a cache
 * read that times out never makes rate limits or sessions fall back; and the
 * state Redis is checked for `noeviction` at start-up.
 */

const STATE_URL = process.env.REDIS_URL!;
const realEnv = { REDIS_URL: process.env.REDIS_URL, REDIS_CACHE_URL: process.env.REDIS_CACHE_URL };
/** A DB of the shared test Redis that the other test files do not use for this prefix. */
const CACHE_DB = 7;

function setEnv(values: Record<string, string | undefined>) {
  applyEnv(values);
  resetEnvForTests();
}

function withDb(url: string, db: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${db}`;
  return parsed.toString();
}

/** A TCP server that accepts connections and never answers: a Redis that hangs. */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

afterEach(async () => {
  vi.restoreAllMocks();
  setEnv(realEnv);
  await closeRedis();
});

afterAll(async () => {
  setEnv(realEnv);
  await closeRedis();
});

describe("a cache Redis that does not answer", () => {
  let silent: Awaited<ReturnType<typeof silentServer>> | undefined; // undefined if beforeAll failed: afterAll closes what there is

  beforeAll(async () => {
    silent = await silentServer();
  });
  afterAll(async () => {
    await silent?.close();
  });

  it("times out cache reads, opens only the cache breaker, and rate limits are still counted on the state Redis", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    setEnv({ REDIS_CACHE_URL: silent!.url });
    await closeRedis();

    const started = performance.now();
    expect(await readFromBucket("page", `/roles-${randomUUID()}`, { timeoutMs: 250 })).toBeNull();
    expect(performance.now() - started).toBeLessThan(1_500);
    // Three timeouts in a row open the cache breaker (one alone may be a busy CPU).
    for (let i = 0; i < 2; i++) expect(await readFromBucket("page", `/roles-${randomUUID()}`, { timeoutMs: 250 })).toBeNull();

    expect(getCacheRedisHandle().breaker.isOpen()).toBe(true);
    expect(getRedisHandle().breaker.isOpen()).toBe(false);

    // Inside the cache breaker's 2 s window: the limit is counted, not let through.
    const who = `roles-${randomUUID()}`;
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await checkRateLimit("report", who));
    expect(results.map((result) => result.success)).toEqual([true, true, true, true, true, false]);
    expect(results[0]!.remaining).toBe(4);
    expect(getRedisHandle().breaker.isOpen()).toBe(false);

    // The caches fall back to the loader; state reads still answer.
    expect(await cached("reference", `roles-${randomUUID()}`, () => Promise.resolve("from the database"))).toBe("from the database");
    expect(await withRedis((redis) => redis.ping(), "fallback")).toBe("PONG");
  });

  it("with one shared Redis URL the cache still has its own client and breaker", async () => {
    setEnv({ REDIS_CACHE_URL: undefined });
    await closeRedis();
    const state = getRedisHandle();
    const cache = getCacheRedisHandle();
    expect(cache).not.toBe(state);
    expect(cache.breaker).not.toBe(state.breaker);
    expect(cache.mode).toBe("tcp");
    cache.breaker.recordFailure("simulated cache timeout");
    expect(state.breaker.isOpen()).toBe(false);
    expect((await checkRateLimit("report", `roles-${randomUUID()}`)).remaining).toBe(4);
    cache.breaker.reset();
  });
});

describe("REDIS_CACHE_URL on another Redis database", () => {
  const cacheUrl = withDb(STATE_URL, CACHE_DB);
  let cacheDb: IORedis;
  let stateDb: IORedis;

  /** Every key matching `pattern` (SCAN, not KEYS). */
  async function scanAll(client: IORedis, pattern: string): Promise<string[]> {
    const found: string[] = [];
    for await (const keys of client.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>) found.push(...keys);
    return found;
  }

  beforeAll(() => {
    cacheDb = new IORedis(cacheUrl);
    stateDb = new IORedis(STATE_URL);
  });

  afterAll(async () => {
    const keys = await scanAll(cacheDb, `${getEnv().REDIS_KEY_PREFIX}*`);
    if (keys.length) await cacheDb.del(...keys);
    await Promise.all([cacheDb.quit(), stateDb.quit()]);
  });

  it("receives the cache entries and the page-cache generation, and never the sessions, tokens or limits", async () => {
    setEnv({ REDIS_CACHE_URL: cacheUrl });
    await closeRedis();
    expect(cacheSharesStateServer()).toBe(true); // same host and port, another database
    // Connect both clients first (a cold first connection may take longer than a 250 ms cache read).
    expect(await withCacheRedis((redis) => redis.ping(), null, { timeoutMs: 5_000 })).toBe("PONG");
    expect(await withRedis((redis) => redis.ping(), null, { timeoutMs: 5_000 })).toBe("PONG");

    const field = `roles-${randomUUID()}`;
    expect(await cached("reference", field, () => Promise.resolve({ filled: true }))).toEqual({ filled: true });
    const bucket = key(CACHE_BUCKETS.reference.hash);
    expect(await cacheDb.hexists(bucket, field)).toBe(1);
    expect(await stateDb.hexists(bucket, field)).toBe(0);

    const generationBefore = Number((await cacheDb.get(pageGenerationKey())) ?? 0);
    await invalidatePublicCaches("event");
    expect(Number(await cacheDb.get(pageGenerationKey()))).toBe(generationBefore + 1);

    const { sessionId } = await createSession({ userId: `roles-${randomUUID()}`, role: "CREATOR" });
    expect(sessionId).toBeTruthy();
    const who = `roles-${randomUUID()}`;
    await checkRateLimit("report", who);
    const prefix = getEnv().REDIS_KEY_PREFIX;
    const inCache = await scanAll(cacheDb, `${prefix}*`);
    expect(inCache.length).toBeGreaterThan(0);
    expect(inCache.filter((name) => !name.startsWith(`${prefix}cache:`))).toEqual([]);
    expect((await scanAll(stateDb, `${prefix}rl:report:${hashRateLimitIdentifier(who)}*`)).length).toBeGreaterThan(0);
    expect((await scanAll(stateDb, `${prefix}session:*`)).length).toBeGreaterThan(0);
  });

  it("says whether the two roles share a server", () => {
    setEnv({ REDIS_CACHE_URL: undefined });
    expect(cacheSharesStateServer()).toBe(true);
    setEnv({ REDIS_CACHE_URL: "redis://cache.internal:6379" });
    expect(cacheSharesStateServer()).toBe(false);
  });

  it("refuses REDIS_CACHE_URL that is not a Redis URL, or without a state Redis", () => {
    setEnv({ REDIS_CACHE_URL: "http://cache.internal:6379" });
    expect(() => getEnv()).toThrow(/REDIS_CACHE_URL must start with redis:\/\/ or rediss:\/\//);
    setEnv({ REDIS_CACHE_URL: "redis://cache.internal:6379", REDIS_URL: undefined });
    expect(() => getEnv()).toThrow(/REDIS_CACHE_URL needs REDIS_URL/);
  });
});

describe("the state Redis's eviction policy", () => {
  let dir: string;
  let port: number;
  let started = false;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "zenbali-redis-lru-"));
    port = 6390 + Math.floor(Math.random() * 8) * 10 + 3;
    // Our own throw-away Redis, configured the way issue 9 warns about.
    execFileSync("redis-server", [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
      "--maxmemory",
      "64mb",
      "--maxmemory-policy",
      "volatile-lru",
      "--daemonize",
      "yes",
      "--pidfile",
      path.join(dir, "redis.pid"),
    ]);
    started = true;
    for (let i = 0; ; i++) {
      const probe = new IORedis(`redis://127.0.0.1:${port}`, { lazyConnect: true, retryStrategy: () => null });
      probe.on("error", () => {});
      try {
        await probe.connect();
        await probe.quit();
        break;
      } catch (error) {
        probe.disconnect();
        if (i > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });

  afterAll(async () => {
    if (started) {
      const client = new IORedis(`redis://127.0.0.1:${port}`, { retryStrategy: () => null });
      client.on("error", () => {}); // the server closes the connection as it shuts down
      await client.call("SHUTDOWN", "NOSAVE").catch(() => {});
      client.disconnect();
    }
    await rm(dir, { recursive: true, force: true });
  });

  it("warns clearly at start-up when the state Redis may evict keys, and names the fix", async () => {
    setEnv({ REDIS_URL: `redis://127.0.0.1:${port}` });
    await closeRedis();
    const warn = vi.fn();
    const check = await warnIfStateRedisEvicts({ warn });
    expect(check).toMatchObject({ status: "evicts", policy: "volatile-lru" });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/maxmemory-policy "volatile-lru", not "noeviction".*sessions.*REDIS_CACHE_URL/s);
  });

  it("is quiet for noeviction, skips memory mode, and never throws when Redis is away", async () => {
    const noeviction = createRedis({ redisUrl: `redis://127.0.0.1:${port}`, logger: { warn: () => {}, info: () => {} } });
    const admin = new IORedis(`redis://127.0.0.1:${port}`);
    try {
      await admin.config("SET", "maxmemory-policy", "noeviction"); // our own server, not the shared one
      expect(await checkStateRedisEvictionPolicy({ handle: noeviction })).toEqual({ status: "ok", policy: "noeviction" });
    } finally {
      await admin.quit();
      await noeviction.close();
    }
    expect(await checkStateRedisEvictionPolicy({ handle: createRedis({}) })).toEqual({ status: "skipped" });
    const dead = createRedis({ redisUrl: "redis://127.0.0.1:6399", logger: { warn: () => {}, info: () => {} } });
    const begun = performance.now();
    expect((await checkStateRedisEvictionPolicy({ handle: dead, timeoutMs: 300 })).status).toBe("unknown");
    expect(performance.now() - begun).toBeLessThan(2_000);
    await dead.close();
  });
});
