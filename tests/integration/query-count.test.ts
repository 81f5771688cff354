import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { getCreatorProfile } from "@/lib/events/list-creator-public-events";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

/**
 * Issue 5: no N+1 queries. Every SQL statement Prisma sends goes through the
 * `pg` client (its driver adapter); counting calls to pg.Client#query counts
 * round trips to PostgreSQL. The caches are off, so each call goes to the
 * database; the counts must stay the same however many events there are.
 */
async function countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  // A spy that calls through: every query still runs, and each call's first argument (SQL text or a query config) is kept.
  const query = vi.spyOn(pg.Client.prototype, "query");
  try {
    const result = await work();
    const statements = query.mock.calls.map(([first]: unknown[]) => {
      const sql = first as string | { text?: string } | undefined;
      return typeof sql === "string" ? sql : (sql?.text ?? "?");
    });
    return { result, statements };
  } finally {
    query.mockRestore();
  }
}

const DAY = 86_400_000;
const LOCATIONS = ["ubud", "canggu", "sanur", "uluwatu"];
const TYPES = ["yoga", "meditation", "workshop", "music-concert"];

describe("SQL statements per request (no N+1)", () => {
  let creatorId: string;
  let slug: string;

  /** Adds `count` upcoming events by the creator (and a few by others), some with a cover image. */
  async function addEvents(count: number, offset: number) {
    const other = await createCreator({ name: `Other Organiser ${offset}` });
    for (let i = 0; i < count; i++) {
      const event = await createEvent({
        creatorId: i % 5 === 4 ? other.id : creatorId,
        title: `Query Count Session ${offset + i}`,
        startsAt: new Date(Date.now() + (offset + i + 1) * 3_600_000),
        locationSlug: LOCATIONS[i % LOCATIONS.length],
        typeSlug: TYPES[i % TYPES.length],
        isFeatured: i % 7 === 0,
      });
      if (i % 2 === 0) {
        await db.image.create({
          data: { eventId: event.id, cardKey: `test/${event.id}-card.webp`, largeKey: `test/${event.id}-large.webp`, width: 1280, height: 800 },
        });
      }
    }
  }

  /** Statements for each public read: a full page of the listing, a filtered page, an event page and an organiser's profile. */
  async function measure() {
    const listing = await countStatements(() => listPublicEvents({ query: {} }));
    const filtered = await countStatements(() => listPublicEvents({ query: { location: "ubud", type: "yoga", q: "session" } }));
    const event = await countStatements(() => getPublicEvent(slug));
    const profile = await countStatements(() => getCreatorProfile(creatorId));
    return { listing, filtered, event, profile };
  }

  beforeAll(async () => {
    process.env.CACHE_ENABLED = "false";
    resetEnvForTests();
    await clearEvents();
    creatorId = (await createCreator({ name: "Counted Organiser", organisation: "Query Count Collective" })).id;
    const first = await createEvent({ creatorId, title: "Counted Opening Night", startsAt: new Date(Date.now() + DAY / 2) });
    slug = first.slug;
    await db.image.create({ data: { eventId: first.id, cardKey: "test/opening-card.webp", largeKey: "test/opening-large.webp", width: 1280, height: 800 } });
    await addEvents(30, 0);
    await listPublicEvents({ query: {} }); // connections and Prisma's first-query work happen outside the counts
  });

  afterAll(async () => {
    process.env.CACHE_ENABLED = "true";
    resetEnvForTests();
    await clearEvents();
    await disconnectDb();
  });

  it("reads a page of 24 cards, an event page and an organiser profile in a fixed, small number of statements", async () => {
    const before = await measure();
    expect(before.listing.result.events).toHaveLength(24);
    expect(before.listing.result.events.some((card) => card.image !== null)).toBe(true);
    expect(before.event.result?.slug).toBe(slug);
    expect(before.profile.result?.events.length).toBeGreaterThan(20);

    // The page of cards with their location, types, organiser and image, and the total, in one statement.
    expect(before.listing.statements).toHaveLength(1);
    // A filtered search: one lookup of the filter slugs and the search's words, then one statement for the cards
    // and the total, in a transaction of its own with sequential scans off (BEGIN, SET LOCAL, the statement,
    // COMMIT: see searchListing in list-public-events.ts).
    expect(before.filtered.statements).toHaveLength(5);
    expect(before.filtered.statements.filter((statement) => /^(BEGIN|COMMIT|SET LOCAL enable_seqscan = off)$/i.test(statement.trim()))).toHaveLength(3);
    // Prisma loads each relation with one more query (the event, then its
    // location, types, group, organiser and image; for the profile the user,
    // the events, then one query per relation for all of them, their series
    // included): bounded, not one per card.
    expect(before.event.statements.length).toBeLessThanOrEqual(7);
    expect(before.profile.statements.length).toBeLessThanOrEqual(8);

    await addEvents(60, 100);
    const after = await measure();
    expect(after.listing.result.total).toBe(before.listing.result.total + 60);
    expect(after.profile.result!.events.length).toBeGreaterThan(before.profile.result!.events.length);
    for (const key of ["listing", "filtered", "event", "profile"] as const) {
      expect({ [key]: after[key].statements.length }).toEqual({ [key]: before[key].statements.length });
    }
  });
});
