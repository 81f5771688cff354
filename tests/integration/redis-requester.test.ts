import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { Redis as IORedis } from "ioredis";
import {
  closeRedis,
  createRedis,
  createTcpRequester,
  getRedis,
  key,
  MEMORY_MODE_MESSAGE,
  RedisUnavailableError,
  redisMode,
  resetRedisForTests,
  type RedisHandle,
  type TcpRequester,
} from "@/lib/redis";
import { asymmetric } from "../support/asymmetric";
import { applyEnv, restoreWholeEnv } from "../support/env";

/**
 * The `@upstash/redis` client through the TCP requester (ioredis, real Redis at
 * REDIS_URL, default redis://127.0.0.1:6379) answers like Upstash would, for
 * the app's commands and the rest (Lua for @upstash/ratelimit, TTLs, SCAN…);
 * then the requester on its own (raw replies, failures). Memory mode's
 * emulator is compared with the real Redis in redis-memory-parity.test.ts.
 */

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const runId = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

async function cleanup(handle: RedisHandle): Promise<void> {
  const keys = await handle.redis.keys(`${handle.prefix}*`);
  if (keys.length > 0) await handle.redis.del(...keys);
}

const modes = [{ mode: "tcp" as const, create: (prefix: string) => createRedis({ redisUrl: REDIS_URL, prefix }) }];

describe.each(modes)("Redis through the $mode requester", ({ mode, create }) => {
  let h: RedisHandle;
  let k: RedisHandle["key"];

  beforeAll(() => {
    h = create(`zbtest:redis:${runId}:${mode}:`);
    k = (...parts) => h.key(...parts);
  });

  afterAll(async () => {
    await cleanup(h);
    expect(await h.redis.keys(`${h.prefix}*`)).toEqual([]);
    await h.close();
  });

  it("reports its mode and builds prefixed keys", () => {
    expect(h.mode).toBe(mode);
    expect(h.key("cache", "list")).toBe(`zbtest:redis:${runId}:${mode}:cache:list`);
    expect(h.key("event", 42)).toBe(`${h.prefix}event:42`);
    expect(createRedis({ prefix: "app" }).key("a")).toBe("app:a");
    expect(createRedis({}).key("cache", "list")).toBe("zb:cache:list");
  });

  it("PING and INFO", async () => {
    expect(await h.redis.ping()).toBe("PONG");
    const info = await h.redis.exec<string>(["INFO"]);
    expect(typeof info).toBe("string");
    expect(info).toContain("redis_version");
  });

  it("GET / SET with EX, PX, NX, XX", async () => {
    expect(await h.redis.get(k("str", "missing"))).toBeNull();
    expect(await h.redis.set(k("str", "plain"), "hello")).toBe("OK");
    expect(await h.redis.get(k("str", "plain"))).toBe("hello");

    expect(await h.redis.set(k("str", "ex"), "v", { ex: 100 })).toBe("OK");
    const ttl = await h.redis.ttl(k("str", "ex"));
    expect(ttl).toBeGreaterThan(90);
    expect(ttl).toBeLessThanOrEqual(100);

    await h.redis.set(k("str", "px"), "v", { px: 50_000 });
    const pttl = await h.redis.pttl(k("str", "px"));
    expect(pttl).toBeGreaterThan(40_000);
    expect(pttl).toBeLessThanOrEqual(50_000);

    expect(await h.redis.set(k("str", "nx"), "first", { nx: true })).toBe("OK");
    expect(await h.redis.set(k("str", "nx"), "second", { nx: true })).toBeNull();
    expect(await h.redis.get(k("str", "nx"))).toBe("first");

    expect(await h.redis.set(k("str", "xx"), "v", { xx: true })).toBeNull();
    expect(await h.redis.exists(k("str", "xx"))).toBe(0);
    expect(await h.redis.set(k("str", "nx"), "third", { xx: true })).toBe("OK");
    expect(await h.redis.get(k("str", "nx"))).toBe("third");
  });

  it("round-trips JSON values (the Upstash client serialises objects)", async () => {
    const event = { id: "evt_1", title: "Sunrise yoga – Ubud 🌅", tags: ["yoga", "ubud"], price: 150_000, free: false, venue: null };
    await h.redis.set(k("json", "event"), event);
    expect(await h.redis.get<typeof event>(k("json", "event"))).toEqual(event);

    await h.redis.set(k("json", "list"), [1, "two", { three: 3 }]);
    expect(await h.redis.get(k("json", "list"))).toEqual([1, "two", { three: 3 }]);

    await h.redis.set(k("json", "number"), 42);
    expect(await h.redis.get(k("json", "number"))).toBe(42);
  });

  it("DEL, EXISTS and MGET", async () => {
    await h.redis.set(k("del", "a"), "1");
    await h.redis.set(k("del", "b"), { b: true });
    expect(await h.redis.exists(k("del", "a"), k("del", "b"), k("del", "c"))).toBe(2);
    expect(await h.redis.mget(k("del", "a"), k("del", "b"), k("del", "c"))).toEqual([1, { b: true }, null]);
    expect(await h.redis.del(k("del", "a"), k("del", "b"), k("del", "c"))).toBe(2);
    expect(await h.redis.exists(k("del", "a"), k("del", "b"))).toBe(0);
  });

  it("RENAMENX and RENAME: move a key with its value and TTL; never over an existing key with NX", async () => {
    await h.redis.hset(k("rename", "from"), { a: 1 });
    await h.redis.expire(k("rename", "from"), 100);
    expect(await h.redis.renamenx(k("rename", "from"), k("rename", "to"))).toBe(1);
    expect(await h.redis.exists(k("rename", "from"))).toBe(0);
    expect(await h.redis.hgetall(k("rename", "to"))).toEqual({ a: 1 });
    expect(await h.redis.ttl(k("rename", "to"))).toBeGreaterThan(90);
    await h.redis.set(k("rename", "other"), "x");
    expect(await h.redis.renamenx(k("rename", "other"), k("rename", "to"))).toBe(0);
    expect(await h.redis.get(k("rename", "other"))).toBe("x");
    await expect(h.redis.renamenx(k("rename", "missing"), k("rename", "to2"))).rejects.toThrow(/no such key/);
    expect(await h.redis.rename(k("rename", "other"), k("rename", "to"))).toBe("OK");
    expect(await h.redis.get(k("rename", "to"))).toBe("x");
    await h.redis.del(k("rename", "to"));
  });

  it("INCR, INCRBY, DECR", async () => {
    expect(await h.redis.incr(k("counter"))).toBe(1);
    expect(await h.redis.incrby(k("counter"), 10)).toBe(11);
    expect(await h.redis.decr(k("counter"))).toBe(10);
    await h.redis.set(k("counter", "text"), "abc");
    await expect(h.redis.incr(k("counter", "text"))).rejects.toThrow(/not an integer/);
  });

  it("EXPIRE (with NX), PEXPIRE, TTL", async () => {
    await h.redis.set(k("ttl", "a"), "v");
    expect(await h.redis.ttl(k("ttl", "a"))).toBe(-1);
    expect(await h.redis.ttl(k("ttl", "missing"))).toBe(-2);
    expect(await h.redis.expire(k("ttl", "a"), 100, "NX")).toBe(1);
    expect(await h.redis.expire(k("ttl", "a"), 500, "NX")).toBe(0);
    expect(await h.redis.ttl(k("ttl", "a"))).toBeLessThanOrEqual(100);
    expect(await h.redis.expire(k("ttl", "missing"), 100)).toBe(0);
    expect(await h.redis.pexpire(k("ttl", "a"), 30_000)).toBe(1);
    const ttl = await h.redis.ttl(k("ttl", "a"));
    expect(ttl).toBeGreaterThan(20);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it("expires keys (TTL honoured)", async () => {
    await h.redis.set(k("ttl", "short"), "v", { px: 40 });
    await h.redis.hset(k("ttl", "hash"), { f: 1 });
    await h.redis.pexpire(k("ttl", "hash"), 40);
    await sleep(120);
    expect(await h.redis.get(k("ttl", "short"))).toBeNull();
    expect(await h.redis.exists(k("ttl", "short"), k("ttl", "hash"))).toBe(0);
    expect(await h.redis.hgetall(k("ttl", "hash"))).toBeNull();
  });

  it("hashes: HSET, HGET, HGETALL shape, HINCRBY, HLEN, HDEL", async () => {
    const hk = k("hash", "stats");
    expect(await h.redis.hset(hk, { views: 1, title: "Kecak dance", meta: { lang: "id" } })).toBe(3);
    expect(await h.redis.hset(hk, { title: "Kecak fire dance" })).toBe(0);
    expect(await h.redis.hget(hk, "views")).toBe(1);
    expect(await h.redis.hget(hk, "title")).toBe("Kecak fire dance");
    expect(await h.redis.hget(hk, "nope")).toBeNull();
    expect(await h.redis.hgetall(hk)).toEqual({ views: 1, title: "Kecak fire dance", meta: { lang: "id" } });
    expect(await h.redis.hincrby(hk, "views", 4)).toBe(5);
    expect(await h.redis.hincrby(hk, "clicks", 1)).toBe(1);
    expect(await h.redis.hlen(hk)).toBe(4);
    expect(await h.redis.hdel(hk, "meta", "nope")).toBe(1);
    expect(await h.redis.hgetall(hk)).toEqual({ views: 5, title: "Kecak fire dance", clicks: 1 });
    expect(await h.redis.hgetall(k("hash", "missing"))).toBeNull();
    // Wrong type is a Redis error in both modes.
    await h.redis.set(k("hash", "string"), "x");
    await expect(h.redis.hget(k("hash", "string"), "f")).rejects.toThrow(/WRONGTYPE/);
  });

  it("PFADD / PFCOUNT (several keys = size of the union)", async () => {
    expect(await h.redis.pfadd(k("hll", "day1"), "ip1", "ip2", "ip3")).toBe(1);
    expect(await h.redis.pfadd(k("hll", "day1"), "ip1")).toBe(0);
    expect(await h.redis.pfadd(k("hll", "day2"), "ip3", "ip4")).toBe(1);
    expect(await h.redis.pfcount(k("hll", "day1"))).toBe(3);
    expect(await h.redis.pfcount(k("hll", "day1"), k("hll", "day2"))).toBe(4);
    expect(await h.redis.pfcount(k("hll", "none"))).toBe(0);
  });

  it("sets: SADD, SREM, SMEMBERS", async () => {
    expect(await h.redis.sadd(k("set"), "a", "b", "c")).toBe(3);
    expect(await h.redis.sadd(k("set"), "a")).toBe(0);
    expect(await h.redis.srem(k("set"), "b", "zz")).toBe(1);
    expect((await h.redis.smembers(k("set"))).sort()).toEqual(["a", "c"]);
    expect(await h.redis.smembers(k("set", "missing"))).toEqual([]);
  });

  it("sorted sets: ZADD, ZINCRBY, ZSCORE, ZRANGE", async () => {
    const zk = k("zset", "popular");
    expect(await h.redis.zadd(zk, { score: 1, member: "a" }, { score: 2.5, member: "b" }, { score: 10, member: "c" })).toBe(3);
    expect(await h.redis.zincrby(zk, 2, "a")).toBe(3);
    expect(await h.redis.zscore(zk, "b")).toBe(2.5);
    expect(await h.redis.zscore(zk, "nope")).toBeNull();
    expect(await h.redis.zrange(zk, 0, -1)).toEqual(["b", "a", "c"]);
    expect(await h.redis.zrange(zk, 0, 1, { rev: true })).toEqual(["c", "a"]);
    expect(await h.redis.zrange(zk, 0, -1, { withScores: true })).toEqual(["b", 2.5, "a", 3, "c", 10]);
    expect(await h.redis.zrange(zk, 2, 5, { byScore: true })).toEqual(["b", "a"]);
    expect(await h.redis.zrange(zk, "+inf", "(3", { byScore: true, rev: true })).toEqual(["c"]);
    expect(await h.redis.zrange(zk, "-inf", "+inf", { byScore: true, offset: 1, count: 1 })).toEqual(["a"]);
    expect(await h.redis.zadd(zk, { nx: true }, { score: 99, member: "a" })).toBe(0);
    expect(await h.redis.zscore(zk, "a")).toBe(3);
  });

  it("KEYS and SCAN with MATCH", async () => {
    await h.redis.set(k("scan", "one"), 1);
    await h.redis.set(k("scan", "two"), 2);
    await h.redis.hset(k("scan", "three"), { f: 1 });
    await h.redis.set(k("other", "x"), 1);
    const expected = [k("scan", "one"), k("scan", "three"), k("scan", "two")];

    expect((await h.redis.keys(k("scan", "*"))).sort()).toEqual(expected);

    const found: string[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await h.redis.scan(cursor, { match: k("scan", "*"), count: 100 });
      expect(typeof next, "SCAN's cursor, a string as Upstash's types say").toBe("string");
      found.push(...keys);
      cursor = next;
    } while (cursor !== "0");
    expect([...new Set(found)].sort()).toEqual(expected);
  });

  it("pipeline", async () => {
    const pk = k("pipe", "a");
    const result = await h.redis.pipeline().set(pk, 1).incr(pk).get(pk).hset(k("pipe", "h"), { x: "y" }).hgetall(k("pipe", "h")).exec();
    expect(result).toEqual(["OK", 2, 2, 1, { x: "y" }]);

    // A failing command does not stop the others (keepErrors shows per-command errors).
    await h.redis.set(k("pipe", "text"), "abc");
    const withErrors = await h.redis.pipeline().incr(k("pipe", "text")).get(k("pipe", "text")).exec({ keepErrors: true });
    expect(withErrors[0].error).toMatch(/not an integer/);
    expect(withErrors[1]).toEqual({ error: undefined, result: "abc" });
    await expect(h.redis.pipeline().incr(k("pipe", "text")).exec()).rejects.toThrow(/failed/);
  });

  it("multi-exec", async () => {
    const mk = k("multi", "a");
    const result = await h.redis.multi().set(mk, { v: 1 }).get(mk).incr(k("multi", "n")).del(mk).exec();
    expect(result).toEqual(["OK", { v: 1 }, 1, 1]);
    expect(await h.redis.exists(mk)).toBe(0);
  });

  it("passes raw commands through exec()", async () => {
    expect(await h.redis.exec(["SET", k("raw"), "v", "EX", "60"])).toBe("OK");
    expect(await h.redis.exec(["GET", k("raw")])).toBe("v");
  });

  it("runs Upstash-flavoured Lua (#!lua flags=allow-key-locking) and keeps EVALSHA hashes consistent", async () => {
    const script = `#!lua flags=allow-key-locking\nredis.call("SET", KEYS[1], ARGV[1])\nreturn {redis.call("GET", KEYS[1]), 7}`;
    expect(await h.redis.eval(script, [k("lua", "a")], ["x"])).toEqual(["x", 7]);

    // The caller's sha1 is the sha1 of the original script, as with Upstash.
    expect(await h.redis.scriptLoad(script)).toBe(sha1(script));
    expect(await h.redis.evalsha(sha1(script), [k("lua", "b")], ["y"])).toEqual(["y", 7]);
    expect(await h.redis.scriptExists(sha1(script))).toEqual([1]);

    // createScript: EVALSHA first, EVAL on NOSCRIPT — works with the flag line too.
    const fresh = `#!lua flags=allow-key-locking\nreturn ARGV[1] .. "-${runId}"`;
    const s = h.redis.createScript<string>(fresh);
    expect(await s.exec([], ["hi"])).toBe(`hi-${runId}`);
    expect(await s.exec([], ["again"])).toBe(`again-${runId}`);
  });
});

describe("the getRedis() singleton built from getEnv()", () => {
  const saved = { ...process.env };
  const prefix = `zbtest:redis:${runId}:singleton:`;

  afterEach(async () => {
    await resetRedisForTests();
    restoreWholeEnv(saved);
    resetEnvForTests();
    vi.restoreAllMocks();
  });

  function setEnv(values: Record<string, string | undefined>): void {
    process.env.DATABASE_URL ??= "pglite:./.tmp-test-db";
    delete process.env.UPSTASH_REDIS_REST_URL;
    delete process.env.UPSTASH_REDIS_REST_TOKEN;
    applyEnv(values);
    resetEnvForTests();
  }

  it("uses TCP when REDIS_URL is set, with REDIS_KEY_PREFIX applied by key()", async () => {
    setEnv({ REDIS_URL, REDIS_KEY_PREFIX: prefix });
    await resetRedisForTests();
    expect(redisMode()).toBe("tcp");
    expect(key("cache", "list")).toBe(`${prefix}cache:list`);
    expect(getRedis()).toBe(getRedis());
    await getRedis().set(key("cache", "list"), ["a"], { ex: 60 });
    expect(await getRedis().get(key("cache", "list"))).toEqual(["a"]);
    await getRedis().del(key("cache", "list"));
    await closeRedis();
  });

  it("falls back to in-process memory when nothing is configured, and says so once", async () => {
    setEnv({ REDIS_URL: undefined, REDIS_KEY_PREFIX: undefined });
    await resetRedisForTests();
    (globalThis as { __zbRedisMemoryLogged?: boolean }).__zbRedisMemoryLogged = false;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(redisMode()).toBe("memory");
    expect(key("cache", "list")).toBe("zb:cache:list");
    await getRedis().set(key("m"), 1);
    expect(await getRedis().get(key("m"))).toBe(1);
    await closeRedis();
    // A rebuilt singleton keeps the process's memory data and does not log again.
    expect(await getRedis().get(key("m"))).toBe(1);
    expect(warn.mock.calls.filter(([message]) => message === MEMORY_MODE_MESSAGE)).toHaveLength(1);
  });
});

describe("the TCP requester (ioredis) on its own", () => {
  const prefix = `zbtest:redis:${runId}:requester:`;
  const lines: string[] = [];
  const logger = { warn: (message: string) => lines.push(`warn: ${message}`), info: (message: string) => lines.push(`info: ${message}`) };
  let requester: TcpRequester;
  let admin: IORedis;

  beforeAll(() => {
    requester = createTcpRequester({ url: REDIS_URL, logger });
    admin = new IORedis(REDIS_URL);
  });
  afterAll(async () => {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await requester.close();
    await admin.quit();
  });

  it("answers RAW replies like the REST API: HGETALL is a flat array, nil is null, errors are { error }", async () => {
    expect(await requester.request({ body: ["HSET", `${prefix}h`, "a", "1", "__proto__", "x"] })).toEqual({ result: 2 });
    expect(await requester.request({ body: ["HGETALL", `${prefix}h`] })).toEqual({ result: ["a", "1", "__proto__", "x"] });
    expect(await requester.request({ body: ["GET", `${prefix}missing`] })).toEqual({ result: null });
    expect(await requester.request({ body: ["GET", `${prefix}h`] })).toEqual({ error: asymmetric.stringMatching(/^WRONGTYPE/) });
    expect(await requester.request({ body: [] })).toEqual({ error: "ERR empty command" });
  });

  it("keeps an error inside a script's reply as its message", async () => {
    await requester.request({ body: ["SET", `${prefix}text`, "abc"] });
    const reply = await requester.request({ body: ["EVAL", "return {1, redis.pcall('INCR', KEYS[1])}", "1", `${prefix}text`] });
    expect(reply).toEqual({ result: [1, expect.stringMatching(/not an integer/)] });
  });

  it("pipeline: every command answers on its own, in order", async () => {
    const replies = await requester.request({ path: ["pipeline"], body: [["SET", `${prefix}p`, "1"], ["INCR", `${prefix}text`], [], ["INCR", `${prefix}p`]] });
    expect(replies).toEqual([{ result: "OK" }, { error: asymmetric.stringMatching(/not an integer/) }, { error: "ERR empty command" }, { result: 2 }]);
  });

  it("multi-exec: a runtime error leaves the other commands done; a queue-time error discards the whole transaction", async () => {
    const ran = await requester.request({
      path: ["multi-exec"],
      body: [
        ["SET", `${prefix}m`, "1"],
        ["INCR", `${prefix}text`],
        ["INCR", `${prefix}m`],
      ],
    });
    expect(ran).toEqual([{ result: "OK" }, { error: asymmetric.stringMatching(/not an integer/) }, { result: 2 }]);
    const discarded = (await requester.request({
      path: ["multi-exec"],
      body: [
        ["SET", `${prefix}m2`, "1"],
        ["NOSUCHCOMMAND", "x"],
      ],
    })) as unknown as Array<{ error?: string }>;
    expect(discarded).toHaveLength(2);
    for (const reply of discarded) expect(reply.error).toMatch(/^EXECABORT .*unknown command/);
    expect(await admin.exists(`${prefix}m2`)).toBe(0);
  });

  it("a dropped connection fails the command in flight at once (never resent), then reconnects by itself and says so once", async () => {
    const id = await requester.request<number>({ body: ["CLIENT", "ID"] });
    // A blocking command is in flight when the server drops the connection.
    // (Its rejection is caught at once: it may come while the test still awaits CLIENT KILL.)
    const blocked = requester.request({ body: ["BLPOP", `${prefix}never`, "5"] }).then(
      () => null,
      (error: unknown) => error,
    );
    const started = performance.now();
    await sleep(50);
    expect(await admin.client("KILL", "ID", String(id.result))).toBe(1);
    expect(await blocked).toBeInstanceOf(RedisUnavailableError);
    // Not the 5 s of BLPOP, nor the 2 s command timeout: rejected as the connection dropped.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(lines.filter((line) => line.startsWith("warn:"))).toHaveLength(1);
    // While reconnecting, commands fail fast instead of waiting.
    await expect(requester.request({ body: ["PING"] })).rejects.toBeInstanceOf(RedisUnavailableError);
    for (let i = 0; i < 50 && !requester.isReady(); i++) await sleep(50);
    expect(requester.isReady()).toBe(true);
    expect(await requester.request({ body: ["PING"] })).toEqual({ result: "PONG" });
    expect(lines).toEqual([
      expect.stringMatching(/^warn: Redis: connection to redis:\/\/.* failed/),
      expect.stringMatching(/^info: Redis: connected to .* again$/),
    ]);
  });

  it("bounds every request by commandTimeoutMs", async () => {
    const quick = createTcpRequester({ url: REDIS_URL, logger, commandTimeoutMs: 200 });
    try {
      const started = performance.now();
      await expect(quick.request({ body: ["BLPOP", `${prefix}never`, "2"] })).rejects.toThrow(/timed out after 200 ms/);
      expect(performance.now() - started).toBeLessThan(1_500);
    } finally {
      await quick.close();
    }
    await expect(quick.request({ body: ["PING"] })).rejects.toThrow(/closed/);
  });
});
