import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { keepAllSeriesDates, keepSeriesDates } from "@/lib/series/keep-series-dates";
import { seriesSummaries } from "@/lib/series/series-of-event";
import { seriesDates } from "@/lib/series/repeat-rule";
import { addBaliDays, fromBaliDateTime, toBaliDate, toBaliTime } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

// Tuesday 1 January 2030 in Bali.
const today = "2030-01-01";
let creatorId: string;

afterAll(async () => {
  await clearEvents();
  await db.eventSeries.deleteMany();
  await disconnectDb();
});

beforeAll(async () => {
  creatorId = (await createCreator({ name: "Series Keeper" })).id;
});

beforeEach(async () => {
  await clearEvents();
  await db.eventSeries.deleteMany();
});

/** A series and its first date (the template), as posting it would leave them. */
async function postSeries(rule: {
  frequency: "WEEKLY" | "BIWEEKLY" | "MONTHLY";
  weekdays?: string[];
  untilDate?: string;
  dateCount?: number;
  endedAfter?: string;
}) {
  const slug = `sunrise-flow-${Math.random().toString(36).slice(2, 8)}`;
  const series = await db.eventSeries.create({
    data: {
      slug,
      creatorId,
      frequency: rule.frequency,
      weekdays: rule.weekdays ?? [],
      startDate: new Date(`${today}T00:00:00Z`),
      startTime: "07:00",
      durationMinutes: 75,
      untilDate: rule.untilDate ? new Date(`${rule.untilDate}T00:00:00Z`) : null,
      dateCount: rule.dateCount ?? null,
      endedAfter: rule.endedAfter ? new Date(`${rule.endedAfter}T00:00:00Z`) : null,
    },
  });
  const first = await createEvent({
    creatorId,
    title: "Sunrise Flow",
    startsAt: fromBaliDateTime(today, "07:00"),
    durationMinutes: 75,
    locationSlug: "canggu",
  });
  await db.event.update({ where: { id: first.id }, data: { seriesId: series.id, seriesDate: new Date(`${today}T00:00:00Z`), slug: `${slug}-${today}` } });
  return series;
}

async function datesOf(seriesId: string) {
  const events = await db.event.findMany({ where: { seriesId }, orderBy: { startsAt: "asc" }, include: { location: true } });
  return events.map((event) => ({ ...event, baliDate: toBaliDate(event.startsAt), baliTime: toBaliTime(event.startsAt) }));
}

describe("keeping a series' dates", () => {
  it("creates a running series' dates 12 weeks ahead, each a copy of the template at 07:00 in Bali on its day", async () => {
    const series = await postSeries({ frequency: "WEEKLY", weekdays: ["TU", "TH"] });
    const expected = seriesDates({ frequency: "weekly", days: ["TU", "TH"] }, { date: today, time: "07:00" }, { through: addBaliDays(today, 84) });
    const { created } = await keepSeriesDates(series.id, { today });
    expect(created).toBe(expected.length - 1);
    const dates = await datesOf(series.id);
    expect(dates.map((date) => date.baliDate)).toEqual(expected);
    for (const date of dates) {
      expect(date.baliTime).toBe("07:00");
      expect([2, 4]).toContain(new Date(`${date.baliDate}T00:00:00Z`).getUTCDay());
      expect(date.endsAt.getTime() - date.startsAt.getTime()).toBe(75 * 60_000);
      expect(date).toMatchObject({ title: "Sunrise Flow", status: "PUBLISHED", editedAlone: false, slug: `${series.slug}-${date.baliDate}` });
      expect(date.location.slug).toBe("canggu");
      expect(date.seriesDate?.toISOString().slice(0, 10)).toBe(date.baliDate);
    }
    const stored = await db.eventSeries.findUniqueOrThrow({ where: { id: series.id } });
    expect(stored.datesThrough?.toISOString().slice(0, 10)).toBe(addBaliDays(today, 84));
  });

  it("is idempotent: a second run, or three workers at once, create each date once", async () => {
    const series = await postSeries({ frequency: "WEEKLY", weekdays: ["MO", "WE", "FR"] });
    const results = await Promise.all([1, 2, 3].map(() => keepSeriesDates(series.id, { today })));
    const total = results.reduce((sum, result) => sum + result.created, 0);
    const dates = await datesOf(series.id);
    expect(total).toBe(dates.length - 1);
    expect(new Set(dates.map((date) => date.baliDate)).size).toBe(dates.length);
    expect((await keepSeriesDates(series.id, { today })).created).toBe(0);
    // A week later, the rolling window has moved on by a week: three more dates.
    expect((await keepSeriesDates(series.id, { today: addBaliDays(today, 7) })).created).toBe(3);
  });

  it("creates every date of a series with an end at once, and none after End the series", async () => {
    const counted = await postSeries({ frequency: "BIWEEKLY", weekdays: ["TU"], dateCount: 5 });
    await keepSeriesDates(counted.id, { today });
    expect((await datesOf(counted.id)).map((date) => date.baliDate)).toEqual(["2030-01-01", "2030-01-15", "2030-01-29", "2030-02-12", "2030-02-26"]);

    const ended = await postSeries({ frequency: "WEEKLY", weekdays: ["TU"], untilDate: "2030-06-30", endedAfter: "2030-01-22" });
    await keepSeriesDates(ended.id, { today });
    expect((await datesOf(ended.id)).map((date) => date.baliDate)).toEqual(["2030-01-01", "2030-01-08", "2030-01-15", "2030-01-22"]);
  });

  it("copies from the latest date not edited on its own, and never creates a date in the past", async () => {
    const series = await postSeries({ frequency: "WEEKLY", weekdays: ["TU"], dateCount: 4 });
    const [first] = await datesOf(series.id);
    await db.event.update({ where: { id: first!.id }, data: { title: "Sunrise Flow (moved to the beach)", editedAlone: true } });
    // Nothing left to copy from: no new dates.
    expect((await keepSeriesDates(series.id, { today })).created).toBe(0);
    await db.event.update({ where: { id: first!.id }, data: { editedAlone: false, title: "Sunrise Flow, all levels" } });
    await keepSeriesDates(series.id, { today: "2030-01-10" });
    const dates = await datesOf(series.id);
    expect(dates.map((date) => date.baliDate)).toEqual(["2030-01-01", "2030-01-15", "2030-01-22"]);
    expect(dates.map((date) => date.title)).toEqual(["Sunrise Flow, all levels", "Sunrise Flow, all levels", "Sunrise Flow, all levels"]);
  });

  it("the hourly job tops up every series that runs on, creates a bounded series' dates if they were never created, and leaves ended ones alone", async () => {
    const running = await postSeries({ frequency: "WEEKLY", weekdays: ["SU"] });
    const ended = await postSeries({ frequency: "WEEKLY", weekdays: ["TU"], endedAfter: "2029-12-31" });
    const bounded = await postSeries({ frequency: "WEEKLY", weekdays: ["TU"], dateCount: 3 });
    expect(await keepAllSeriesDates({ today })).toEqual({ series: 2, created: 14 });
    expect(await datesOf(running.id)).toHaveLength(13);
    expect(await datesOf(ended.id)).toHaveLength(1);
    // Published, but its dates were not created then (publishing creates them; the job makes up for a failure).
    expect(await datesOf(bounded.id)).toHaveLength(3);
    // Already 12 weeks ahead: nothing to do.
    expect(await keepAllSeriesDates({ today })).toEqual({ series: 0, created: 0 });
  });

  it("a date's page knows its series: the rule in words and up to 8 next dates, cancelled ones marked", async () => {
    const series = await postSeries({ frequency: "WEEKLY", weekdays: ["TU", "TH"], untilDate: "2030-03-31" });
    await keepSeriesDates(series.id, { today });
    const dates = await datesOf(series.id);
    await db.event.update({ where: { id: dates[2]!.id }, data: { status: "CANCELLED", editedAlone: true } });
    const page = await getPublicEvent(dates[0]!.slug);
    expect(page?.series).toMatchObject({ id: series.id, summary: "Every Tue and Thu", description: "Every Tue and Thu at 07:00 until 31 Mar 2030" });
    // "Now" is today here: the dates are in 2030, all of them still ahead.
    expect(page?.series?.nextDates.map((date) => date.slug)).toEqual(dates.slice(1, 9).map((date) => date.slug));
    expect(page?.series?.nextDates.map((date) => date.isCancelled)).toEqual([false, true, false, false, false, false, false, false]);
    expect(page?.series?.recurrence).toEqual({
      start: "2030-01-01T07:00",
      rrule: "FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;UNTIL=20300331T155959Z",
      durationMinutes: 75,
      cancelledDates: [dates[2]!.baliDate],
    });
    const alone = await createEvent({ creatorId, title: "A One-off Gathering", startsAt: fromBaliDateTime("2030-02-01", "18:00") });
    expect((await getPublicEvent(alone.slug))?.series).toBeNull();
  });

  it("a page of cards knows which dates belong to a series, and the API's summary of each series takes two statements", async () => {
    const weekly = await postSeries({ frequency: "WEEKLY", weekdays: ["TU"], dateCount: 10 });
    const monthly = await postSeries({ frequency: "MONTHLY", dateCount: 3 });
    await Promise.all([keepSeriesDates(weekly.id, { today }), keepSeriesDates(monthly.id, { today })]);
    await createEvent({ creatorId, title: "A One-off Gathering", startsAt: fromBaliDateTime("2030-01-03", "18:00") });
    const now = fromBaliDateTime(today, "00:00");
    const listing = await listPublicEvents({ query: {}, now, limit: 100 });
    expect(new Set(listing.events.map((event) => event.seriesId))).toEqual(new Set([weekly.id, monthly.id, null]));
    const summaries = await seriesSummaries(
      listing.events.map((event) => event.seriesId),
      now,
    );
    expect(summaries.get(weekly.id)).toMatchObject({ id: weekly.id, summary: "Every Tue" });
    expect(summaries.get(weekly.id)?.nextDates).toHaveLength(8);
    expect(summaries.get(monthly.id)).toMatchObject({ summary: "Every month on the 1st" });
    expect(summaries.get(monthly.id)?.nextDates.map((date) => date.startsAt)).toEqual(
      ["2030-01-01", "2030-02-01", "2030-03-01"].map((date) => fromBaliDateTime(date, "07:00").toISOString()),
    );
    expect((await seriesSummaries([null, null])).size).toBe(0);
  });
});
