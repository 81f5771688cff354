import { createRedis, MemoryStore, type RedisHandle } from "@/lib/redis";

/**
 * Looking at what a handle stored, in both modes. Memory mode's emulator
 * answers only the commands the app uses (no KEYS, TYPE, TTL or EXISTS), so
 * there the tests read the in-process store itself.
 */

const stores = new WeakMap<RedisHandle, MemoryStore>();

/** A memory-mode handle of its own whose data `inspectRedis` can read. */
export function createMemoryHandle(prefix: string): RedisHandle {
  const store = new MemoryStore();
  const handle = createRedis({ prefix, memoryStore: store });
  stores.set(handle, store);
  return handle;
}

export type TRedisInspector = {
  /** Every key under the handle's prefix. */
  keys(): Promise<string[]>;
  /** "string" (HyperLogLogs too), "hash", "set", "zset" or "none". */
  type(key: string): Promise<string>;
  /** Seconds to live; -1 without a TTL, -2 when there is no such key. */
  ttl(key: string): Promise<number>;
  exists(...keys: string[]): Promise<number>;
  /** Deletes every key under the handle's prefix. */
  clear(): Promise<void>;
};

export function inspectRedis(h: RedisHandle): TRedisInspector {
  if (h.mode !== "memory") {
    const keys = () => h.redis.keys(`${h.prefix}*`);
    return {
      keys,
      type: (key) => h.redis.type(key),
      ttl: (key) => h.redis.ttl(key),
      exists: (...keys) => h.redis.exists(...keys),
      clear: async () => {
        const found = await keys();
        if (found.length > 0) await h.redis.del(...found);
      },
    };
  }
  const store = stores.get(h);
  if (!store) throw new Error("inspectRedis: make the memory handle with createMemoryHandle()");
  const live = (key: string) => {
    const entry = store.data.get(key);
    return entry && (entry.expiresAt === undefined || entry.expiresAt > Date.now()) ? entry : undefined;
  };
  // The store is in-process: each answer is ready at once, wrapped in a promise to match the Redis-mode inspector.
  const keys = () => Promise.resolve([...store.data.keys()].filter((key) => key.startsWith(h.prefix) && live(key)));
  return {
    keys,
    type: (key) => {
      const entry = live(key);
      return Promise.resolve(!entry ? "none" : entry.type === "hll" ? "string" : entry.type);
    },
    ttl: (key) => {
      const entry = live(key);
      if (!entry) return Promise.resolve(-2);
      return Promise.resolve(entry.expiresAt === undefined ? -1 : Math.round((entry.expiresAt - Date.now()) / 1000));
    },
    exists: (...names) => Promise.resolve(names.filter((key) => live(key)).length),
    clear: async () => {
      for (const key of await keys()) store.data.delete(key);
    },
  };
}
