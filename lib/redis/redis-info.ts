import { getRoleHandle, type RedisHandle, type RedisRole } from "@/lib/redis/client";
import type { ServerInfo } from "@/lib/redis/ports";
import { withRedis } from "@/lib/redis/resilience";

/**
 * Redis `INFO`, for the admin System page: memory used and limit, eviction
 * policy, keyspace hit ratio, connected clients. Sent as a raw command through
 * the one `@upstash/redis` client (`redis.exec`), so it works over TCP; the
 * in-process memory store answers a reduced INFO, and Upstash REST may refuse
 * it — then the figures are "not available", never an error.
 */

export type TRedisInfo = {
  version: string | null;
  /** used_memory in bytes, and Redis's own human form (e.g. "1.52M"). */
  usedMemoryBytes: number | null;
  usedMemoryHuman: string | null;
  /** maxmemory in bytes; 0 means no limit. */
  maxMemoryBytes: number | null;
  maxMemoryHuman: string | null;
  evictionPolicy: string | null;
  keyspaceHits: number | null;
  keyspaceMisses: number | null;
  /** hits / (hits + misses), 0–1; null when unknown or no lookups yet. */
  hitRatio: number | null;
  connectedClients: number | null;
  /** Keys in all databases (every prefix on this server). */
  keys: number | null;
  uptimeSeconds: number | null;
};

export type TRedisInfoResult = { available: true; info: TRedisInfo } | { available: false; reason: string };

/** "key:value" lines of an INFO reply, sections and comments skipped. */
export function parseInfoLines(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon < 1) continue;
    fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return fields;
}

function numberOrNull(value: string | undefined): number | null {
  if (value === undefined || value === "") return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** The figures the System page shows, from the text of an INFO reply. */
export function parseRedisInfo(text: string): TRedisInfo {
  const fields = parseInfoLines(text);
  const hits = numberOrNull(fields.get("keyspace_hits"));
  const misses = numberOrNull(fields.get("keyspace_misses"));
  let keys: number | null = null;
  for (const [name, value] of fields) {
    // db0:keys=12,expires=3,avg_ttl=0
    const match = /^db\d+$/.test(name) ? /(?:^|,)keys=(\d+)/.exec(value) : null;
    if (match) keys = (keys ?? 0) + Number(match[1]);
  }
  return {
    version: fields.get("redis_version") ?? null,
    usedMemoryBytes: numberOrNull(fields.get("used_memory")),
    usedMemoryHuman: fields.get("used_memory_human") ?? null,
    maxMemoryBytes: numberOrNull(fields.get("maxmemory")),
    maxMemoryHuman: fields.get("maxmemory_human") ?? null,
    evictionPolicy: fields.get("maxmemory_policy") ?? null,
    keyspaceHits: hits,
    keyspaceMisses: misses,
    hitRatio: hits !== null && misses !== null && hits + misses > 0 ? hits / (hits + misses) : null,
    connectedClients: numberOrNull(fields.get("connected_clients")),
    keys,
    uptimeSeconds: numberOrNull(fields.get("uptime_in_seconds")),
  };
}

/** Runs INFO (bounded by `timeoutMs`, default 1000 ms; skipped while the circuit breaker is open). Never throws. */
export async function getRedisInfo(options: { handle?: RedisHandle; role?: RedisRole; timeoutMs?: number } = {}): Promise<TRedisInfoResult> {
  let handle: RedisHandle;
  try {
    handle = options.handle ?? getRoleHandle(options.role);
  } catch {
    return { available: false, reason: "Redis is not configured correctly." };
  }
  const reply = await withRedis((redis: ServerInfo) => redis.exec<unknown>(["INFO"]), null, { handle, timeoutMs: options.timeoutMs ?? 1_000, label: "INFO" });
  if (typeof reply !== "string" || !reply.includes(":")) {
    return { available: false, reason: handle.breaker.isOpen() ? "Redis does not answer." : "This Redis does not answer INFO." };
  }
  return { available: true, info: parseRedisInfo(reply) };
}
