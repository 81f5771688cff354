import { getEnv } from "@/lib/env";
import { getRedis, key, withCacheRedis, type WithRedisOptions } from "@/lib/redis";
import type { CacheStore } from "@/lib/redis/ports";
import { CACHE_BUCKETS, PAGE_CACHE_CHANGE_LOG_KEY, PAGE_CACHE_GENERATION_KEY, PAGE_CHANGE_LOG_LENGTH, type TCacheBucket, type TChangeKind } from "./policies";

/**
 * Values are stored as JSON of { v: value }: the Upstash client decodes JSON
 * replies by itself, and the envelope keeps strings (feeds) and objects
 * (listings) apart, so a cached value comes back exactly as the loader made it.
 */
type TEnvelope<T> = { v: T };

/** The envelope of a cache hit: stored JSON (a string, or already parsed by the client), or null for a miss or anything unreadable. */
function unwrap<T>(hit: unknown): TEnvelope<T> | null {
  try {
    const envelope = typeof hit === "string" ? (JSON.parse(hit) as unknown) : hit;
    return envelope !== null && typeof envelope === "object" && "v" in envelope ? (envelope as TEnvelope<T>) : null;
  } catch {
    return null; // an unreadable entry is a miss
  }
}

/**
 * Cache work through the cache store port (lib/redis/ports.ts) on the cache
 * role's Redis (`withCacheRedis`): bounded, falls back, never throws.
 */
function withCache<T>(operation: (cache: CacheStore) => Promise<T>, fallback: T, options?: Omit<WithRedisOptions, "role">): Promise<T> {
  return withCacheRedis(operation, fallback, options);
}

/** Counters for tests and /admin/system: how often the cache answered. */
export const cacheCounters = { hits: 0, misses: 0 };

function bucketKey(bucket: TCacheBucket): string {
  return key(CACHE_BUCKETS[bucket].hash);
}

/**
 * Read-through cache: answer from Redis when the entry is there, otherwise run
 * the loader (PostgreSQL) and store its JSON. Redis trouble never fails the
 * request: every Redis call is bounded by a short timeout and falls back to
 * the loader.
 */
export async function cached<T>(bucket: TCacheBucket, field: string, loader: () => Promise<T>): Promise<T> {
  if (!getEnv().CACHE_ENABLED) return loader();
  const envelope = unwrap<T>(await readFromBucket<unknown>(bucket, field));
  if (envelope) {
    cacheCounters.hits++;
    return envelope.v;
  }
  cacheCounters.misses++;
  const value = await loader();
  await putInBucket(bucket, field, JSON.stringify({ v: value } satisfies TEnvelope<T>));
  return value;
}

/** One entry of a bucket, or null (missing, or Redis unavailable: never throws). */
export async function readFromBucket<T>(bucket: TCacheBucket, field: string, { timeoutMs }: { timeoutMs?: number } = {}): Promise<T | null> {
  return withCache((redis) => redis.hget<T>(bucketKey(bucket), field), null, { timeoutMs });
}

/** Stores one entry in a bucket (never throws: Redis trouble only means no cache). */
export async function putInBucket(bucket: TCacheBucket, field: string, json: string, { timeoutMs }: { timeoutMs?: number } = {}): Promise<void> {
  const hash = bucketKey(bucket);
  await withCache(
    async (redis) => {
      const pipeline = redis.pipeline();
      pipeline.hset(hash, { [field]: json });
      // The TTL is set when the bucket is created, so a busy bucket still empties itself.
      pipeline.expire(hash, CACHE_BUCKETS[bucket].ttlSeconds, "NX");
      await pipeline.exec();
      return true;
    },
    false,
    { timeoutMs },
  );
}

/** A bounded bucket's running total of stored bytes, kept in the hash itself (so it expires and is deleted with it). */
export const BUCKET_BYTES_FIELD = "#bytes";

/**
 * Stores one entry in a bucket only while the bucket holds fewer than
 * `maxEntries` entries and `maxBytes` bytes (field + value): a full bucket
 * refuses new entries until its TTL (or an invalidation) empties it. Two round
 * trips, no Lua (the in-memory requester of the demo runs none): concurrent
 * stores can overshoot by at most their number. Returns whether it stored.
 */
export async function putInBoundedBucket(
  bucket: TCacheBucket,
  field: string,
  json: string,
  { maxEntries, maxBytes, timeoutMs }: { maxEntries: number; maxBytes: number; timeoutMs?: number },
): Promise<boolean> {
  const hash = bucketKey(bucket);
  const size = Buffer.byteLength(field) + Buffer.byteLength(json);
  if (size > maxBytes) return false;
  return withCache(
    async (redis) => {
      const check = redis.pipeline();
      check.hlen(hash);
      check.hget(hash, BUCKET_BYTES_FIELD);
      check.hexists(hash, field);
      const [fields, bytes, exists] = await check.exec<[number, number | string | null, number]>();
      const entries = fields - (bytes === null ? 0 : 1);
      if (exists === 0 && entries >= maxEntries) return false;
      if (Number(bytes ?? 0) + size > maxBytes) return false;
      const pipeline = redis.pipeline();
      pipeline.hset(hash, { [field]: json });
      // Replacing an entry counts its bytes again: the total errs on the safe side until the bucket is emptied.
      pipeline.hincrby(hash, BUCKET_BYTES_FIELD, size);
      pipeline.expire(hash, CACHE_BUCKETS[bucket].ttlSeconds, "NX");
      await pipeline.exec();
      return true;
    },
    false,
    { timeoutMs },
  );
}

/**
 * What a change can make stale, as page-cache scopes (see pageScopeOf in
 * lib/page-cache/key.ts): `lists` ("/" and its queries, feeds,
 * sitemap), `event:<slug>`, `creator:<id>`, or `all`.
 */
export type TPageScope = "lists" | "all" | `event:${string}` | `creator:${string}`;

/** One invalidation: what it affects. Nothing listed, nothing public is touched. */
export type TPublicChange = {
  /** Listings, feeds and the sitemap (and their data buckets). */
  lists?: boolean;
  /** Event pages, by slug (and their entries in the event bucket). */
  eventSlugs?: string[];
  /** Organiser pages, by creator id (and their entries in the creator bucket). */
  creatorIds?: string[];
  /** Everything public, reference data included. */
  all?: boolean;
  /** The admin dashboard's figures. */
  adminStats?: boolean;
};

/**
 * This process's knowledge of page-cache changes: the last generation G it
 * read, and for each scope the latest G that changed it (with when it learnt
 * so, to forget entries no servable copy can predate). A stored page rendered
 * at generation g is current iff no change to its scope, nor to `all`, came
 * after g. On globalThis: Next's bundle and server.mjs load separate copies of
 * this module, and a change made through Next must reach the page cache at once.
 */
type TPageGenerations = { g: number | null; latest: Map<string, { g: number; at: number }> };

const shared = globalThis as typeof globalThis & { __zbPageGenerations?: TPageGenerations };

function pageGenerations(): TPageGenerations {
  return (shared.__zbPageGenerations ??= { g: null, latest: new Map() });
}

/** The generation this process last read (null: never). */
export function knownPageGeneration(): number | null {
  return pageGenerations().g;
}

function noteScopes(state: TPageGenerations, g: number, scopes: readonly string[]) {
  const at = Date.now();
  for (const scope of scopes) {
    const previous = state.latest.get(scope);
    if (!previous || previous.g < g) state.latest.set(scope, { g, at });
  }
}

/** Changes older than this cannot make any servable copy stale (copies older than the page TTL are never served). */
const FORGET_CHANGES_AFTER_MS = 2 * CACHE_BUCKETS.page.ttlSeconds * 1000;

/**
 * Moves this process to generation `g`, given the changes logged since the
 * last one it knew; `changes` null or incomplete (it missed entries, the log
 * was cleared, or this is the first reading) counts as a change to `all`.
 */
export function advancePageGeneration(g: number, changes: { g: number; scopes: string[] }[] | null): void {
  const state = pageGenerations();
  if (state.g === null || g < state.g) {
    state.g = g;
    state.latest = new Map([["all", { g, at: Date.now() }]]);
    return;
  }
  if (g === state.g) return;
  const from = state.g;
  const relevant = (changes ?? []).filter((change) => change.g > from && change.g <= g);
  if (changes === null || new Set(relevant.map((change) => change.g)).size !== g - from) noteScopes(state, g, ["all"]);
  else for (const change of relevant) noteScopes(state, change.g, change.scopes);
  state.g = g;
  const forgetBefore = Date.now() - FORGET_CHANGES_AFTER_MS;
  for (const [scope, entry] of state.latest) if (scope !== "all" && entry.at < forgetBefore) state.latest.delete(scope);
}

/** Whether a page stored at generation `g` with this scope is still current for this process. */
export function isPageCurrent(g: number, scope: string): boolean {
  const state = pageGenerations();
  if (state.g === null) return false;
  const all = state.latest.get("all")?.g ?? -1;
  const mine = state.latest.get(scope)?.g ?? -1;
  return Math.max(all, mine) <= g;
}

export const pageGenerationKey = () => key(PAGE_CACHE_GENERATION_KEY);
export const pageChangeLogKey = () => key(PAGE_CACHE_CHANGE_LOG_KEY);

/** A logged change: "<G>|<scope> <scope> …" (scores are G; a member must be unique). */
export function parsePageChange(member: unknown): { g: number; scopes: string[] } | null {
  const text = String(member);
  const bar = text.indexOf("|");
  const g = Number(text.slice(0, bar));
  return bar > 0 && Number.isInteger(g)
    ? {
        g,
        scopes: text
          .slice(bar + 1)
          .split(" ")
          .filter(Boolean),
      }
    : null;
}

function scopesOf(change: TPublicChange): TPageScope[] {
  if (change.all) return ["all"];
  return [
    ...(change.lists ? (["lists"] as const) : []),
    ...(change.eventSlugs ?? []).map((slug) => `event:${slug}` as const),
    ...(change.creatorIds ?? []).map((id) => `creator:${id}` as const),
  ];
}

/**
 * Call after any write that changes what visitors see, naming what it
 * affects: only those data-cache entries are removed, and only pages of those
 * scopes become stale (on every instance: the shared generation G is
 * incremented and (G, scopes) logged; each instance reads the log when it sees
 * G move). A change that affects nothing public costs nothing here.
 */
export async function invalidatePublicChange(change: TPublicChange): Promise<void> {
  const scopes = scopesOf(change);
  if (scopes.length === 0 && !change.adminStats) return;
  const bucket = (name: TCacheBucket) => bucketKey(name);
  const g = await withCache(
    async (redis) => {
      // Data first, in the same round trip as G: a render that reads the new G also reads the new data.
      const pipeline = redis.pipeline();
      if (change.all) pipeline.del(bucket("reference"), bucket("listing"), bucket("event"), bucket("feed"), bucket("creator"), bucket("page"));
      else {
        if (change.lists) pipeline.del(bucket("listing"), bucket("feed"));
        if (change.eventSlugs?.length) pipeline.hdel(bucket("event"), ...change.eventSlugs);
        if (change.creatorIds?.length) pipeline.hdel(bucket("creator"), ...change.creatorIds);
      }
      if (change.adminStats) pipeline.del(bucket("adminStats"));
      if (scopes.length > 0) pipeline.incr(pageGenerationKey());
      const replies = await pipeline.exec();
      if (scopes.length === 0) return null;
      const g = Number(replies.at(-1));
      const log = pageChangeLogKey();
      await redis.zadd(log, { score: g, member: `${g}|${scopes.join(" ")}` });
      const old = await redis.zrange<string[]>(log, 0, -(PAGE_CHANGE_LOG_LENGTH + 1));
      if (old.length > 0) await redis.zrem(log, ...old);
      return g;
    },
    null,
    { timeoutMs: 1_000 },
  );
  // This process knows at once, before its next reading of G: a page of these scopes rendered before now is stale here.
  if (g !== null) noteScopes(pageGenerations(), g, scopes);
}

/** Everything public of a kind of data (reference data, tests, the seed): the `all` scope. */
export async function invalidatePublicCaches(_kind: TChangeKind = "reference"): Promise<void> {
  await invalidatePublicChange({ all: true, adminStats: true });
}

export async function cacheEntryCount(bucket: TCacheBucket): Promise<number> {
  return withCache(async (redis) => {
    const [fields, hasBytes] = await redis.pipeline().hlen(bucketKey(bucket)).hexists(bucketKey(bucket), BUCKET_BYTES_FIELD).exec<[number, number]>();
    return fields - hasBytes;
  }, 0);
}

export { getRedis };
