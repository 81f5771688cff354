import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { fromBaliDateTime } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

// A fixed clock: Wednesday 2 January 2030, 10:00 in Bali.
const now = fromBaliDateTime("2030-01-02", "10:00");
const at = (date: string, time: string) => fromBaliDateTime(date, time);

async function titles(query: Parameters<typeof listPublicEvents>[0]["query"], limit?: number) {
  const listing = await listPublicEvents({ query, now, limit });
  return listing.events.map((event) => event.title);
}

describe("public listing", () => {
  beforeAll(async () => {
    await clearEvents();
    const creator = await createCreator({ name: "Ketut Sari", organisation: "Ubud Sound Collective" });
    const other = await createCreator({ name: "Tom Becker" });
    const base = { creatorId: creator.id };
    await createEvent({ ...base, title: "Full Moon Sound Healing", typeSlug: "sound-healing", startsAt: at("2030-01-02", "19:00"), feeIdr: 200_000, venueName: "Pyramids of Chi" });
    await createEvent({ ...base, title: "Sunrise Hatha Yoga", startsAt: at("2030-01-03", "06:30"), locationSlug: "canggu" });
    await createEvent({ ...base, title: "Weekend Ecstatic Dances", typeSlug: "ecstatic-dance", startsAt: at("2030-01-05", "10:00"), feeIdr: 150_000 });
    await createEvent({ creatorId: other.id, title: "Night Market", typeSlug: "market-bazaar", startsAt: at("2030-01-20", "17:00"), locationSlug: "sanur", isFeatured: true });
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
    await disconnectDb();
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
    expect(await titles({ when: "week" })).toEqual(["Retreat Already Under Way", "Full Moon Sound Healing", "Sunrise Hatha Yoga", "Cancelled Concert", "Weekend Ecstatic Dances"]);
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

  it("sorts by newest when asked", async () => {
    const listing = await listPublicEvents({ query: { sort: "newest" }, now });
    expect(listing.events[0]?.title).toBe("Night Market"); // featured still first
    expect(listing.events).toHaveLength(6);
  });

  it("paginates with a total and page count", async () => {
    const first = await listPublicEvents({ query: {}, now, limit: 4 });
    const second = await listPublicEvents({ query: { page: 2 }, now, limit: 4 });
    expect(first).toMatchObject({ total: 6, page: 1, limit: 4, totalPages: 2 });
    expect(second.events.map((event) => event.title)).toEqual(["Cancelled Concert", "Weekend Ecstatic Dances"]);
    const beyond = await listPublicEvents({ query: { page: 9 }, now, limit: 4 });
    expect(beyond).toMatchObject({ events: [], total: 6, page: 9 });
  });
});
