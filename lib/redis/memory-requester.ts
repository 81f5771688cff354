import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";

/**
 * An in-process stand-in for Redis, used when neither REDIS_URL nor Upstash is
 * configured (the demo, local development without Docker). It is a `Requester`
 * for the same `@upstash/redis` `Redis` class as the real back ends, so app
 * code is identical in every mode. It answers with Redis's RAW replies (the
 * RESP2 shapes the Upstash REST API returns): bulk strings as strings, integers
 * as numbers, nil as null, arrays as arrays. `@upstash/redis` then does its
 * usual deserialisation on top.
 *
 * Single process only: nothing is shared between instances or survives a
 * restart. TTLs are honoured lazily (an expired key is dropped when touched),
 * plus a cheap sweep every few thousand commands so the map cannot grow forever.
 *
 * Not supported: Lua (EVAL/EVALSHA/SCRIPT), lists, streams, pub/sub. Unknown
 * commands answer `{ error: "ERR unknown command in memory mode" }`.
 */

export type MemoryReply = string | number | null | MemoryReply[];

type Entry =
  | { type: "string"; value: string; expiresAt?: number }
  | { type: "hash"; value: Map<string, string>; expiresAt?: number }
  | { type: "set"; value: Set<string>; expiresAt?: number }
  | { type: "zset"; value: Map<string, number>; expiresAt?: number }
  // HyperLogLogs are exact here (a Set); real Redis stores them as strings.
  | { type: "hll"; value: Set<string>; expiresAt?: number };

type EntryType = Entry["type"];

/** The data of one in-memory "server". Share one store between requesters to share data. */
export class MemoryStore {
  readonly data = new Map<string, Entry>();
  commandsSinceSweep = 0;

  clear(): void {
    this.data.clear();
  }
}

const SWEEP_EVERY = 5_000;
export const MEMORY_UNKNOWN_COMMAND = "ERR unknown command in memory mode";

class ReplyError extends Error {}

const WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
const NOT_INTEGER = "ERR value is not an integer or out of range";
const NOT_FLOAT = "ERR value is not a valid float";
const SYNTAX = "ERR syntax error";

function wrongArgs(name: string): ReplyError {
  return new ReplyError(`ERR wrong number of arguments for '${name.toLowerCase()}' command`);
}

function toArg(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    if (value === Number.POSITIVE_INFINITY) return "+inf";
    if (value === Number.NEGATIVE_INFINITY) return "-inf";
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null || value === undefined) return "";
  return JSON.stringify(value);
}

function parseInteger(raw: string | undefined, message = NOT_INTEGER): number {
  if (raw === undefined || !/^[+-]?\d+$/.test(raw.trim())) throw new ReplyError(message);
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new ReplyError(message);
  return value;
}

function parseFloatArg(raw: string | undefined): number {
  if (raw === undefined) throw new ReplyError(NOT_FLOAT);
  const lower = raw.trim().toLowerCase();
  if (lower === "inf" || lower === "+inf" || lower === "infinity" || lower === "+infinity") return Number.POSITIVE_INFINITY;
  if (lower === "-inf" || lower === "-infinity") return Number.NEGATIVE_INFINITY;
  if (lower === "" || Number.isNaN(Number(lower))) throw new ReplyError(NOT_FLOAT);
  return Number(lower);
}

function formatScore(score: number): string {
  if (score === Number.POSITIVE_INFINITY) return "inf";
  if (score === Number.NEGATIVE_INFINITY) return "-inf";
  return String(score);
}

/** Redis glob-style pattern (`*`, `?`, `[abc]`, `[^a]`, `[a-z]`, `\x`) → RegExp. */
export function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else if (ch === "\\" && i + 1 < pattern.length) {
      i++;
      source += escapeRegExp(pattern[i]!);
    } else if (ch === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close === -1) {
        source += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, close);
      let negate = false;
      if (body.startsWith("^")) {
        negate = true;
        body = body.slice(1);
      }
      const cls = body.replace(/[\]\\^]/g, (c) => `\\${c}`);
      source += `[${negate ? "^" : ""}${cls}]`;
      i = close;
    } else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, "s");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** Executes one command against a store. Throws ReplyError for Redis-level errors. */
export function executeMemoryCommand(store: MemoryStore, rawArgs: readonly unknown[], now = Date.now()): MemoryReply {
  const args = rawArgs.map(toArg);
  const name = (args[0] ?? "").toUpperCase();
  const a = args.slice(1);

  if (++store.commandsSinceSweep >= SWEEP_EVERY) {
    store.commandsSinceSweep = 0;
    for (const [k, entry] of store.data) if (entry.expiresAt !== undefined && entry.expiresAt <= now) store.data.delete(k);
  }

  const lookup = (k: string): Entry | undefined => {
    const entry = store.data.get(k);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= now) {
      store.data.delete(k);
      return undefined;
    }
    return entry;
  };
  function typed<T extends EntryType>(k: string, type: T): Extract<Entry, { type: T }> | undefined {
    const entry = lookup(k);
    if (!entry) return undefined;
    if (entry.type !== type) throw new ReplyError(WRONGTYPE);
    return entry as Extract<Entry, { type: T }>;
  }
  function create<T extends EntryType>(k: string, type: T): Extract<Entry, { type: T }> {
    const existing = typed(k, type);
    if (existing) return existing;
    const value = type === "hash" || type === "zset" ? new Map() : new Set();
    const entry = { type, value } as unknown as Extract<Entry, { type: T }>;
    store.data.set(k, entry);
    return entry;
  }
  const need = (min: number, even?: "pairs") => {
    if (a.length < min) throw wrongArgs(name);
    if (even === "pairs" && (a.length - 1) % 2 !== 0) throw wrongArgs(name);
  };
  const dropIfEmpty = (k: string, entry: Entry) => {
    if (entry.type !== "string" && entry.value.size === 0) store.data.delete(k);
  };
  const incrBy = (k: string, delta: number): number => {
    const entry = typed(k, "string");
    const current = entry ? parseInteger(entry.value) : 0;
    const next = current + delta;
    if (!Number.isSafeInteger(next)) throw new ReplyError("ERR increment or decrement would overflow");
    if (entry) entry.value = String(next);
    else store.data.set(k, { type: "string", value: String(next) });
    return next;
  };
  const expire = (k: string, ms: number, option: string | undefined): number => {
    const entry = lookup(k);
    if (!entry) return 0;
    const opt = option?.toUpperCase();
    const current = entry.expiresAt;
    const target = now + ms;
    if (opt === "NX" && current !== undefined) return 0;
    if (opt === "XX" && current === undefined) return 0;
    if (opt === "GT" && (current === undefined || target <= current)) return 0;
    if (opt === "LT" && current !== undefined && target >= current) return 0;
    if (opt !== undefined && !["NX", "XX", "GT", "LT"].includes(opt)) throw new ReplyError(`ERR Unsupported option ${option}`);
    if (ms <= 0) store.data.delete(k);
    else entry.expiresAt = target;
    return 1;
  };
  const ttl = (k: string): number => {
    const entry = lookup(k);
    if (!entry) return -2;
    if (entry.expiresAt === undefined) return -1;
    return entry.expiresAt - now;
  };
  const zsorted = (entry: Extract<Entry, { type: "zset" }>): Array<[string, number]> =>
    [...entry.value.entries()].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));

  switch (name) {
    case "PING":
      return a.length > 0 ? a[0]! : "PONG";
    case "ECHO":
      need(1);
      return a[0]!;
    case "INFO": {
      let keys = 0;
      let expires = 0;
      for (const [k, entry] of store.data) {
        if (!lookup(k)) continue;
        keys++;
        if (entry.expiresAt !== undefined) expires++;
      }
      return [
        "# Server",
        "redis_version:memory",
        "redis_mode:standalone",
        "zb_mode:in-process-memory",
        "",
        "# Keyspace",
        `db0:keys=${keys},expires=${expires},avg_ttl=0`,
        "",
      ].join("\r\n");
    }
    case "DBSIZE": {
      let count = 0;
      for (const k of [...store.data.keys()]) if (lookup(k)) count++;
      return count;
    }
    case "FLUSHDB":
    case "FLUSHALL":
      store.clear();
      return "OK";
    case "TYPE": {
      need(1);
      const entry = lookup(a[0]!);
      if (!entry) return "none";
      return entry.type === "hll" ? "string" : entry.type;
    }

    // ---- strings ----
    case "GET": {
      need(1);
      return typed(a[0]!, "string")?.value ?? null;
    }
    case "SET": {
      need(2);
      const [k, value] = [a[0]!, a[1]!];
      let nx = false;
      let xx = false;
      let get = false;
      let keepTtl = false;
      let expiresAt: number | undefined;
      for (let i = 2; i < a.length; i++) {
        const opt = a[i]!.toUpperCase();
        if (opt === "NX") nx = true;
        else if (opt === "XX") xx = true;
        else if (opt === "GET") get = true;
        else if (opt === "KEEPTTL") keepTtl = true;
        else if (opt === "EX" || opt === "PX" || opt === "EXAT" || opt === "PXAT") {
          const n = parseInteger(a[++i]);
          if (n <= 0) throw new ReplyError("ERR invalid expire time in 'set' command");
          expiresAt = opt === "EX" ? now + n * 1000 : opt === "PX" ? now + n : opt === "EXAT" ? n * 1000 : n;
        } else throw new ReplyError(SYNTAX);
      }
      if (nx && xx) throw new ReplyError(SYNTAX);
      const existing = lookup(k);
      if (get && existing && existing.type !== "string") throw new ReplyError(WRONGTYPE);
      const previous = existing?.type === "string" ? existing.value : null;
      if ((nx && existing) || (xx && !existing)) return get ? previous : null;
      const entry: Entry = { type: "string", value };
      if (expiresAt !== undefined) entry.expiresAt = expiresAt;
      else if (keepTtl && existing?.expiresAt !== undefined) entry.expiresAt = existing.expiresAt;
      store.data.set(k, entry);
      return get ? previous : "OK";
    }
    case "SETEX":
    case "PSETEX": {
      need(3);
      const n = parseInteger(a[1]);
      if (n <= 0) throw new ReplyError(`ERR invalid expire time in '${name.toLowerCase()}' command`);
      store.data.set(a[0]!, { type: "string", value: a[2]!, expiresAt: now + (name === "SETEX" ? n * 1000 : n) });
      return "OK";
    }
    case "GETDEL": {
      need(1);
      const entry = typed(a[0]!, "string");
      if (!entry) return null;
      store.data.delete(a[0]!);
      return entry.value;
    }
    case "MGET": {
      need(1);
      return a.map((k) => {
        const entry = lookup(k);
        return entry?.type === "string" ? entry.value : null;
      });
    }
    case "MSET": {
      if (a.length === 0 || a.length % 2 !== 0) throw wrongArgs(name);
      for (let i = 0; i < a.length; i += 2) store.data.set(a[i]!, { type: "string", value: a[i + 1]! });
      return "OK";
    }
    case "INCR":
      need(1);
      return incrBy(a[0]!, 1);
    case "DECR":
      need(1);
      return incrBy(a[0]!, -1);
    case "INCRBY":
      need(2);
      return incrBy(a[0]!, parseInteger(a[1]));
    case "DECRBY":
      need(2);
      return incrBy(a[0]!, -parseInteger(a[1]));

    // ---- keys ----
    case "DEL":
    case "UNLINK": {
      need(1);
      let removed = 0;
      for (const k of a) if (lookup(k) && store.data.delete(k)) removed++;
      return removed;
    }
    case "RENAME":
    case "RENAMENX": {
      // The stats roll-up moves the pending views hash aside with RENAMENX (lib/stats/roll-up-stats.ts).
      need(2);
      const entry = lookup(a[0]!);
      if (!entry) throw new ReplyError("ERR no such key");
      if (a[0] === a[1]) return name === "RENAME" ? "OK" : 0;
      if (name === "RENAMENX" && lookup(a[1]!)) return 0;
      store.data.delete(a[0]!);
      store.data.set(a[1]!, entry);
      return name === "RENAME" ? "OK" : 1;
    }
    case "EXISTS": {
      need(1);
      return a.filter((k) => lookup(k) !== undefined).length;
    }
    case "EXPIRE":
      need(2);
      return expire(a[0]!, parseInteger(a[1]) * 1000, a[2]);
    case "PEXPIRE":
      need(2);
      return expire(a[0]!, parseInteger(a[1]), a[2]);
    case "TTL": {
      need(1);
      const ms = ttl(a[0]!);
      return ms < 0 ? ms : Math.round(ms / 1000);
    }
    case "PTTL":
      need(1);
      return ttl(a[0]!);
    case "PERSIST": {
      need(1);
      const entry = lookup(a[0]!);
      if (!entry || entry.expiresAt === undefined) return 0;
      delete entry.expiresAt;
      return 1;
    }
    case "KEYS": {
      need(1);
      const re = globToRegExp(a[0]!);
      return [...store.data.keys()].filter((k) => re.test(k) && lookup(k) !== undefined);
    }
    case "SCAN": {
      need(1);
      parseInteger(a[0], "ERR invalid cursor");
      let re: RegExp | undefined;
      let type: string | undefined;
      for (let i = 1; i < a.length; i++) {
        const opt = a[i]!.toUpperCase();
        if (opt === "MATCH") re = globToRegExp(a[++i] ?? "*");
        else if (opt === "COUNT") parseInteger(a[++i]);
        else if (opt === "TYPE") type = (a[++i] ?? "").toLowerCase();
        else throw new ReplyError(SYNTAX);
      }
      // One pass returns everything, so the cursor is always "0" (finished).
      const keys = [...store.data.keys()].filter((k) => {
        const entry = lookup(k);
        if (!entry) return false;
        if (re && !re.test(k)) return false;
        if (type && (entry.type === "hll" ? "string" : entry.type) !== type) return false;
        return true;
      });
      return ["0", keys];
    }

    // ---- hashes ----
    case "HGET": {
      need(2);
      return typed(a[0]!, "hash")?.value.get(a[1]!) ?? null;
    }
    case "HSET":
    case "HMSET": {
      need(3, "pairs");
      const entry = create(a[0]!, "hash");
      let added = 0;
      for (let i = 1; i < a.length; i += 2) {
        if (!entry.value.has(a[i]!)) added++;
        entry.value.set(a[i]!, a[i + 1]!);
      }
      return name === "HMSET" ? "OK" : added;
    }
    case "HSETNX": {
      need(3);
      const entry = create(a[0]!, "hash");
      if (entry.value.has(a[1]!)) return 0;
      entry.value.set(a[1]!, a[2]!);
      return 1;
    }
    case "HDEL": {
      need(2);
      const entry = typed(a[0]!, "hash");
      if (!entry) return 0;
      let removed = 0;
      for (const field of a.slice(1)) if (entry.value.delete(field)) removed++;
      dropIfEmpty(a[0]!, entry);
      return removed;
    }
    case "HGETALL": {
      need(1);
      const entry = typed(a[0]!, "hash");
      return entry ? [...entry.value.entries()].flat() : [];
    }
    case "HMGET": {
      need(2);
      const entry = typed(a[0]!, "hash");
      return a.slice(1).map((field) => entry?.value.get(field) ?? null);
    }
    case "HEXISTS":
      need(2);
      return typed(a[0]!, "hash")?.value.has(a[1]!) ? 1 : 0;
    case "HKEYS":
      need(1);
      return [...(typed(a[0]!, "hash")?.value.keys() ?? [])];
    case "HVALS":
      need(1);
      return [...(typed(a[0]!, "hash")?.value.values() ?? [])];
    case "HLEN":
      need(1);
      return typed(a[0]!, "hash")?.value.size ?? 0;
    case "HINCRBY": {
      need(3);
      const delta = parseInteger(a[2]);
      const entry = create(a[0]!, "hash");
      const raw = entry.value.get(a[1]!);
      const current = raw === undefined ? 0 : parseInteger(raw, "ERR hash value is not an integer");
      const next = current + delta;
      entry.value.set(a[1]!, String(next));
      return next;
    }

    // ---- HyperLogLog (exact) ----
    case "PFADD": {
      need(1);
      const existed = typed(a[0]!, "hll") !== undefined;
      const entry = create(a[0]!, "hll");
      let changed = !existed;
      for (const element of a.slice(1)) {
        if (!entry.value.has(element)) {
          entry.value.add(element);
          changed = true;
        }
      }
      return changed ? 1 : 0;
    }
    case "PFCOUNT": {
      need(1);
      const union = new Set<string>();
      for (const k of a) for (const element of typed(k, "hll")?.value ?? []) union.add(element);
      return union.size;
    }
    case "PFMERGE": {
      need(1);
      const target = create(a[0]!, "hll");
      for (const k of a.slice(1)) for (const element of typed(k, "hll")?.value ?? []) target.value.add(element);
      return "OK";
    }

    // ---- sets ----
    case "SADD": {
      need(2);
      const entry = create(a[0]!, "set");
      let added = 0;
      for (const member of a.slice(1)) {
        if (!entry.value.has(member)) {
          entry.value.add(member);
          added++;
        }
      }
      return added;
    }
    case "SREM": {
      need(2);
      const entry = typed(a[0]!, "set");
      if (!entry) return 0;
      let removed = 0;
      for (const member of a.slice(1)) if (entry.value.delete(member)) removed++;
      dropIfEmpty(a[0]!, entry);
      return removed;
    }
    case "SMEMBERS":
      need(1);
      return [...(typed(a[0]!, "set")?.value ?? [])];
    case "SCARD":
      need(1);
      return typed(a[0]!, "set")?.value.size ?? 0;
    case "SISMEMBER":
      need(2);
      return typed(a[0]!, "set")?.value.has(a[1]!) ? 1 : 0;

    // ---- sorted sets ----
    case "ZADD": {
      need(3);
      const flags = new Set<string>();
      let i = 1;
      while (i < a.length && ["NX", "XX", "GT", "LT", "CH", "INCR"].includes(a[i]!.toUpperCase())) flags.add(a[i++]!.toUpperCase());
      const pairs = a.slice(i);
      if (pairs.length === 0 || pairs.length % 2 !== 0) throw new ReplyError(SYNTAX);
      if (flags.has("NX") && (flags.has("XX") || flags.has("GT") || flags.has("LT")))
        throw new ReplyError("ERR XX and NX options at the same time are not compatible");
      if (flags.has("GT") && flags.has("LT")) throw new ReplyError("ERR GT, LT, and/or NX options at the same time are not compatible");
      if (flags.has("INCR") && pairs.length !== 2) throw new ReplyError("ERR INCR option supports a single increment-element pair");
      const scores = pairs.filter((_, j) => j % 2 === 0).map(parseFloatArg);
      const existing = typed(a[0]!, "zset");
      if (!existing && flags.has("XX")) return flags.has("INCR") ? null : 0;
      const entry = create(a[0]!, "zset");
      let added = 0;
      let changed = 0;
      let incrResult: number | null = null;
      for (let j = 0; j < pairs.length; j += 2) {
        const member = pairs[j + 1]!;
        const old = entry.value.get(member);
        let score = scores[j / 2]!;
        if (old !== undefined && flags.has("NX")) continue;
        if (old === undefined && flags.has("XX")) continue;
        if (flags.has("INCR")) score = (old ?? 0) + score;
        if (old !== undefined && flags.has("GT") && !(score > old)) continue;
        if (old !== undefined && flags.has("LT") && !(score < old)) continue;
        if (old === undefined) added++;
        else if (old !== score) changed++;
        entry.value.set(member, score);
        incrResult = score;
      }
      dropIfEmpty(a[0]!, entry);
      if (flags.has("INCR")) return incrResult === null ? null : formatScore(incrResult);
      return flags.has("CH") ? added + changed : added;
    }
    case "ZINCRBY": {
      need(3);
      const delta = parseFloatArg(a[1]);
      const entry = create(a[0]!, "zset");
      const next = (entry.value.get(a[2]!) ?? 0) + delta;
      entry.value.set(a[2]!, next);
      return formatScore(next);
    }
    case "ZSCORE": {
      need(2);
      const score = typed(a[0]!, "zset")?.value.get(a[1]!);
      return score === undefined ? null : formatScore(score);
    }
    case "ZREM": {
      need(2);
      const entry = typed(a[0]!, "zset");
      if (!entry) return 0;
      let removed = 0;
      for (const member of a.slice(1)) if (entry.value.delete(member)) removed++;
      dropIfEmpty(a[0]!, entry);
      return removed;
    }
    case "ZCARD":
      need(1);
      return typed(a[0]!, "zset")?.value.size ?? 0;
    case "ZRANGE":
    case "ZREVRANGE": {
      need(3);
      let byScore = false;
      let rev = name === "ZREVRANGE";
      let withScores = false;
      let limit: [number, number] | undefined;
      for (let i = 3; i < a.length; i++) {
        const opt = a[i]!.toUpperCase();
        if (opt === "BYSCORE" && name === "ZRANGE") byScore = true;
        else if (opt === "REV" && name === "ZRANGE") rev = true;
        else if (opt === "WITHSCORES") withScores = true;
        else if (opt === "LIMIT" && name === "ZRANGE") limit = [parseInteger(a[++i]), parseInteger(a[++i])];
        else if (opt === "BYLEX") throw new ReplyError("ERR BYLEX is not supported in memory mode");
        else throw new ReplyError(SYNTAX);
      }
      if (limit && !byScore) throw new ReplyError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
      const entry = typed(a[0]!, "zset");
      if (!entry) return [];
      let items = zsorted(entry);
      if (rev) items.reverse();
      if (byScore) {
        const parseBound = (raw: string) => {
          const exclusive = raw.startsWith("(");
          return { value: parseFloatArg(exclusive ? raw.slice(1) : raw), exclusive };
        };
        // With REV the first bound is the max.
        const first = parseBound(a[1]!);
        const second = parseBound(a[2]!);
        const [min, max] = rev ? [second, first] : [first, second];
        items = items.filter(
          ([, s]) => (min.exclusive ? s > min.value : s >= min.value) && (max.exclusive ? s < max.value : s <= max.value),
        );
        if (limit) {
          const [offset, count] = limit;
          items = offset < 0 ? [] : items.slice(offset, count < 0 ? undefined : offset + count);
        }
      } else {
        const len = items.length;
        let start = parseInteger(a[1]);
        let stop = parseInteger(a[2]);
        if (start < 0) start = Math.max(len + start, 0);
        if (stop < 0) stop = len + stop;
        if (stop >= len) stop = len - 1;
        items = start > stop || start >= len ? [] : items.slice(start, stop + 1);
      }
      return withScores ? items.flatMap(([m, s]) => [m, formatScore(s)]) : items.map(([m]) => m);
    }

    default:
      throw new ReplyError(MEMORY_UNKNOWN_COMMAND);
  }
}

function answer(store: MemoryStore, command: unknown): UpstashResponse<unknown> {
  if (!Array.isArray(command) || command.length === 0) return { error: "ERR empty command" };
  try {
    return { result: executeMemoryCommand(store, command) };
  } catch (error) {
    if (error instanceof ReplyError) return { error: error.message };
    return { error: `ERR ${error instanceof Error ? error.message : String(error)}` };
  }
}

export interface MemoryRequesterOptions {
  /** Share a store between requesters (the app singleton keeps one on globalThis). */
  store?: MemoryStore;
}

export type MemoryRequester = Requester & { readonly store: MemoryStore };

export function createMemoryRequester(options: MemoryRequesterOptions = {}): MemoryRequester {
  const store = options.store ?? new MemoryStore();
  return {
    store,
    // Commands run synchronously, so a "multi-exec" batch is atomic for free.
    request: async <TResult = unknown>(req: UpstashRequest): Promise<UpstashResponse<TResult>> => {
      const path = req.path ?? [];
      if (path.length === 0) return answer(store, req.body) as UpstashResponse<TResult>;
      if (path[0] === "pipeline" || path[0] === "multi-exec") {
        const commands = Array.isArray(req.body) ? (req.body as unknown[]) : [];
        return commands.map((command) => answer(store, command)) as unknown as UpstashResponse<TResult>;
      }
      return { error: `ERR unsupported request path in memory mode: ${path.join("/")}` };
    },
  };
}
