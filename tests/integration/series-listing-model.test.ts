/**
 * The listing's "a series once" rule, checked against a model written in plain TypeScript: for a mix of series
 * (dates cancelled, moved to another location, featured one by one) and one-off events, every combination of
 * search, location, date window, sort and page gives the cards and the total the model gives. Then the two counts
 * past TOTAL_COUNT_CAP: many dates of few series are counted as few cards, and many one-off events say "1,000+".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb, type EventStatus } from "@/lib/db";
import { listPublicEvents, TOTAL_COUNT_CAP } from "@/lib/events/list-public-events";
import type { TEventQuery } from "@/lib/events/event-query";
import { addBaliDays, fromBaliDateTime, startOfBaliDay } from "@/lib/time/bali";
import { clearEvents, createCreator, referenceIds } from "../support/fixtures";

const today = "2030-03-05";
const now = fromBaliDateTime(today, "12:00");

type TRow = {
  id: string;
  slug: string;
  title: string;
  seriesId: string | null;
  seriesDate: Date | null;
  startsAt: Date;
  endsAt: Date;
  status: EventStatus;
  isFeatured: boolean;
  publishedAt: Date | null;
  createdAt: Date;
  locationId: number;
  deletedAt: Date | null;
};

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let creatorId: string;
let reference: Awaited<ReturnType<typeof referenceIds>>;
let locations: { canggu: number; ubud: number };

beforeAll(async () => {
  creatorId = (await createCreator({ name: "Model Keeper" })).id;
  reference = await referenceIds();
  const canggu = await db.location.findUniqueOrThrow({ where: { slug: "canggu" } });
  locations = { canggu: canggu.id, ubud: reference.location.id };
});

afterAll(async () => {
  await clearEvents();
  await disconnectDb();
});

let slugCounter = 0;
function eventRow(
  row: Omit<TRow, "id" | "slug" | "createdAt" | "deletedAt" | "publishedAt"> & { publishedAt: Date; deletedAt?: Date | null; createdAt?: Date },
) {
  slugCounter += 1;
  return {
    slug: `model-${slugCounter}`,
    title: row.title,
    description: "A gentle session.",
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    durationMinutes: Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000),
    locationId: row.locationId,
    eventTypeId: reference.eventType.id,
    entranceTypeId: reference.freeEntrance.id,
    entranceFeeIdr: 0,
    participantGroupId: reference.group.id,
    venueName: "Community Hall",
    contactEmail: "host@example.test",
    status: row.status,
    isFeatured: row.isFeatured,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt ?? row.publishedAt,
    deletedAt: row.deletedAt ?? null,
    creatorId,
    seriesId: row.seriesId,
    seriesDate: row.seriesDate,
  };
}

async function createSeriesRow() {
  slugCounter += 1;
  return db.eventSeries.create({
    data: {
      slug: `model-series-${slugCounter}`,
      creatorId,
      frequency: "WEEKLY",
      weekdays: ["TU"],
      startDate: new Date(`${today}T00:00:00Z`),
      startTime: "07:00",
      durationMinutes: 60,
      dateCount: 20,
    },
  });
}

/** The rule, in plain TypeScript: which rows are cards for `query`, in order, and how many cards there are. */
function modelListing(rows: TRow[], query: TEventQuery & { q?: string }, limit: number) {
  const from = query.from ? startOfBaliDay(query.from) : null;
  const to = query.to ? startOfBaliDay(addBaliDays(query.to, 1)) : null;
  const matching = rows.filter(
    (row) =>
      row.deletedAt === null &&
      (row.status === "PUBLISHED" || row.status === "CANCELLED") &&
      row.endsAt > now &&
      (!from || row.endsAt > from) &&
      (!to || row.startsAt < to) &&
      (!query.location || row.locationId === locations[query.location as "canggu" | "ubud"]) &&
      (!query.q || row.title.toLowerCase().split(" ").includes(query.q)),
  );
  const byDate = (a: TRow, b: TRow) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : 1);
  const cards = matching.filter((row) => {
    if (query.dates === "all" || row.seriesId === null) return true;
    const dates = matching.filter((other) => other.seriesId === row.seriesId).sort(byDate);
    const card = dates.find((date) => date.status === "PUBLISHED") ?? dates[0];
    return card?.id === row.id;
  });
  const order =
    query.sort === "newest"
      ? (a: TRow, b: TRow) =>
          Number(b.isFeatured) - Number(a.isFeatured) ||
          (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) ||
          b.createdAt.getTime() - a.createdAt.getTime() ||
          (a.id < b.id ? -1 : 1)
      : (a: TRow, b: TRow) => Number(b.isFeatured) - Number(a.isFeatured) || byDate(a, b);
  cards.sort(order);
  const page = query.page ?? 1;
  return { total: cards.length, ids: cards.slice((page - 1) * limit, page * limit).map((row) => row.id) };
}

describe("one card per series, against a model", () => {
  it("gives the model's cards and total for every search, location, window, sort and page", async () => {
    await clearEvents();
    const next = random(20300305);
    const data = [];
    for (let s = 0; s < 8; s += 1) {
      const title = s % 2 === 0 ? `Sunrise Flow ${s}` : `Kirtan Circle ${s}`;
      const series = await createSeriesRow();
      const firstDay = Math.floor(next() * 4) - 1;
      for (let d = 0; d < 8; d += 1) {
        const day = addBaliDays(today, firstDay + d * 3);
        const startsAt = fromBaliDateTime(day, s % 3 === 0 ? "07:00" : "18:30");
        const roll = next();
        data.push(
          eventRow({
            title,
            seriesId: series.id,
            seriesDate: new Date(`${day}T00:00:00Z`),
            startsAt,
            endsAt: new Date(startsAt.getTime() + 90 * 60_000),
            status: roll < 0.25 ? "CANCELLED" : roll < 0.3 ? "UNPUBLISHED" : "PUBLISHED",
            isFeatured: next() < 0.15,
            locationId: next() < 0.2 ? locations.ubud : locations.canggu,
            publishedAt: new Date(now.getTime() - Math.floor(next() * 50) * 3_600_000),
            deletedAt: next() < 0.05 ? now : null,
          }),
        );
      }
    }
    for (let o = 0; o < 14; o += 1) {
      const startsAt = fromBaliDateTime(addBaliDays(today, Math.floor(next() * 20) - 1), "10:00");
      data.push(
        eventRow({
          title: o % 3 === 0 ? `Sunrise Market ${o}` : `Sound Bath ${o}`,
          seriesId: null,
          seriesDate: null,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 120 * 60_000),
          status: next() < 0.2 ? "CANCELLED" : "PUBLISHED",
          isFeatured: next() < 0.2,
          locationId: next() < 0.5 ? locations.ubud : locations.canggu,
          publishedAt: new Date(now.getTime() - Math.floor(next() * 50) * 3_600_000),
        }),
      );
    }
    await db.event.createMany({ data });
    const rows = await db.event.findMany({ where: { creatorId } });

    const checked: string[] = [];
    for (const q of [undefined, "sunrise", "kirtan"]) {
      for (const location of [undefined, "canggu", "ubud"]) {
        for (const window of [{}, { from: addBaliDays(today, 4) }, { from: addBaliDays(today, 2), to: addBaliDays(today, 9) }]) {
          for (const sort of [undefined, "newest"] as const) {
            for (const dates of [undefined, "all"] as const) {
              for (const [page, exactTotal] of [
                [1, false],
                [2, true],
                [3, false],
              ] as const) {
                const query: TEventQuery = {
                  ...(q ? { q } : {}),
                  ...(location ? { location } : {}),
                  ...window,
                  ...(sort ? { sort } : {}),
                  page,
                  ...(dates ? { dates } : {}),
                };
                const listing = await listPublicEvents({ query, now, limit: 4, exactTotal });
                const expected = modelListing(rows, query, 4);
                expect({ query, total: listing.total, ids: listing.events.map((event) => event.id) }).toEqual({ query, ...expected });
                checked.push(JSON.stringify(query));
              }
            }
          }
        }
      }
    }
    expect(checked.length).toBe(3 * 3 * 3 * 2 * 2 * 3);
  });

  it(`counts many dates of a few series as a few cards past the count limit (${TOTAL_COUNT_CAP}), and many one-off events as "1,000+"`, async () => {
    await clearEvents();
    const data = [];
    for (let s = 0; s < 30; s += 1) {
      const series = await createSeriesRow();
      for (let d = 0; d < 40; d += 1) {
        const day = addBaliDays(today, d);
        const startsAt = fromBaliDateTime(day, "07:00");
        data.push(
          eventRow({
            title: `Sunrise Flow ${s}`,
            seriesId: series.id,
            seriesDate: new Date(`${day}T00:00:00Z`),
            startsAt,
            endsAt: new Date(startsAt.getTime() + 3_600_000),
            status: "PUBLISHED",
            isFeatured: false,
            locationId: locations.canggu,
            publishedAt: now,
          }),
        );
      }
    }
    await db.event.createMany({ data });
    for (const query of [{}, { q: "sunrise" }, { location: "canggu" }, { q: "flow", location: "canggu" }] satisfies TEventQuery[]) {
      const listing = await listPublicEvents({ query, now });
      expect({ query, total: listing.total, capped: listing.totalIsLowerBound ?? false }).toEqual({ query, total: 30, capped: false });
      expect(new Set(listing.events.map((event) => event.title)).size).toBe(24);
      const exact = await listPublicEvents({ query, now, exactTotal: true });
      expect(exact.total).toBe(30);
    }

    const oneOffs = Array.from({ length: TOTAL_COUNT_CAP + 5 }, (_, index) => {
      const startsAt = new Date(now.getTime() + (index + 1) * 600_000);
      return eventRow({
        title: `Sunrise Market ${index}`,
        seriesId: null,
        seriesDate: null,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        status: "PUBLISHED",
        isFeatured: false,
        locationId: locations.canggu,
        publishedAt: now,
      });
    });
    await db.event.createMany({ data: oneOffs });
    for (const query of [{}, { q: "sunrise" }] satisfies TEventQuery[]) {
      const listing = await listPublicEvents({ query, now });
      expect({ query, total: listing.total, capped: listing.totalIsLowerBound }).toEqual({ query, total: TOTAL_COUNT_CAP, capped: true });
      const exact = await listPublicEvents({ query, now, exactTotal: true });
      expect(exact.total).toBe(TOTAL_COUNT_CAP + 5 + 30);
    }
  });
});
