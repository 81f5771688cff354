import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cacheCounters, cached, invalidatePublicCaches } from "@/lib/cache/public-cache";
import { CACHE_BUCKETS } from "@/lib/cache/policies";
import { disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { editEvent } from "@/lib/events/edit-event";
import { eventToFormValues } from "@/lib/events/event-form-schema";
import { getOwnedEvent } from "@/lib/events/get-owned-event";
import { closeRedis, getRedis, key, resetRedisForTests } from "@/lib/redis";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

/** Two days ahead, on the hour (the event form offers start times in 15-minute steps). */
const inTwoDays = () => new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000);

/** A creator renames their event through the event form's save (the app's write path). */
async function retitle(event: { id: string; creatorId: string }, title: string) {
  const actor = { id: event.creatorId, role: "CREATOR" } as const;
  const input = eventToFormValues(await getOwnedEvent({ actor, eventId: event.id }));
  await editEvent({ actor, eventId: event.id, input: { ...input, title } });
}

describe("page and data cache in Redis", () => {
  let event: Awaited<ReturnType<typeof createEvent>>;

  beforeAll(async () => {
    await clearEvents();
    const creator = await createCreator();
    event = await createEvent({ creatorId: creator.id, title: "Cached Cacao Ceremony", startsAt: inTwoDays() });
  });

  beforeEach(async () => {
    await invalidatePublicCaches("reference");
    cacheCounters.hits = 0;
    cacheCounters.misses = 0;
  });

  afterAll(async () => {
    await clearEvents();
    await invalidatePublicCaches("reference");
    await disconnectDb();
    await closeRedis();
  });

  it("answers the second identical listing request from Redis", async () => {
    const first = await listPublicEvents({ query: { q: "cacao" } });
    expect(cacheCounters).toEqual({ hits: 0, misses: 1 });
    const stored = await getRedis().hlen(key(CACHE_BUCKETS.listing.hash));
    expect(stored).toBe(1);
    const ttl = await getRedis().ttl(key(CACHE_BUCKETS.listing.hash));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(CACHE_BUCKETS.listing.ttlSeconds);

    const second = await listPublicEvents({ query: { q: "cacao" } });
    expect(cacheCounters).toEqual({ hits: 1, misses: 1 });
    expect(second).toEqual(first);
    expect(second.events[0]?.title).toBe("Cached Cacao Ceremony");
  });

  it("proves the hit really comes from Redis: a value planted there is what is served", async () => {
    await listPublicEvents({ query: { q: "cacao" } });
    const hash = key(CACHE_BUCKETS.listing.hash);
    const fields = await getRedis().hkeys(hash);
    expect(fields).toHaveLength(1);
    const planted = { events: [], total: 42, page: 1, limit: 24, totalPages: 2 };
    await getRedis().hset(hash, { [fields[0]!]: JSON.stringify({ v: planted }) }); // the stored envelope, see public-cache.ts
    expect(await listPublicEvents({ query: { q: "cacao" } })).toEqual(planted);
  });

  it("returns text values (feeds) exactly as they were stored, including ones that look like JSON", async () => {
    for (const body of ['<?xml version="1.0"?><rss/>', "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "123", '{"a":1}', ""]) {
      const field = `text-${body.length}-${body.slice(0, 3)}`;
      expect(await cached("feed", field, () => Promise.resolve(body))).toBe(body);
      expect(await cached("feed", field, () => Promise.resolve("loader ran again"))).toBe(body);
    }
  });

  it("shows an edit made through the app's write path on the very next request", async () => {
    expect((await listPublicEvents({ query: {} })).events[0]?.title).toBe("Cached Cacao Ceremony");
    expect((await getPublicEvent(event.slug))?.title).toBe("Cached Cacao Ceremony");

    const changedAt = Date.now();
    await retitle(event, "Renamed Cacao Ceremony");

    expect((await listPublicEvents({ query: {} })).events[0]?.title).toBe("Renamed Cacao Ceremony");
    expect((await getPublicEvent(event.slug))?.title).toBe("Renamed Cacao Ceremony");
    expect(Date.now() - changedAt).toBeLessThan(1_000);
  });
});

describe("when Redis is unreachable", () => {
  const realRedisUrl = process.env.REDIS_URL;

  beforeAll(async () => {
    await clearEvents();
    const creator = await createCreator();
    await createEvent({ creatorId: creator.id, title: "Served Without Redis", startsAt: inTwoDays() });
    process.env.REDIS_URL = "redis://127.0.0.1:6399"; // nothing listens here
    resetEnvForTests();
    await resetRedisForTests();
  });

  afterAll(async () => {
    process.env.REDIS_URL = realRedisUrl;
    resetEnvForTests();
    await resetRedisForTests();
    await clearEvents();
    await disconnectDb();
  });

  it("still lists events and event pages straight from PostgreSQL", async () => {
    const started = Date.now();
    const listing = await listPublicEvents({ query: {} });
    expect(listing.events.map((item) => item.title)).toEqual(["Served Without Redis"]);
    const again = await listPublicEvents({ query: { q: "served" } });
    expect(again.total).toBe(1);
    const detail = await getPublicEvent(listing.events[0]!.slug);
    expect(detail?.title).toBe("Served Without Redis");
    // A guard against hanging, not a benchmark: each Redis call is bounded by a short timeout.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("does not fail writes: the edit is saved even though the cache cannot be cleared", async () => {
    const listing = await listPublicEvents({ query: {} });
    await retitle(listing.events[0]!, "Edited Without Redis");
    expect((await listPublicEvents({ query: {} })).events[0]?.title).toBe("Edited Without Redis");
  });
});
