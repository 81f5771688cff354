import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { keepSeriesDates } from "@/lib/series/keep-series-dates";
import { fromBaliDateTime, toBaliDate } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

// Tuesday 1 January 2030 in Bali, just after midnight.
const today = "2030-01-01";
const now = fromBaliDateTime(today, "00:05");
let creatorId: string;

afterAll(async () => {
  await clearEvents();
  await disconnectDb();
});

beforeAll(async () => {
  creatorId = (await createCreator({ name: "Listing Keeper" })).id;
});

beforeEach(async () => {
  await clearEvents();
});

/** A weekly series on Tue and Thu at 07:00 with `count` dates, all created, as publishing it leaves them. */
async function postSeries(title: string, { count = 6, locationSlug = "canggu" }: { count?: number; locationSlug?: string } = {}) {
  const slug = `${title.toLowerCase().replace(/\W+/g, "-")}-${Math.random().toString(36).slice(2, 6)}`;
  const series = await db.eventSeries.create({
    data: {
      slug,
      creatorId,
      frequency: "WEEKLY",
      weekdays: ["TU", "TH"],
      startDate: new Date(`${today}T00:00:00Z`),
      startTime: "07:00",
      durationMinutes: 75,
      dateCount: count,
    },
  });
  const first = await createEvent({ creatorId, title, startsAt: fromBaliDateTime(today, "07:00"), durationMinutes: 75, locationSlug });
  await db.event.update({ where: { id: first.id }, data: { seriesId: series.id, seriesDate: new Date(`${today}T00:00:00Z`), slug: `${slug}-${today}` } });
  await keepSeriesDates(series.id, { today });
  return series;
}

const datesOnCards = (events: { startsAt: string }[]) => events.map((event) => toBaliDate(new Date(event.startsAt)));

describe("a series on /", () => {
  it("shows once, at its next date, with its rule on the card; the count counts it once; ?dates=all lists every date", async () => {
    await postSeries("Sunrise Flow");
    await createEvent({ creatorId, title: "One-off Kirtan", startsAt: fromBaliDateTime("2030-01-02", "19:00"), locationSlug: "ubud" });

    const listing = await listPublicEvents({ query: {}, now });
    expect(listing.total).toBe(2);
    expect(listing.events.map((event) => event.title)).toEqual(["Sunrise Flow", "One-off Kirtan"]);
    const [card] = listing.events;
    expect(card?.repeats).toBe("Every Tue and Thu");
    expect(datesOnCards(listing.events.slice(0, 1))).toEqual([today]);
    expect(listing.events[1]?.repeats).toBeNull();

    const all = await listPublicEvents({ query: { dates: "all" }, now });
    expect(all.total).toBe(7);
    expect(datesOnCards(all.events.filter((event) => event.title === "Sunrise Flow"))).toEqual([
      "2030-01-01",
      "2030-01-03",
      "2030-01-08",
      "2030-01-10",
      "2030-01-15",
      "2030-01-17",
    ]);
  });

  it("the card is the first date that matches the filters: a Thursday window shows the Thursday date", async () => {
    await postSeries("Sunrise Flow");
    const listing = await listPublicEvents({ query: { from: "2030-01-09", to: "2030-01-12" }, now });
    expect(listing.total).toBe(1);
    expect(datesOnCards(listing.events)).toEqual(["2030-01-10"]);
    const searched = await listPublicEvents({ query: { q: "sunrise", from: "2030-01-09" }, now });
    expect(datesOnCards(searched.events)).toEqual(["2030-01-10"]);
  });

  it("passes over a cancelled date to the next one that takes place, and shows a cancelled date only when nothing else matches", async () => {
    const series = await postSeries("Sunrise Flow");
    const firstDate = await db.event.findFirstOrThrow({ where: { seriesId: series.id }, orderBy: { startsAt: "asc" } });
    await db.event.update({ where: { id: firstDate.id }, data: { status: "CANCELLED", cancelledAt: now } });
    expect(datesOnCards((await listPublicEvents({ query: {}, now })).events)).toEqual(["2030-01-03"]);
    // Only the cancelled date matches: it is the card, with its badge.
    const onlyCancelled = await listPublicEvents({ query: { to: "2030-01-01" }, now });
    expect(onlyCancelled.events.map((event) => [toBaliDate(new Date(event.startsAt)), event.isCancelled])).toEqual([[today, true]]);
  });

  it("an ended date leaves the listing and the next one takes its place; two series are two cards, each counted once, page by page", async () => {
    await postSeries("Sunrise Flow");
    await postSeries("Ecstatic Sunday", { locationSlug: "ubud" });
    const later = fromBaliDateTime("2030-01-01", "09:00");
    const listing = await listPublicEvents({ query: {}, now: later });
    expect(listing.total).toBe(2);
    expect(datesOnCards(listing.events)).toEqual(["2030-01-03", "2030-01-03"]);
    const paged = await listPublicEvents({ query: {}, now: later, limit: 1 });
    expect(paged.totalPages).toBe(2);
    const filtered = await listPublicEvents({ query: { location: "ubud" }, now: later, exactTotal: true });
    expect(filtered.events.map((event) => event.title)).toEqual(["Ecstatic Sunday"]);
    expect(filtered.total).toBe(1);
  });
});
