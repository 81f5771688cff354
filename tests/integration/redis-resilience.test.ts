import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRedis, pingRedis, withRedis, type RedisHandle } from "@/lib/redis";

/**
 * Redis down or slow must never hang a request: withRedis returns the fallback
 * within its timeout, the circuit breaker then skips Redis entirely, and
 * pingRedis reports "down". Timing assertions are deliberately loose guards
 * ("well under 2 s"), not measurements.
 */

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const CLOSED_PORT_URL = "redis://127.0.0.1:6399";
const runId = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Collects log lines instead of printing them, to count them. */
function collectingLogger() {
  const lines: string[] = [];
  return { lines, logger: { warn: (message: string) => lines.push(`warn: ${message}`), info: (message: string) => lines.push(`info: ${message}`) } };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe("Redis on a closed port", () => {
  const log = collectingLogger();
  let dead: RedisHandle;

  beforeAll(() => {
    dead = createRedis({ redisUrl: CLOSED_PORT_URL, prefix: `zbtest:redis:${runId}:dead:`, logger: log.logger });
  });
  afterAll(async () => {
    await dead.close();
  });

  it("withRedis returns the fallback quickly", async () => {
    const { value, ms } = await timed(() => withRedis((redis) => redis.get<string>(dead.key("x")), "fallback", { handle: dead, timeoutMs: 150 }));
    expect(value).toBe("fallback");
    expect(ms).toBeLessThan(2_000);
  });

  it("opens the circuit breaker: later calls skip Redis entirely", async () => {
    expect(dead.breaker.isOpen()).toBe(true);
    let called = false;
    const { value, ms } = await timed(() =>
      withRedis(
        async (redis) => {
          called = true;
          return redis.get<string>(dead.key("x"));
        },
        "skipped",
        { handle: dead },
      ),
    );
    expect(value).toBe("skipped");
    expect(called).toBe(false);
    expect(ms).toBeLessThan(2_000);
  });

  it("pingRedis says down", async () => {
    const { value, ms } = await timed(() => pingRedis({ handle: dead }));
    expect(value.status).toBe("down");
    expect(value.mode).toBe("tcp");
    expect(value.error).toBeTruthy();
    expect(ms).toBeLessThan(2_000);
  });

  it("does not flood the logs during an outage", async () => {
    for (let i = 0; i < 25; i++) {
      await withRedis((redis) => redis.incr(dead.key("n")), 0, { handle: dead });
      await pingRedis({ handle: dead });
    }
    // One line from the connection, one from the breaker, however many calls.
    expect(log.lines.length).toBeGreaterThan(0);
    expect(log.lines.length).toBeLessThanOrEqual(2);
  });

  it("many concurrent calls all get the fallback", async () => {
    const fresh = createRedis({ redisUrl: CLOSED_PORT_URL, logger: collectingLogger().logger });
    try {
      const { value, ms } = await timed(() =>
        Promise.all(Array.from({ length: 50 }, () => withRedis((redis) => redis.get(fresh.key("y")), null, { handle: fresh }))),
      );
      expect(value).toEqual(Array.from({ length: 50 }, () => null));
      expect(ms).toBeLessThan(2_000);
    } finally {
      await fresh.close();
    }
  });
});

describe("Redis that accepts connections but never answers (slow/hung)", () => {
  let server: net.Server;
  const sockets = new Set<net.Socket>();
  let slow: RedisHandle;

  beforeAll(async () => {
    server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
      // Swallow everything, answer nothing.
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    slow = createRedis({ redisUrl: `redis://127.0.0.1:${port}`, logger: collectingLogger().logger });
  });
  afterAll(async () => {
    await slow.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("withRedis times out to the fallback; three timeouts in a row open the breaker (one alone does not)", async () => {
    const { value, ms } = await timed(() => withRedis((redis) => redis.get(slow.key("x")), "fallback", { handle: slow, timeoutMs: 150 }));
    expect(value).toBe("fallback");
    expect(ms).toBeLessThan(2_000);
    expect(slow.breaker.isOpen()).toBe(false);
    for (let i = 0; i < 2; i++) await withRedis((redis) => redis.get(slow.key("x")), "fallback", { handle: slow, timeoutMs: 150 });
    expect(slow.breaker.isOpen()).toBe(true);
  });

  it("pingRedis says down within its timeout", async () => {
    const { value, ms } = await timed(() => pingRedis({ handle: slow, timeoutMs: 300 }));
    expect(value.status).toBe("down");
    expect(ms).toBeLessThan(2_000);
  });
});

describe("healthy Redis", () => {
  let live: RedisHandle;

  beforeAll(() => {
    live = createRedis({ redisUrl: REDIS_URL, prefix: `zbtest:redis:${runId}:live:`, breakerCooldownMs: 100, logger: collectingLogger().logger });
  });
  afterAll(async () => {
    const keys = await live.redis.keys(`${live.prefix}*`);
    if (keys.length > 0) await live.redis.del(...keys);
    await live.close();
  });

  it("withRedis returns the real result", async () => {
    await live.redis.set(live.key("greeting"), { text: "om swastiastu" });
    expect(await withRedis((redis) => redis.get(live.key("greeting")), null, { handle: live, timeoutMs: 1_000 })).toEqual({ text: "om swastiastu" });
  });

  it("pingRedis says up, with a latency", async () => {
    const status = await pingRedis({ handle: live });
    expect(status.status).toBe("up");
    expect(status.mode).toBe("tcp");
    expect(typeof status.latencyMs).toBe("number");
    expect(status.error).toBeUndefined();
  });

  it("the breaker closes again after its cool-down", async () => {
    live.breaker.recordFailure("simulated");
    expect(await withRedis(() => Promise.resolve("from redis"), "fallback", { handle: live })).toBe("fallback");
    await sleep(150);
    expect(await withRedis(() => Promise.resolve("from redis"), "fallback", { handle: live })).toBe("from redis");
    expect(live.breaker.isOpen()).toBe(false);
  });

  it("a Redis reply error returns the fallback without opening the breaker", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await live.redis.set(live.key("text"), "not a hash");
      for (let i = 0; i < 3; i++) {
        expect(await withRedis((redis) => redis.hget(live.key("text"), "f"), "fallback", { handle: live, label: "test" })).toBe("fallback");
      }
      expect(live.breaker.isOpen()).toBe(false);
      // Logged once, not once per call.
      expect(warn.mock.calls.filter(([message]) => String(message).includes("WRONGTYPE"))).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });

  it("an operation that throws returns the fallback", async () => {
    expect(
      await withRedis(
        () => {
          throw new Error("boom");
        },
        42,
        { handle: live },
      ),
    ).toBe(42);
    live.breaker.reset();
  });
});

describe("Upstash REST mode with an unreachable endpoint", () => {
  it("constructs the REST client and degrades the same way", async () => {
    const log = collectingLogger();
    const upstash = createRedis({ upstashUrl: "http://127.0.0.1:6399", upstashToken: "test-token", prefix: "zbtest:", logger: log.logger });
    expect(upstash.mode).toBe("upstash");
    expect(upstash.key("cache", "list")).toBe("zbtest:cache:list");
    const { value, ms } = await timed(() => withRedis((redis) => redis.get("x"), "fallback", { handle: upstash }));
    expect(value).toBe("fallback");
    expect(ms).toBeLessThan(2_000);
    expect((await pingRedis({ handle: upstash })).status).toBe("down");
    await upstash.close();
  });
});

describe("memory mode", () => {
  it("pingRedis says none", async () => {
    const memory = createRedis({});
    expect(await pingRedis({ handle: memory })).toEqual({ status: "none", mode: "memory" });
    expect(await withRedis((redis) => redis.incr(memory.key("n")), 0, { handle: memory })).toBe(1);
  });
});
