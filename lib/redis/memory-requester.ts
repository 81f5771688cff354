import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";
import { MEMORY_MODE_COMMANDS } from "@/lib/redis/ports";

/**
 * An in-process stand-in for Redis, used when neither REDIS_URL nor Upstash is
 * configured (the demo, local development without Docker). It is a `Requester`
 * for the same `@upstash/redis` `Redis` class as the real back ends, so the
 * cache, session, token and stats code is identical in every mode. It answers
 * with Redis's RAW replies (the RESP2 shapes the Upstash REST API returns):
 * bulk strings as strings, integers as numbers, nil as null, arrays as arrays.
 *
 * It answers EXACTLY the commands the app's ports use (`MEMORY_MODE_COMMANDS`,
 * lib/redis/ports.ts), with the options they use; anything else is an error
 * reply naming the command or option. tests/integration/redis-memory-parity.test.ts
 * runs every one of them against the real Redis and this emulator and compares.
 *
 * Single process only: nothing is shared between instances or survives a
 * restart. TTLs are honoured lazily (an expired key is dropped when touched),
 * plus a cheap sweep every few thousand commands so the map cannot grow forever.
 * HyperLogLogs are exact here (a set); Redis's are estimates, exact for small counts.
 */

export type MemoryReply = string | number | null | MemoryReply[];

type Entry =
  | { type: "string"; value: string; expiresAt?: number }
  | { type: "hash"; value: Map<string, string>; expiresAt?: number }
  | { type: "set"; value: Set<string>; expiresAt?: number }
  | { type: "zset"; value: Map<string, number>; expiresAt?: number }
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
const ALLOWED = new Set(MEMORY_MODE_COMMANDS);

/** The error reply for a command the emulator does not answer. */
export function memoryUnknownCommand(name: string): string {
  return `ERR '${name}' is not available in memory mode: the in-process Redis answers only ${MEMORY_MODE_COMMANDS.join(", ")} (lib/redis/ports.ts)`;
}

class ReplyError extends Error {}

const WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
const NOT_INTEGER = "ERR value is not an integer or out of range";
const NOT_FLOAT = "ERR min or max is not a float";
const SYNTAX = "ERR syntax error";

function wrongArgs(name: string): ReplyError {
  return new ReplyError(`ERR wrong number of arguments for '${name.toLowerCase()}' command`);
}

function unsupported(name: string, option: string): ReplyError {
  return new ReplyError(`ERR option '${option}' of '${name}' is not available in memory mode (lib/redis/ports.ts)`);
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
  if (raw === undefined || !/^[+-]?\d+$/.test(raw)) throw new ReplyError(message);
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new ReplyError(message);
  return value;
}

/** A ZRANGE … BYSCORE bound: "1.5", "(1.5" (exclusive), "-inf", "+inf". */
function parseScoreBound(raw: string): { value: number; exclusive: boolean } {
  const exclusive = raw.startsWith("(");
  const text = (exclusive ? raw.slice(1) : raw).toLowerCase();
  if (text === "+inf" || text === "inf") return { value: Number.POSITIVE_INFINITY, exclusive };
  if (text === "-inf") return { value: Number.NEGATIVE_INFINITY, exclusive };
  if (text === "" || Number.isNaN(Number(text))) throw new ReplyError(NOT_FLOAT);
  return { value: Number(text), exclusive };
}

function parseScore(raw: string | undefined): number {
  const text = raw?.toLowerCase();
  if (text === "inf" || text === "+inf") return Number.POSITIVE_INFINITY;
  if (text === "-inf") return Number.NEGATIVE_INFINITY;
  if (text === undefined || text.trim() === "" || Number.isNaN(Number(text))) throw new ReplyError("ERR value is not a valid float");
  return Number(text);
}

/** Executes one command against a store. Throws ReplyError for Redis-level errors. */
export function executeMemoryCommand(store: MemoryStore, rawArgs: readonly unknown[], now = Date.now()): MemoryReply {
  const args = rawArgs.map(toArg);
  const name = (args[0] ?? "").toUpperCase();
  const a = args.slice(1);
  if (!ALLOWED.has(name)) throw new ReplyError(memoryUnknownCommand(name));

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
  const need = (min: number, shape?: "pairs" | "exact") => {
    if (a.length < min || (shape === "exact" && a.length !== min)) throw wrongArgs(name);
    if (shape === "pairs" && (a.length - 1) % 2 !== 0) throw wrongArgs(name);
  };
  /** The i-th argument after the command name; a missing one is a wrong-arity error (need() has normally caught it already). */
  const at = (i: number): string => {
    const value = a[i];
    if (value === undefined) throw wrongArgs(name);
    return value;
  };
  /** HyperLogLogs are strings to Redis: a key of another type gets its own WRONGTYPE message. */
  const hll = (k: string): Extract<Entry, { type: "hll" }> | undefined => {
    const entry = lookup(k);
    if (entry && entry.type !== "hll") throw new ReplyError("WRONGTYPE Key is not a valid HyperLogLog string value.");
    return entry;
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

  switch (name) {
    // ---- server (ServerInfo) ----
    case "PING":
      return a[0] ?? "PONG";
    case "INFO": {
      let keys = 0;
      let expires = 0;
      for (const k of [...store.data.keys()]) {
        const entry = lookup(k);
        if (!entry) continue;
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

    // ---- strings and keys ----
    case "GET":
      need(1, "exact");
      return typed(at(0), "string")?.value ?? null;
    case "SET": {
      // SET key value [NX | XX] [GET] [EX seconds | PX milliseconds]
      need(2);
      const [k, value] = [at(0), at(1)];
      let condition: "NX" | "XX" | undefined;
      let get = false;
      let expiresAt: number | undefined;
      for (let i = 2; i < a.length; i++) {
        const option = at(i).toUpperCase();
        if ((option === "NX" || option === "XX") && !condition) condition = option;
        else if (option === "GET" && !get) get = true;
        else if ((option === "EX" || option === "PX") && expiresAt === undefined) {
          const n = parseInteger(a[++i]);
          if (n <= 0) throw new ReplyError("ERR invalid expire time in 'set' command");
          expiresAt = now + (option === "EX" ? n * 1000 : n);
        } else if (["NX", "XX", "GET", "EX", "PX"].includes(option)) throw new ReplyError(SYNTAX);
        else throw unsupported(name, option);
      }
      const existing = lookup(k);
      if (get && existing && existing.type !== "string") throw new ReplyError(WRONGTYPE);
      const previous = existing?.type === "string" ? existing.value : null;
      if ((condition === "NX" && existing) || (condition === "XX" && !existing)) return get ? previous : null;
      store.data.set(k, expiresAt === undefined ? { type: "string", value } : { type: "string", value, expiresAt });
      return get ? previous : "OK";
    }
    case "GETDEL": {
      need(1, "exact");
      const entry = typed(at(0), "string");
      if (!entry) return null;
      store.data.delete(at(0));
      return entry.value;
    }
    case "MGET":
      need(1);
      return a.map((k) => {
        const entry = lookup(k);
        return entry?.type === "string" ? entry.value : null;
      });
    case "INCR":
      need(1, "exact");
      return incrBy(at(0), 1);
    case "INCRBY":
      need(2, "exact");
      return incrBy(at(0), parseInteger(a[1]));
    case "DEL": {
      need(1);
      let removed = 0;
      for (const k of a) if (lookup(k) && store.data.delete(k)) removed++;
      return removed;
    }
    case "EXPIRE": {
      // EXPIRE key seconds [NX]
      need(2);
      if (a.length > 3) throw wrongArgs(name);
      const seconds = parseInteger(a[1]);
      const option = a[2]?.toUpperCase();
      if (option !== undefined && option !== "NX") throw unsupported(name, option);
      const entry = lookup(at(0));
      if (!entry) return 0;
      if (option === "NX" && entry.expiresAt !== undefined) return 0;
      if (seconds <= 0) store.data.delete(at(0));
      else entry.expiresAt = now + seconds * 1000;
      return 1;
    }
    case "RENAME":
    case "RENAMENX": {
      // The stats roll-up moves the pending views hash aside with RENAMENX (lib/stats/roll-up-stats.ts).
      need(2, "exact");
      const entry = lookup(at(0));
      if (!entry) throw new ReplyError("ERR no such key");
      if (a[0] === a[1]) return name === "RENAME" ? "OK" : 0;
      if (name === "RENAMENX" && lookup(at(1))) return 0;
      store.data.delete(at(0));
      store.data.set(at(1), entry);
      return name === "RENAME" ? "OK" : 1;
    }

    // ---- hashes ----
    case "HGET":
      need(2, "exact");
      return typed(at(0), "hash")?.value.get(at(1)) ?? null;
    case "HSET": {
      need(3, "pairs");
      const entry = create(at(0), "hash");
      let added = 0;
      for (let i = 1; i < a.length; i += 2) {
        if (!entry.value.has(at(i))) added++;
        entry.value.set(at(i), at(i + 1));
      }
      return added;
    }
    case "HDEL": {
      need(2);
      const entry = typed(at(0), "hash");
      if (!entry) return 0;
      let removed = 0;
      for (const field of a.slice(1)) if (entry.value.delete(field)) removed++;
      dropIfEmpty(at(0), entry);
      return removed;
    }
    case "HGETALL": {
      need(1, "exact");
      const entry = typed(at(0), "hash");
      return entry ? [...entry.value.entries()].flat() : [];
    }
    case "HLEN":
      need(1, "exact");
      return typed(at(0), "hash")?.value.size ?? 0;
    case "HEXISTS":
      need(2, "exact");
      return typed(at(0), "hash")?.value.has(at(1)) ? 1 : 0;
    case "HINCRBY": {
      need(3, "exact");
      const delta = parseInteger(a[2]);
      const entry = typed(at(0), "hash");
      const raw = entry?.value.get(at(1));
      const current = raw === undefined ? 0 : parseInteger(raw, "ERR hash value is not an integer");
      const next = current + delta;
      if (!Number.isSafeInteger(next)) throw new ReplyError("ERR increment or decrement would overflow");
      create(at(0), "hash").value.set(at(1), String(next));
      return next;
    }

    // ---- sets ----
    case "SADD": {
      need(2);
      const entry = create(at(0), "set");
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
      const entry = typed(at(0), "set");
      if (!entry) return 0;
      let removed = 0;
      for (const member of a.slice(1)) if (entry.value.delete(member)) removed++;
      dropIfEmpty(at(0), entry);
      return removed;
    }
    case "SMEMBERS":
      need(1, "exact");
      return [...(typed(at(0), "set")?.value ?? [])];

    // ---- HyperLogLog (exact) ----
    case "PFADD": {
      need(1);
      let entry = hll(at(0));
      let changed = false;
      if (!entry) {
        entry = { type: "hll", value: new Set() };
        store.data.set(at(0), entry);
        changed = true;
      }
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
      for (const k of a) for (const element of hll(k)?.value ?? []) union.add(element);
      return union.size;
    }

    // ---- sorted sets ----
    case "ZADD": {
      // ZADD key score member [score member …] (no flags)
      need(3);
      if (["NX", "XX", "GT", "LT", "CH", "INCR"].includes(at(1).toUpperCase())) throw unsupported(name, at(1).toUpperCase());
      if ((a.length - 1) % 2 !== 0) throw new ReplyError(SYNTAX);
      // Every score is parsed before the key is touched: a bad one leaves the set unchanged.
      const pairs: [score: number, member: string][] = [];
      for (let j = 1; j < a.length; j += 2) pairs.push([parseScore(a[j]), at(j + 1)]);
      const entry = create(at(0), "zset");
      let added = 0;
      for (const [score, member] of pairs) {
        if (!entry.value.has(member)) added++;
        entry.value.set(member, score);
      }
      return added;
    }
    case "ZREM": {
      need(2);
      const entry = typed(at(0), "zset");
      if (!entry) return 0;
      let removed = 0;
      for (const member of a.slice(1)) if (entry.value.delete(member)) removed++;
      dropIfEmpty(at(0), entry);
      return removed;
    }
    case "ZRANGE": {
      // ZRANGE key start stop | ZRANGE key min max BYSCORE
      need(3);
      if (a.length > 4) throw unsupported(name, at(4).toUpperCase());
      const option = a[3]?.toUpperCase();
      const byScore = option !== undefined;
      if (option !== undefined && option !== "BYSCORE") throw unsupported(name, option);
      let min: { value: number; exclusive: boolean } | undefined;
      let max: { value: number; exclusive: boolean } | undefined;
      let start = 0;
      let stop = 0;
      if (byScore) [min, max] = [parseScoreBound(at(1)), parseScoreBound(at(2))];
      else [start, stop] = [parseInteger(a[1]), parseInteger(a[2])];
      const entry = typed(at(0), "zset");
      if (!entry) return [];
      const items = [...entry.value.entries()].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      if (min && max) {
        const [lo, hi] = [min, max];
        return items.filter(([, s]) => (lo.exclusive ? s > lo.value : s >= lo.value) && (hi.exclusive ? s < hi.value : s <= hi.value)).map(([m]) => m);
      }
      const len = items.length;
      if (start < 0) start = Math.max(len + start, 0);
      if (stop < 0) stop = len + stop;
      if (stop >= len) stop = len - 1;
      return start > stop || start >= len ? [] : items.slice(start, stop + 1).map(([m]) => m);
    }

    default:
      // Allowed by MEMORY_MODE_COMMANDS but not implemented here: the parity suite fails on it.
      throw new ReplyError(memoryUnknownCommand(name));
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
    // The Promise constructor turns anything thrown while answering into a rejection, as an async function would.
    request: <TResult = unknown>(req: UpstashRequest): Promise<UpstashResponse<TResult>> =>
      new Promise((resolve) => {
        resolve(respond<TResult>(store, req));
      }),
  };
}

function respond<TResult>(store: MemoryStore, req: UpstashRequest): UpstashResponse<TResult> {
  const path = req.path ?? [];
  if (path.length === 0) return answer(store, req.body) as UpstashResponse<TResult>;
  if (path[0] === "pipeline" || path[0] === "multi-exec") {
    const commands = Array.isArray(req.body) ? (req.body as unknown[]) : [];
    if (path[0] === "multi-exec") {
      // Like Redis, a command that cannot even be queued discards the whole transaction.
      const refused = commands.map((command) => (Array.isArray(command) ? String(command[0] ?? "").toUpperCase() : "")).find((name) => !ALLOWED.has(name));
      if (refused !== undefined) {
        const message = `EXECABORT Transaction discarded because of previous errors: ${memoryUnknownCommand(refused)}`;
        return commands.map(() => ({ error: message })) as unknown as UpstashResponse<TResult>;
      }
    }
    return commands.map((command) => answer(store, command)) as unknown as UpstashResponse<TResult>;
  }
  return { error: `ERR unsupported request path in memory mode: ${path.join("/")}` };
}
