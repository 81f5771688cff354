import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryRequester, createRedis, createTcpRequester, type MemoryRequester, type RedisHandle, type TcpRequester } from "@/lib/redis";
import { MEMORY_MODE_COMMANDS } from "@/lib/redis/ports";

/**
 * Memory mode's emulator (lib/redis/memory-requester.ts) against the real
 * Redis: every command of its allowlist (MEMORY_MODE_COMMANDS, the commands of
 * the ports in lib/redis/ports.ts) runs the same steps on both, and the RAW
 * replies (what the Upstash client then decodes) must be equal, errors
 * included. Any other command, or an option no port uses, is refused by name.
 */

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const runId = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
const prefix = `zbtest:parity:${runId}:`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Command = readonly unknown[];
type Step = Command | { pipeline: Command[] } | { multi: Command[] } | { sleep: number };
type Reply = { result?: unknown; error?: string };
/** One case: steps on fresh keys; `normalise` evens out what Redis leaves unspecified (set order) or what only describes the server (INFO). */
type Case = { title: string; steps: (k: (name: string) => string) => Step[]; normalise?: (reply: Reply, step: Command) => Reply };

const sortArrays = (reply: Reply): Reply => (Array.isArray(reply.result) ? { result: (reply.result as unknown[]).map(String).sort() } : reply);

const CASES: Case[] = [
  { title: "PING, with and without a message", steps: () => [["PING"], ["PING", "om swastiastu"]] },
  {
    title: "INFO answers a text with the server's version (the figures are the server's own)",
    steps: () => [["INFO"]],
    normalise: (reply) => ({ result: typeof reply.result === "string" && /^redis_version:/m.test(reply.result) && reply.result.includes("\r\n") }),
  },
  {
    title: "GET and SET: plain, NX, XX, GET (the previous value), wrong type, wrong arity",
    steps: (k) => [
      ["GET", k("s")],
      ["SET", k("s"), "first"],
      ["GET", k("s")],
      ["SET", k("s"), "second", "NX"],
      ["SET", k("n"), "new", "NX"],
      ["SET", k("x"), "v", "XX"],
      ["GET", k("x")],
      ["SET", k("s"), "third", "XX"],
      ["SET", k("s"), "fourth", "GET"],
      ["SET", k("fresh"), "v", "GET"],
      ["SET", k("s"), "v", "NX", "XX"],
      ["HSET", k("h"), "f", "1"],
      ["GET", k("h")],
      ["SET", k("h"), "v", "GET"],
      ["GET", k("s"), "extra"],
      ["SET", k("s")],
      ["GET", k("s")],
    ],
  },
  {
    title: "SET as the app sends it: NX with EX (the roll-up lock), GET with EX (the newest-token swap), and EX/PX expiry",
    steps: (k) => [
      ["set", k("lock"), "1", "nx", "ex", 300],
      ["set", k("lock"), "1", "nx", "ex", 300],
      ["set", k("latest"), '{"hash":"a"}', "get", "ex", 3600],
      ["set", k("latest"), '{"hash":"b"}', "get", "ex", 3600],
      ["GET", k("latest")],
      ["SET", k("px"), "v", "PX", 100],
      ["SET", k("ex"), "v", "EX", 1],
      ["SET", k("bad"), "v", "EX", 0],
      ["SET", k("bad"), "v", "EX", "soon"],
      { sleep: 1_150 },
      ["GET", k("px")],
      ["GET", k("ex")],
      ["GET", k("lock")],
    ],
  },
  {
    title: "GETDEL: once, then gone; missing; wrong type",
    steps: (k) => [
      ["SET", k("t"), '{"userId":"u1"}'],
      ["GETDEL", k("t")],
      ["GETDEL", k("t")],
      ["GET", k("t")],
      ["SADD", k("set"), "a"],
      ["GETDEL", k("set")],
    ],
  },
  {
    title: "MGET: strings, missing keys and keys of other types",
    steps: (k) => [["SET", k("a"), "1"], ["SET", k("b"), '{"b":true}'], ["HSET", k("h"), "f", "v"], ["MGET", k("a"), k("missing"), k("b"), k("h")], ["MGET"]],
  },
  {
    title: "INCR and INCRBY: from nothing, by a delta, on text, with a bad delta",
    steps: (k) => [
      ["INCR", k("n")],
      ["INCRBY", k("n"), 10],
      ["INCRBY", k("pv"), 1],
      ["INCRBY", k("n"), -3],
      ["GET", k("n")],
      ["SET", k("text"), "abc"],
      ["INCR", k("text")],
      ["INCRBY", k("n"), "1.5"],
      ["INCRBY", k("n"), "ten"],
    ],
  },
  {
    title: "DEL: several keys, some missing, of every type",
    steps: (k) => [
      ["SET", k("a"), "1"],
      ["HSET", k("h"), "f", "1"],
      ["SADD", k("s"), "m"],
      ["PFADD", k("p"), "v"],
      ["ZADD", k("z"), 1, "m"],
      ["DEL", k("a"), k("h"), k("s"), k("p"), k("z"), k("missing")],
      ["DEL", k("a")],
      ["MGET", k("a"), k("h")],
    ],
  },
  {
    title: "EXPIRE: missing key, NX (only when there is no TTL yet), expiry, zero deletes, bad seconds",
    steps: (k) => [
      ["EXPIRE", k("missing"), 100],
      ["SET", k("a"), "v"],
      ["EXPIRE", k("a"), 100, "NX"],
      ["EXPIRE", k("a"), 500, "NX"],
      ["EXPIRE", k("a"), 1],
      ["HSET", k("h"), "f", "1"],
      ["expire", k("h"), 1, "NX"],
      ["SET", k("zero"), "v"],
      ["EXPIRE", k("zero"), 0],
      ["GET", k("zero")],
      ["EXPIRE", k("a"), "soon"],
      { sleep: 1_150 },
      ["GET", k("a")],
      ["HGETALL", k("h")],
    ],
  },
  {
    title: "RENAMENX and RENAME: value and TTL move; NX never overwrites; a missing source is an error",
    steps: (k) => [
      ["HSET", k("pending"), "evt_1", "3", "evt_2", "1"],
      ["RENAMENX", k("pending"), k("processing")],
      ["HGETALL", k("pending")],
      ["HGETALL", k("processing")],
      ["RENAMENX", k("pending"), k("processing")],
      ["SET", k("other"), "x"],
      ["RENAMENX", k("other"), k("processing")],
      ["GET", k("other")],
      ["RENAME", k("other"), k("processing")],
      ["GET", k("processing")],
      ["RENAME", k("missing"), k("x")],
      ["RENAME", k("processing"), k("processing")],
      ["RENAMENX", k("processing"), k("processing")],
      ["SET", k("short"), "v", "EX", 1],
      ["RENAME", k("short"), k("moved")],
      { sleep: 1_150 },
      ["GET", k("moved")],
    ],
  },
  {
    title: "hashes: HSET (new and replaced fields), HGET, HLEN, HEXISTS, HINCRBY, HGETALL, HDEL (the last field removes the key)",
    steps: (k) => [
      ["HSET", k("b"), "/", '{"v":1}', "/events", '{"v":2}'],
      ["HSET", k("b"), "/", '{"v":3}', "#bytes", "10"],
      ["HGET", k("b"), "/"],
      ["HGET", k("b"), "nope"],
      ["HGET", k("missing"), "f"],
      ["HLEN", k("b")],
      ["HLEN", k("missing")],
      ["HEXISTS", k("b"), "/events"],
      ["HEXISTS", k("b"), "nope"],
      ["HINCRBY", k("b"), "#bytes", 25],
      ["HINCRBY", k("b"), "evt_1", 1],
      ["HINCRBY", k("b"), "/", 1],
      ["HINCRBY", k("b"), "evt_1", "x"],
      ["HGETALL", k("b")],
      ["HGETALL", k("missing")],
      ["HDEL", k("b"), "/", "nope"],
      ["HDEL", k("b"), "/events", "#bytes", "evt_1"],
      ["HLEN", k("b")],
      ["GET", k("b")],
      ["HSET", k("b"), "f"],
      ["SET", k("s"), "text"],
      ["HGET", k("s"), "f"],
      ["HSET", k("s"), "f", "v"],
    ],
  },
  {
    title: "sets: SADD, SREM, SMEMBERS (in any order); the last member removes the key",
    steps: (k) => [
      ["SADD", k("u"), "h1", "h2", "h3"],
      ["SADD", k("u"), "h1"],
      ["SMEMBERS", k("u")],
      ["SREM", k("u"), "h2", "zz"],
      ["SMEMBERS", k("u")],
      ["SMEMBERS", k("missing")],
      ["SREM", k("missing"), "a"],
      ["SREM", k("u"), "h1", "h3"],
      ["GET", k("u")],
      ["SET", k("s"), "text"],
      ["SADD", k("s"), "a"],
    ],
    normalise: (reply, step) => (String(step[0]).toUpperCase() === "SMEMBERS" ? sortArrays(reply) : reply),
  },
  {
    title: "HyperLogLog: PFADD (1 when it changed), PFCOUNT of one key and of several (their union), wrong type",
    steps: (k) => [
      ["PFADD", k("day1"), "v1", "v2", "v3"],
      ["PFADD", k("day1"), "v1"],
      ["PFADD", k("day2"), "v3", "v4"],
      ["PFADD", k("empty")],
      ["PFADD", k("empty")],
      ["PFCOUNT", k("day1")],
      ["PFCOUNT", k("day1"), k("day2")],
      ["PFCOUNT", k("none")],
      ["SET", k("s"), "text"],
      ["PFADD", k("s"), "v"],
      ["PFCOUNT", k("s")],
    ],
  },
  {
    title: "sorted sets: ZADD, ZRANGE by rank (negative ends) and BYSCORE (inclusive, exclusive, infinite), ZREM",
    steps: (k) => [
      ["zadd", k("log"), 1, "1|lists"],
      ["ZADD", k("log"), 2, "2|event:a", 3, "3|all"],
      ["ZADD", k("log"), 5, "3|all"],
      ["ZADD", k("log"), "+inf", "top", "-inf", "bottom"],
      ["ZRANGE", k("log"), 0, -1],
      ["zrange", k("log"), 0, -3],
      ["ZRANGE", k("log"), 1, 2],
      ["ZRANGE", k("log"), 5, 10],
      ["ZRANGE", k("log"), -2, -1],
      ["zrange", k("log"), 2, 5, "byscore"],
      ["ZRANGE", k("log"), "(1", "+inf", "BYSCORE"],
      ["ZRANGE", k("log"), "-inf", "(5", "BYSCORE"],
      ["ZRANGE", k("log"), 6, 5, "BYSCORE"],
      ["ZRANGE", k("missing"), 0, -1],
      ["ZREM", k("log"), "1|lists", "nope"],
      ["ZREM", k("missing"), "a"],
      ["ZRANGE", k("log"), 0, -1],
      ["ZADD", k("log"), "abc", "m"],
      ["ZADD", k("log"), 1],
      ["ZRANGE", k("log"), "a", "b"],
      ["ZRANGE", k("log"), "x", "y", "BYSCORE"],
      ["ZREM", k("log"), "2|event:a", "3|all", "top", "bottom"],
      ["GET", k("log")],
    ],
  },
  {
    title: "a pipeline: every command answers on its own, errors in place",
    steps: (k) => [
      ["SET", k("text"), "abc"],
      {
        pipeline: [
          ["INCRBY", k("pv"), 3],
          ["EXPIRE", k("pv"), 100],
          ["PFADD", k("uv"), "a", "b"],
          ["HINCRBY", k("ev"), "e1", 2],
          ["INCR", k("text")],
          ["GET", k("pv")],
          ["PFCOUNT", k("uv")],
        ],
      },
    ],
  },
  {
    title: "MULTI/EXEC: all commands run, a runtime error stays in its place (no rollback)",
    steps: (k) => [
      ["SET", k("text"), "abc"],
      {
        multi: [
          ["SET", k("sess"), '{"userId":"u"}', "EX", 100],
          ["SADD", k("idx"), "h1"],
          ["EXPIRE", k("idx"), 100],
          ["INCR", k("text")],
          ["SMEMBERS", k("idx")],
        ],
      },
      {
        multi: [
          ["DEL", k("sess")],
          ["SREM", k("idx"), "h1"],
        ],
      },
      ["MGET", k("sess"), k("idx")],
    ],
  },
];

/** The command names a case sends. */
function commandsOf(steps: Step[]): string[] {
  return steps.flatMap((step) => {
    if (Array.isArray(step)) return [String(step[0]).toUpperCase()];
    if ("pipeline" in step) return step.pipeline.map((command) => String(command[0]).toUpperCase());
    if ("multi" in step) return step.multi.map((command) => String(command[0]).toUpperCase());
    return [];
  });
}

describe("memory mode's emulator against the real Redis", () => {
  let tcp: TcpRequester;
  let memory: MemoryRequester;

  beforeAll(() => {
    tcp = createTcpRequester({ url: REDIS_URL, commandTimeoutMs: 5_000 });
    memory = createMemoryRequester();
  });
  afterAll(async () => {
    const listed = (await tcp.request<string[]>({ body: ["KEYS", `${prefix}*`] })).result ?? [];
    if (listed.length > 0) await tcp.request({ body: ["DEL", ...listed] });
    await tcp.close();
  });

  it("covers every allowlisted command, and only those", () => {
    const covered = new Set(CASES.flatMap((c) => commandsOf(c.steps(() => "k"))));
    expect(MEMORY_MODE_COMMANDS.filter((command) => !covered.has(command))).toEqual([]);
    expect([...covered].filter((command) => !MEMORY_MODE_COMMANDS.includes(command))).toEqual([]);
    // What the app needs and nothing more (a change here is a change to lib/redis/ports.ts).
    expect(MEMORY_MODE_COMMANDS).toEqual([
      "DEL",
      "EXPIRE",
      "GET",
      "GETDEL",
      "HDEL",
      "HEXISTS",
      "HGET",
      "HGETALL",
      "HINCRBY",
      "HLEN",
      "HSET",
      "INCR",
      "INCRBY",
      "INFO",
      "MGET",
      "PFADD",
      "PFCOUNT",
      "PING",
      "RENAME",
      "RENAMENX",
      "SADD",
      "SET",
      "SMEMBERS",
      "SREM",
      "ZADD",
      "ZRANGE",
      "ZREM",
    ]);
  });

  it.each(CASES.map((c, index) => ({ ...c, index })))(
    "$title",
    async ({ steps, normalise, index }) => {
      const k = (name: string) => `${prefix}${index}:${name}`;
      const run = async (requester: TcpRequester | MemoryRequester, step: Step): Promise<unknown> => {
        if (Array.isArray(step)) {
          const reply = (await requester.request({ body: step })) as Reply;
          return normalise ? normalise(reply, step) : reply;
        }
        if ("sleep" in step) return null;
        const [path, commands] = "pipeline" in step ? (["pipeline", step.pipeline] as const) : (["multi-exec", (step as { multi: Command[] }).multi] as const);
        const replies = (await requester.request({ path: [path], body: commands })) as unknown as Reply[];
        return replies.map((reply, i) => (normalise ? normalise(reply, commands[i]!) : reply));
      };
      const fromRedis: unknown[] = [];
      const fromMemory: unknown[] = [];
      for (const step of steps(k)) {
        if (!Array.isArray(step) && "sleep" in step) {
          await sleep(step.sleep);
          continue;
        }
        fromRedis.push(await run(tcp, step));
        fromMemory.push(await run(memory, step));
      }
      expect(fromMemory).toEqual(fromRedis);
      // The case means something: it produced results, not only errors.
      expect(JSON.stringify(fromRedis)).toContain('"result"');
    },
    10_000,
  );
});

describe("commands and options outside the allowlist", () => {
  const memory = createMemoryRequester();

  it.each(["KEYS", "SCAN", "TTL", "EXISTS", "TYPE", "LPUSH", "EVAL", "EVALSHA", "SCRIPT", "FLUSHALL", "DECR", "SETEX", "ZSCORE", "HMGET", "UNLINK"])(
    "%s is refused, naming the command",
    async (command) => {
      const reply = (await memory.request({ body: [command, `${prefix}x`, "1"] })) as Reply;
      expect(reply.error).toMatch(new RegExp(`^ERR '${command}' is not available in memory mode`));
    },
  );

  it.each([
    [["SET", "k", "v", "KEEPTTL"], "KEEPTTL"],
    [["SET", "k", "v", "EXAT", "1"], "EXAT"],
    [["EXPIRE", "k", "10", "XX"], "XX"],
    [["ZADD", "k", "NX", "1", "m"], "NX"],
    [["ZRANGE", "k", "0", "-1", "WITHSCORES"], "WITHSCORES"],
    [["ZRANGE", "k", "0", "-1", "BYSCORE", "LIMIT", "0", "1"], "LIMIT"],
  ])("%j: the option is refused, naming it", async (command, option) => {
    const reply = (await memory.request({ body: command })) as Reply;
    expect(reply.error).toMatch(new RegExp(`^ERR option '${option}' of '${String(command[0])}' is not available in memory mode`));
  });

  it("through the Upstash client: the call throws with the command's name; a MULTI with such a command does nothing at all", async () => {
    const handle = createRedis({ prefix });
    await expect(handle.redis.keys("*")).rejects.toThrow(/'KEYS' is not available in memory mode/);
    await expect(handle.redis.eval("return 1", [], [])).rejects.toThrow(/'EVAL' is not available in memory mode/);
    const tx = handle.redis.multi();
    tx.set(handle.key("tx"), "v");
    tx.lpush(handle.key("list"), "a");
    await expect(tx.exec()).rejects.toThrow(/EXECABORT .*'LPUSH' is not available/);
    expect(await handle.redis.get(handle.key("tx"))).toBeNull();
  });
});

/** The same client-level behaviour in both modes: what the Upstash client makes of the RAW replies. */
describe.each([
  { mode: "tcp" as const, create: (p: string) => createRedis({ redisUrl: REDIS_URL, prefix: p }) },
  { mode: "memory" as const, create: (p: string) => createRedis({ prefix: p }) },
])("the Upstash client on the $mode requester", ({ mode, create }) => {
  let h: RedisHandle;

  beforeAll(() => {
    h = create(`${prefix}client-${mode}:`);
  });
  afterAll(async () => {
    const keys = ["json", "list", "number", "hash", "pipe", "text", "multi", "n"].map((name) => h.key(name));
    await h.redis.del(...keys);
    await h.close();
  });

  it("round-trips JSON values (the client serialises objects)", async () => {
    const event = { id: "evt_1", title: "Sunrise yoga – Ubud 🌅", tags: ["yoga", "ubud"], price: 150_000, free: false, venue: null };
    await h.redis.set(h.key("json"), event, { ex: 60 });
    expect(await h.redis.get<typeof event>(h.key("json"))).toEqual(event);
    await h.redis.set(h.key("list"), [1, "two", { three: 3 }]);
    expect(await h.redis.mget(h.key("list"), h.key("nope"))).toEqual([[1, "two", { three: 3 }], null]);
    await h.redis.set(h.key("number"), 42);
    expect(await h.redis.getdel(h.key("number"))).toBe(42);
  });

  it("HGETALL comes back as an object, null when there is no hash", async () => {
    expect(await h.redis.hset(h.key("hash"), { views: 1, title: "Kecak fire dance", meta: { lang: "id" } })).toBe(3);
    expect(await h.redis.hgetall(h.key("hash"))).toEqual({ views: 1, title: "Kecak fire dance", meta: { lang: "id" } });
    expect(await h.redis.hgetall(h.key("nope"))).toBeNull();
  });

  it("pipeline results, and per-command errors with keepErrors", async () => {
    const result = await h.redis
      .pipeline()
      .set(h.key("pipe"), 1)
      .incr(h.key("pipe"))
      .get(h.key("pipe"))
      .hset(h.key("hash"), { x: "y" })
      .hget(h.key("hash"), "x")
      .exec();
    expect(result).toEqual(["OK", 2, 2, 1, "y"]);
    await h.redis.set(h.key("text"), "abc");
    const withErrors = await h.redis.pipeline().incr(h.key("text")).get(h.key("text")).exec({ keepErrors: true });
    expect(withErrors[0].error).toMatch(/not an integer/);
    expect(withErrors[1]).toEqual({ error: undefined, result: "abc" });
    await expect(h.redis.pipeline().incr(h.key("text")).exec()).rejects.toThrow(/failed/);
  });

  it("multi-exec results", async () => {
    const result = await h.redis.multi().set(h.key("multi"), { v: 1 }).get(h.key("multi")).incr(h.key("n")).del(h.key("multi")).exec();
    expect(result).toEqual(["OK", { v: 1 }, 1, 1]);
    expect(await h.redis.get(h.key("multi"))).toBeNull();
  });

  it("a wrong type is an error the caller sees", async () => {
    await expect(h.redis.hget(h.key("text"), "f")).rejects.toThrow(/WRONGTYPE/);
  });
});
