import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { listPublicEvents, TOTAL_COUNT_CAP } from "@/lib/events/list-public-events";
import { toPrefixTsQuery } from "@/lib/events/search-terms";
import { fromBaliDateTime } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

// A fixed clock: Wednesday 2 January 2030, 10:00 in Bali.
const now = fromBaliDateTime("2030-01-02", "10:00");
const at = (date: string, time: string) => fromBaliDateTime(date, time);

async function titles(query: Parameters<typeof listPublicEvents>[0]["query"], limit?: number) {
  const listing = await listPublicEvents({ query, now, limit });
  return listing.events.map((event) => event.title);
}

afterAll(async () => {
  await disconnectDb();
});

describe("public listing", () => {
  beforeAll(async () => {
    await clearEvents();
    const creator = await createCreator({ name: "Ketut Sari", organisation: "Ubud Sound Collective" });
    const other = await createCreator({ name: "Tom Becker" });
    const base = { creatorId: creator.id };
    await createEvent({
      ...base,
      title: "Full Moon Sound Healing",
      typeSlug: "sound-healing",
      startsAt: at("2030-01-02", "19:00"),
      feeIdr: 200_000,
      venueName: "Pyramids of Chi",
    });
    await createEvent({ ...base, title: "Sunrise Hatha Yoga", startsAt: at("2030-01-03", "06:30"), locationSlug: "canggu", languages: ["en", "ru"] });
    await createEvent({ ...base, title: "Weekend Ecstatic Dances", typeSlug: "ecstatic-dance", startsAt: at("2030-01-05", "10:00"), feeIdr: 150_000 });
    await createEvent({
      creatorId: other.id,
      title: "Night Market",
      typeSlug: "market-bazaar",
      startsAt: at("2030-01-20", "17:00"),
      locationSlug: "sanur",
      isFeatured: true,
    });
    await createEvent({ ...base, title: "Retreat Already Under Way", typeSlug: "retreat", startsAt: at("2030-01-01", "09:00"), durationMinutes: 3 * 1440 });
    await createEvent({ ...base, title: "Cancelled Concert", typeSlug: "music-concert", startsAt: at("2030-01-04", "20:00"), status: "CANCELLED" });
    // None of these may ever be listed:
    await createEvent({ ...base, title: "Ended Yesterday", startsAt: at("2030-01-01", "08:00") });
    await createEvent({ ...base, title: "Secret Draft", startsAt: at("2030-01-03", "08:00"), status: "DRAFT", publishedAt: null });
    await createEvent({ ...base, title: "Unpaid Event", startsAt: at("2030-01-03", "08:00"), status: "AWAITING_PAYMENT", publishedAt: null });
    await createEvent({ ...base, title: "Unpublished By Admin", startsAt: at("2030-01-03", "08:00"), status: "UNPUBLISHED" });
    await createEvent({ ...base, title: "Deleted Event", startsAt: at("2030-01-03", "08:00"), deletedAt: new Date() });
  });

  afterAll(async () => {
    await clearEvents();
  });

  it("lists upcoming published and cancelled events, featured first then soonest", async () => {
    expect(await titles({})).toEqual([
      "Night Market",
      "Retreat Already Under Way",
      "Full Moon Sound Healing",
      "Sunrise Hatha Yoga",
      "Cancelled Concert",
      "Weekend Ecstatic Dances",
    ]);
  });

  it("marks cancelled and featured events on their cards", async () => {
    const { events } = await listPublicEvents({ query: {}, now });
    expect(events.find((event) => event.title === "Cancelled Concert")?.isCancelled).toBe(true);
    expect(events.find((event) => event.title === "Night Market")?.isFeatured).toBe(true);
    expect(events.find((event) => event.title === "Full Moon Sound Healing")?.organiser).toBe("Ubud Sound Collective");
  });

  it("filters by When in Bali time", async () => {
    expect(await titles({ when: "today" })).toEqual(["Retreat Already Under Way", "Full Moon Sound Healing"]);
    expect(await titles({ when: "tomorrow" })).toEqual(["Retreat Already Under Way", "Sunrise Hatha Yoga"]);
    expect(await titles({ when: "weekend" })).toEqual(["Weekend Ecstatic Dances"]);
    expect(await titles({ when: "week" })).toEqual([
      "Retreat Already Under Way",
      "Full Moon Sound Healing",
      "Sunrise Hatha Yoga",
      "Cancelled Concert",
      "Weekend Ecstatic Dances",
    ]);
  });

  it("filters by From / To dates (inclusive Bali days)", async () => {
    // The retreat (1–4 January) overlaps the range, so it is on too.
    expect(await titles({ from: "2030-01-04", to: "2030-01-05" })).toEqual(["Retreat Already Under Way", "Cancelled Concert", "Weekend Ecstatic Dances"]);
    expect(await titles({ from: "2030-01-10" })).toEqual(["Night Market"]);
  });

  it("filters by location, type, entrance and price", async () => {
    expect(await titles({ location: "canggu" })).toEqual(["Sunrise Hatha Yoga"]);
    expect(await titles({ type: "ecstatic-dance" })).toEqual(["Weekend Ecstatic Dances"]);
    expect(await titles({ entrance: "pay-at-site" })).toEqual(["Full Moon Sound Healing", "Weekend Ecstatic Dances"]);
    expect(await titles({ price: "paid" })).toEqual(["Full Moon Sound Healing", "Weekend Ecstatic Dances"]);
    expect(await titles({ price: "free" })).not.toContain("Full Moon Sound Healing");
    expect(await titles({ location: "no-such-place" })).toEqual([]);
  });

  it("filters by the language an event is held in", async () => {
    expect(await titles({ lang: "ru" })).toEqual(["Sunrise Hatha Yoga"]);
    expect(await titles({ lang: "ru", location: "canggu" })).toEqual(["Sunrise Hatha Yoga"]);
    expect(await titles({ lang: "de" })).toEqual([]);
    expect((await titles({ lang: "en" })).length).toBe((await titles({})).length);
    const listing = await listPublicEvents({ query: { lang: "ru" }, now });
    expect(listing.total).toBe(1);
  });

  it("searches title, venue, organiser, location and type, with stems and partial words", async () => {
    expect(await titles({ q: "healing" })).toEqual(["Full Moon Sound Healing"]);
    expect(await titles({ q: "heal" })).toEqual(["Full Moon Sound Healing"]);
    expect(await titles({ q: "dance" })).toContain("Weekend Ecstatic Dances");
    expect(await titles({ q: "pyramids" })).toEqual(["Full Moon Sound Healing"]);
    expect(await titles({ q: "becker" })).toEqual(["Night Market"]);
    expect(await titles({ q: "sanur" })).toEqual(["Night Market"]);
    expect(await titles({ q: "bazaar" })).toEqual(["Night Market"]);
    expect(await titles({ q: "SOUND collective" })).toHaveLength(5); // every listed event by that organiser
    expect(await titles({ q: "zzzz-nothing" })).toEqual([]);
    expect(await titles({ q: "&|!():*'\"\\" })).toHaveLength(6); // only punctuation: no search at all, no error
  });

  it("searches a prefix as the whole words it starts, and finds exactly what the prefix itself finds", async () => {
    for (const q of ["heal", "sou col", "night mar", "pyr", "ca", "e", "dances", "weekend ecst", "zzz", "hatha zzz", "the"]) {
      const prefix = toPrefixTsQuery(q) ?? "";
      const expected = await db.$queryRaw<{ title: string }[]>`
        SELECT title FROM events
        WHERE deleted_at IS NULL AND status IN ('PUBLISHED', 'CANCELLED') AND ends_at > ${now}
          AND search_vector @@ (websearch_to_tsquery('english', ${q}) || to_tsquery('simple', ${prefix}))`;
      expect((await titles({ q })).sort(), q).toEqual(expected.map((row) => row.title).sort());
    }
  });

  it("knows every word of every event: a new title's words can be searched as prefixes at once", async () => {
    const creator = await createCreator({ name: "Wayan Lexeme" });
    const event = await createEvent({ creatorId: creator.id, title: "Zanzibar Drumming Circle", startsAt: at("2030-01-06", "18:00") });
    expect(await titles({ q: "zanzi drum" })).toEqual(["Zanzibar Drumming Circle"]);
    await db.event.update({ where: { id: event.id }, data: { title: "Kecak Fire Performance" } });
    expect(await titles({ q: "keca" })).toEqual(["Kecak Fire Performance"]);
    const words = await db.searchLexeme.findMany({ where: { lexeme: { in: ["zanzibar", "kecak", "perform", "performance"] } } });
    expect(words.map((word) => word.lexeme).sort()).toEqual(["kecak", "perform", "performance", "zanzibar"]);
    await db.event.delete({ where: { id: event.id } });
  });

  it("sorts by newest when asked", async () => {
    const listing = await listPublicEvents({ query: { sort: "newest" }, now });
    expect(listing.events[0]?.title).toBe("Night Market"); // featured still first
    expect(listing.events).toHaveLength(6);
  });

  it("paginates with a total and page count", async () => {
    const first = await listPublicEvents({ query: {}, now, limit: 4 });
    const second = await listPublicEvents({ query: { page: 2 }, now, limit: 4 });
    expect(first).toMatchObject({ total: 6, page: 1, limit: 4, totalPages: 2 });
    expect(first.totalIsLowerBound).toBeUndefined();
    expect(second.events.map((event) => event.title)).toEqual(["Cancelled Concert", "Weekend Ecstatic Dances"]);
    const beyond = await listPublicEvents({ query: { page: 9 }, now, limit: 4 });
    expect(beyond).toMatchObject({ events: [], total: 6, page: 9 });
  });
});

describe("the total of a page stops counting at 1,000; the API's counts every match", () => {
  beforeAll(async () => {
    await clearEvents();
    const creator = await createCreator({ name: "Many Classes" });
    const template = await createEvent({ creatorId: creator.id, title: "Daily Breathwork", startsAt: at("2030-01-03", "07:00") });
    // 1,009 more copies of it (one statement; the search vector is copied with the rest).
    const columns = (
      await db.$queryRaw<
        { column_name: string }[]
      >`SELECT column_name FROM information_schema.columns WHERE table_name = 'events' AND column_name NOT IN ('id', 'slug')`
    ).map((row) => `"${row.column_name}"`);
    await db.$executeRawUnsafe(
      `INSERT INTO events (id, slug, ${columns.join(", ")})` +
        ` SELECT gen_random_uuid(), slug || '-' || n, ${columns.join(", ")} FROM events, generate_series(1, 1009) n WHERE id = $1::uuid`,
      template.id,
    );
  });

  afterAll(async () => {
    await clearEvents();
  });

  it("a page says at least 1,000 (and offers the pages after it); an exact count says 1,010", async () => {
    const page = await listPublicEvents({ query: { q: "breathwork" }, now });
    expect(page).toMatchObject({ total: 1_000, totalIsLowerBound: true, totalPages: 42 });
    // Deep in the results the count goes a little past the page asked for, so there is always a next page.
    const deep = await listPublicEvents({ query: { q: "breathwork", page: 42 }, now });
    expect(deep.totalPages).toBeGreaterThan(42);
    expect(deep.events).toHaveLength(24);
    const exact = await listPublicEvents({ query: { q: "breathwork" }, now, exactTotal: true });
    expect(exact).toMatchObject({ total: 1_010, totalPages: 43 });
    expect(exact.totalIsLowerBound).toBeUndefined();
  });

  it("under the cap, the total is exact", async () => {
    const none = await listPublicEvents({ query: { q: "no-such-word-anywhere" }, now });
    expect(none).toMatchObject({ total: 0, totalPages: 1 });
    expect(none.totalIsLowerBound).toBeUndefined();
  });
});

describe("a broad search (more matches than the count reads) pages exactly as a counted one", () => {
  const kirtanStart = at("2030-01-02", "12:00");
  beforeAll(async () => {
    await clearEvents();
    const creator = await createCreator({ name: "Evening Kirtan Circle" });
    const template = await createEvent({ creatorId: creator.id, title: "Evening Kirtan", startsAt: kirtanStart });
    const columns = (
      await db.$queryRaw<
        { column_name: string }[]
      >`SELECT column_name FROM information_schema.columns WHERE table_name = 'events' AND column_name NOT IN ('id', 'slug', 'starts_at', 'ends_at', 'is_featured')`
    ).map((row) => `"${row.column_name}"`);
    // 1,100 more, one every 50 minutes from two days before now: the first ones have ended, every 40th is
    // featured, and every 7th of those that started before now lasts three days, so it is still under way.
    await db.$executeRawUnsafe(
      `INSERT INTO events (id, slug, starts_at, ends_at, is_featured, ${columns.join(", ")})
       SELECT gen_random_uuid(), slug || '-' || n, s, s + CASE WHEN n % 7 = 0 AND n < 60 THEN interval '3 days' ELSE interval '90 minutes' END,
              n % 40 = 0, ${columns.join(", ")}
       FROM events, generate_series(1, 1100) n, LATERAL (SELECT starts_at - interval '50 hours' + n * interval '50 minutes' AS s) start
       WHERE id = $1::uuid`,
      template.id,
    );
  });

  afterAll(async () => {
    await clearEvents();
  });

  it("every page of a capped search and of an exact one holds the same events in the same order", async () => {
    const upcoming = await db.event.count({ where: { endsAt: { gt: now } } });
    expect(upcoming).toBeGreaterThan(TOTAL_COUNT_CAP);
    for (const sort of [undefined, "newest"] as const) {
      for (const page of [1, 2, 17, 41]) {
        const query = { q: "kirtan", sort, page };
        const capped = await listPublicEvents({ query, now });
        const exact = await listPublicEvents({ query, now, exactTotal: true });
        expect(capped.totalIsLowerBound, `${sort ?? "soonest"} page ${String(page)}`).toBe(true);
        expect(exact.total).toBe(upcoming);
        expect(
          capped.events.map((event) => event.id),
          `${sort ?? "soonest"} page ${String(page)}`,
        ).toEqual(exact.events.map((event) => event.id));
      }
    }
    // Featured first (27 of them, more than a page), then the rest soonest first, starting with those under way.
    const [first, second] = await Promise.all([1, 2].map((page) => listPublicEvents({ query: { q: "kirtan", page }, now })));
    expect(first!.events.every((event) => event.isFeatured)).toBe(true);
    const rest = second!.events.filter((event) => !event.isFeatured);
    expect(new Date(rest[0]!.startsAt).getTime()).toBeLessThan(now.getTime());
    expect(rest.map((event) => event.startsAt)).toEqual(rest.map((event) => event.startsAt).sort());
  });
});
