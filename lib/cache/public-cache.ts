import { getEnv } from "@/lib/env";
import { getRedis, key, withRedis } from "@/lib/redis";
import { CACHE_BUCKETS, INVALIDATES, PAGE_CACHE_GENERATION_KEY, type TCacheBucket, type TChangeKind } from "./policies";

/**
 * Values are stored as JSON of { v: value }: the Upstash client decodes JSON
 * replies by itself, and the envelope keeps strings (feeds) and objects
 * (listings) apart, so a cached value comes back exactly as the loader made it.
 */
type TEnvelope<T> = { v: T };

function unwrap<T>(hit: TEnvelope<T> | string): TEnvelope<T> | null {
  try {
    const envelope = typeof hit === "string" ? (JSON.parse(hit) as unknown) : hit;
    return envelope !== null && typeof envelope === "object" && "v" in envelope ? (envelope as TEnvelope<T>) : null;
  } catch {
    return null; // an unreadable entry is a miss
  }
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
  const hit = await readFromBucket<TEnvelope<T> | string>(bucket, field);
  const envelope = hit === null || hit === undefined ? null : unwrap<T>(hit);
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
  return withRedis((redis) => redis.hget<T>(bucketKey(bucket), field), null, { timeoutMs });
}

/** Stores one entry in a bucket (never throws: Redis trouble only means no cache). */
export async function putInBucket(bucket: TCacheBucket, field: string, json: string, { timeoutMs }: { timeoutMs?: number } = {}): Promise<void> {
  const hash = bucketKey(bucket);
  await withRedis(
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
  return withRedis(
    async (redis) => {
      const check = redis.pipeline();
      check.hlen(hash);
      check.hget(hash, BUCKET_BYTES_FIELD);
      check.hexists(hash, field);
      const [fields, bytes, exists] = (await check.exec()) as [number, number | string | null, number];
      const entries = Number(fields) - (bytes === null || bytes === undefined ? 0 : 1);
      if (!Number(exists) && entries >= maxEntries) return false;
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
 * This process's view of the page-cache generation: bumped at once by an
 * invalidation made here, so this instance never serves a page it just made stale.
 * (On globalThis: Next's bundle and server.mjs load separate copies of this module.)
 */
const localPages = globalThis as typeof globalThis & { __zbPageGeneration?: number };

export function localPageGeneration(): number {
  return localPages.__zbPageGeneration ?? 0;
}

export function bumpLocalPageGeneration(): void {
  localPages.__zbPageGeneration = localPageGeneration() + 1;
}

export const pageGenerationKey = () => key(PAGE_CACHE_GENERATION_KEY);

/** Call after any write that changes what visitors see. */
export async function invalidatePublicCaches(kind: TChangeKind): Promise<void> {
  const buckets: readonly TCacheBucket[] = INVALIDATES[kind];
  const keys = buckets.map((bucket) => bucketKey(bucket));
  if (buckets.includes("page")) bumpLocalPageGeneration();
  await withRedis(
    async (redis) => {
      const pipeline = redis.pipeline();
      pipeline.del(...keys);
      if (buckets.includes("page")) pipeline.incr(pageGenerationKey());
      await pipeline.exec();
      return true;
    },
    false,
    { timeoutMs: 1_000 },
  );
  // Again once Redis is cleared: a copy fetched from Redis while the DEL was in flight is stale too.
  if (buckets.includes("page")) bumpLocalPageGeneration();
}

export async function cacheEntryCount(bucket: TCacheBucket): Promise<number> {
  return withRedis(async (redis) => {
    const [fields, hasBytes] = (await redis.pipeline().hlen(bucketKey(bucket)).hexists(bucketKey(bucket), BUCKET_BYTES_FIELD).exec()) as [number, number];
    return Number(fields) - Number(hasBytes);
  }, 0);
}

export { getRedis };
