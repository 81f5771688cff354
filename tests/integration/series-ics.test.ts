/**
 * Issue 11: the whole-series .ics (/events/<slug>/event.ics of a date in a series) stays true after dates are
 * edited. Rows are changed the way the creator's edits change them (a date moved on its own, a date cancelled,
 * "this and following" changing the time and the title, a date deleted, a change of rule, End the series); the
 * .ics is fetched through its route, read by node-ical and expanded (RRULE, EXDATE, RDATE, overrides), and must
 * give exactly the dates that take place (published, not deleted) at their own times. /events.ics and /feed.xml
 * list the dates one by one, moved ones at their actual times.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getSeriesIcs } from "@/app/events/[slug]/event.ics/route";
import { GET as getEventsIcs } from "@/app/events.ics/route";
import { GET as getRss } from "@/app/feed.xml/route";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { db, disconnectDb } from "@/lib/db";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { expandSeriesIcs } from "@/lib/feeds/expand-ics.test-support";
import { keepSeriesDates } from "@/lib/series/keep-series-dates";
import { addBaliDays, fromBaliDateTime, startOfBaliDay } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

// Tuesday 1 January 2030 in Bali.
const today = "2030-01-01";
const dateOf = (value: string) => new Date(`${value}T00:00:00Z`);
let creatorId: string;

beforeAll(async () => {
  creatorId = (await createCreator({ name: "Series Keeper", organisation: "Sunrise Yoga" })).id;
});

beforeEach(async () => {
  await clearEvents();
});

afterAll(async () => {
  await clearEvents();
  await disconnectDb();
});

/** A series and its first date (the template), as posting it leaves them, then its dates kept as the hourly job keeps them. */
async function postSeries(rule: { weekdays: string[]; untilDate?: string; dateCount?: number }) {
  const slug = `sunrise-flow-${Math.random().toString(36).slice(2, 8)}`;
  const series = await db.eventSeries.create({
    data: {
      slug,
      creatorId,
      frequency: "WEEKLY",
      weekdays: rule.weekdays,
      startDate: dateOf(today),
      startTime: "07:00",
      durationMinutes: 75,
      untilDate: rule.untilDate ? dateOf(rule.untilDate) : null,
      dateCount: rule.dateCount ?? null,
    },
  });
  const first = await createEvent({
    creatorId,
    title: "Sunrise Flow",
    startsAt: fromBaliDateTime(today, "07:00"),
    durationMinutes: 75,
    locationSlug: "canggu",
  });
  await db.event.update({ where: { id: first.id }, data: { seriesId: series.id, seriesDate: dateOf(today), slug: `${slug}-${today}` } });
  await keepSeriesDates(series.id, { today });
  return series;
}

async function rowsOf(seriesId: string) {
  const rows = await db.event.findMany({ where: { seriesId }, orderBy: { seriesDate: "asc" } });
  return rows.map((row) => ({ ...row, date: row.seriesDate?.toISOString().slice(0, 10) ?? "" }));
}

type TRow = Awaited<ReturnType<typeof rowsOf>>[number];

function rowAt(rows: TRow[], date: string): TRow {
  const row = rows.find((candidate) => candidate.date === date);
  if (!row) throw new Error(`No date ${date}`);
  return row;
}

/** Moves a date to a Bali day and time (its series_date stays). */
function moveTo(date: string, time: string, minutes = 75) {
  const startsAt = fromBaliDateTime(date, time);
  return { startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000) };
}

/** The .ics the route serves for a date's slug (the page's data and its cache as the route reads them). */
async function seriesIcs(slug: string): Promise<string> {
  await invalidatePublicCaches("event");
  const response = await getSeriesIcs(new NextRequest(`http://localhost:3000/events/${slug}/event.ics`), { params: Promise.resolve({ slug }) });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  return response.text();
}

/** What the site lists as taking place, as [start, end, title], soonest first. */
async function takingPlace(seriesId: string) {
  const rows = await db.event.findMany({ where: { seriesId, deletedAt: null, status: "PUBLISHED" }, orderBy: [{ startsAt: "asc" }, { title: "asc" }] });
  return rows.map((row) => [row.startsAt.toISOString(), row.endsAt.toISOString(), row.title]);
}

/** What a calendar app makes of the .ics over the series' span (from its first date to `through`, Bali). */
function expanded(text: string, through: string) {
  const result = expandSeriesIcs(text, { from: startOfBaliDay(addBaliDays(today, -7)), to: startOfBaliDay(addBaliDays(through, 1)) });
  expect(result.orphanOverrides).toEqual([]);
  return { ...result, dates: result.instances.map((instance) => [instance.start, instance.end, instance.summary]) };
}

const sequenceOf = (text: string) => Number(/^SEQUENCE:(\d+)\r$/m.exec(text)?.[1]);

describe("the whole-series .ics after dates are edited", () => {
  it("expands to exactly the dates that take place, each at its own time: moved, cancelled, this and following, deleted", async () => {
    const series = await postSeries({ weekdays: ["TU", "TH"], untilDate: "2030-02-28" });
    let rows = await rowsOf(series.id);
    expect(rows).toHaveLength(18);
    const untouched = await seriesIcs(rows[0]!.slug);
    expect(expanded(untouched, "2030-02-28").dates).toEqual(await takingPlace(series.id));
    expect(untouched).not.toContain("RECURRENCE-ID");

    // Save this date only: Thursday 3 January at 08:00, retitled.
    await db.event.update({
      where: { id: rowAt(rows, "2030-01-03").id },
      data: { ...moveTo("2030-01-03", "08:00"), title: "Sunrise Flow on the beach", editedAlone: true },
    });
    // Save this date only: Thursday 17 January moved to Friday 18 January at 06:00 for an hour.
    await db.event.update({ where: { id: rowAt(rows, "2030-01-17").id }, data: { ...moveTo("2030-01-18", "06:00", 60), editedAlone: true } });
    // Cancel this date: Tuesday 8 January.
    await db.event.update({ where: { id: rowAt(rows, "2030-01-08").id }, data: { status: "CANCELLED", cancelledAt: new Date(), editedAlone: true } });
    // Save this and following dates from Tuesday 15 January: 07:30 and a new title; the series says 07:30 now.
    await db.eventSeries.update({ where: { id: series.id }, data: { startTime: "07:30" } });
    for (const row of rows.filter((candidate) => candidate.date >= "2030-01-15" && !candidate.editedAlone && candidate.date !== "2030-01-17")) {
      await db.event.update({ where: { id: row.id }, data: { ...moveTo(row.date, "07:30"), title: "Sunrise Flow, all levels" } });
    }
    // A date deleted: Tuesday 22 January.
    await db.event.update({ where: { id: rowAt(rows, "2030-01-22").id }, data: { deletedAt: new Date() } });

    rows = await rowsOf(series.id);
    const text = await seriesIcs(rowAt(rows, "2030-01-10").slug);
    const lines = text.split("\r\n");
    // The master: the series' start at its time now, the template's title (the latest date not edited on its own).
    expect(lines).toContain("DTSTART;TZID=Asia/Makassar:20300101T073000");
    expect(lines).toContain("DTEND;TZID=Asia/Makassar:20300101T084500");
    expect(lines).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;UNTIL=20300228T155959Z");
    expect(lines).toContain("SUMMARY:Sunrise Flow\\, all levels");
    expect(lines).toContain(`URL:http://localhost:3000/events/${series.slug}-2030-02-28`);
    expect(lines.filter((line) => line.startsWith("EXDATE"))).toEqual([
      "EXDATE;TZID=Asia/Makassar:20300108T073000",
      "EXDATE;TZID=Asia/Makassar:20300122T073000",
    ]);
    expect(lines.filter((line) => line.startsWith("RDATE"))).toEqual([]);
    // Overrides: the dates before "this and following" (07:00, the old title), and the two moved on their own.
    expect(lines.filter((line) => line.startsWith("RECURRENCE-ID")).map((line) => line.slice(-15, -7))).toEqual([
      "20300101",
      "20300103",
      "20300110",
      "20300117",
    ]);

    const { dates, instances, sequences } = expanded(text, "2030-02-28");
    expect(dates).toEqual(await takingPlace(series.id));
    expect(dates).toHaveLength(16);
    expect(instances.find((instance) => instance.start === fromBaliDateTime("2030-01-03", "08:00").toISOString())).toMatchObject({
      summary: "Sunrise Flow on the beach",
      isOverride: true,
    });
    expect(instances.find((instance) => instance.start === fromBaliDateTime("2030-01-18", "06:00").toISOString())).toMatchObject({
      end: fromBaliDateTime("2030-01-18", "07:00").toISOString(),
      isOverride: true,
    });
    // One SEQUENCE for the master and its overrides, never below the copy's before the edits.
    expect(new Set(sequences).size).toBe(1);
    expect(sequences[0]).toBeGreaterThanOrEqual(sequenceOf(untouched));
    expect(sequenceOf(untouched)).toBeGreaterThan(0);

    // A change a second later is a newer version: its SEQUENCE is higher (it counts seconds).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await db.event.update({ where: { id: rowAt(rows, "2030-02-05").id }, data: { status: "CANCELLED", cancelledAt: new Date(), editedAlone: true } });
    const after = await seriesIcs(rows[0]!.slug);
    expect(sequenceOf(after)).toBeGreaterThan(sequences[0]!);
    expect(expanded(after, "2030-02-28").dates).toEqual(await takingPlace(series.id));
  });

  it("after a change of rule (Tue and Thu became Wed from 15 January), adds the earlier dates as RDATEs and starts at the new rule's first date", async () => {
    const series = await postSeries({ weekdays: ["TU", "TH"] });
    const rows = await rowsOf(series.id);
    // The earlier dates: one moved on its own, one cancelled.
    await db.event.update({ where: { id: rowAt(rows, "2030-01-03").id }, data: { ...moveTo("2030-01-03", "08:00"), editedAlone: true } });
    await db.event.update({ where: { id: rowAt(rows, "2030-01-08").id }, data: { status: "CANCELLED", cancelledAt: new Date(), editedAlone: true } });
    // This and following from 15 January: the later dates the new rule does not give are deleted, the new ones created.
    await db.event.updateMany({
      where: { seriesId: series.id, seriesDate: { gte: dateOf("2030-01-15") }, editedAlone: false },
      data: { deletedAt: new Date() },
    });
    await db.eventSeries.update({ where: { id: series.id }, data: { weekdays: ["WE"] } });
    await keepSeriesDates(series.id, { today: "2030-01-15" });
    const stored = await db.eventSeries.findUniqueOrThrow({ where: { id: series.id } });
    const through = stored.datesThrough!.toISOString().slice(0, 10);
    expect(through).toBe("2030-04-09");

    const text = await seriesIcs(rowAt(rows, "2030-01-01").slug);
    const lines = text.split("\r\n");
    // Wednesday 2 January is the new rule's first date: DTSTART there (synchronized), excluded, as is 9 January.
    expect(lines).toContain("DTSTART;TZID=Asia/Makassar:20300102T070000");
    // A series that runs on ends where its posting fee ends, 12 months on.
    expect(lines).toContain("RRULE:FREQ=WEEKLY;BYDAY=WE;WKST=MO;UNTIL=20310101T155959Z");
    expect(lines.filter((line) => line.startsWith("EXDATE"))).toEqual([
      "EXDATE;TZID=Asia/Makassar:20300102T070000",
      "EXDATE;TZID=Asia/Makassar:20300109T070000",
    ]);
    expect(lines.filter((line) => line.startsWith("RDATE"))).toEqual([
      "RDATE;TZID=Asia/Makassar:20300101T070000",
      "RDATE;TZID=Asia/Makassar:20300103T070000",
      "RDATE;TZID=Asia/Makassar:20300110T070000",
    ]);
    expect(lines.filter((line) => line.startsWith("RECURRENCE-ID"))).toEqual(["RECURRENCE-ID;TZID=Asia/Makassar:20300103T070000"]);
    const { dates } = expanded(text, through);
    expect(dates).toEqual(await takingPlace(series.id));
    expect(dates.slice(0, 4).map(([start]) => start)).toEqual([
      fromBaliDateTime("2030-01-01", "07:00").toISOString(),
      fromBaliDateTime("2030-01-03", "08:00").toISOString(),
      fromBaliDateTime("2030-01-10", "07:00").toISOString(),
      fromBaliDateTime("2030-01-16", "07:00").toISOString(),
    ]);
  });

  it("ended early (End the series on a series of 10 dates): UNTIL instead of COUNT, and nothing after the end", async () => {
    const series = await postSeries({ weekdays: ["TU", "TH"], dateCount: 10 });
    await db.eventSeries.update({ where: { id: series.id }, data: { endedAfter: dateOf("2030-01-15") } });
    await db.event.updateMany({ where: { seriesId: series.id, seriesDate: { gt: dateOf("2030-01-15") } }, data: { deletedAt: new Date() } });
    const text = await seriesIcs((await rowsOf(series.id))[0]!.slug);
    expect(text).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;UNTIL=20300115T155959Z\r\n");
    expect(text).not.toMatch(/COUNT=|EXDATE|RDATE/);
    expect(expanded(text, "2030-03-31").dates).toEqual(await takingPlace(series.id));
    expect(await takingPlace(series.id)).toHaveLength(5);
  });

  it("the event page's recurrence (also in /api/events/<slug>) is the .ics master: start, rule and the dates that do not take place", async () => {
    const series = await postSeries({ weekdays: ["TU", "TH"], untilDate: "2030-01-31" });
    const rows = await rowsOf(series.id);
    await db.event.update({ where: { id: rowAt(rows, "2030-01-10").id }, data: { deletedAt: new Date() } });
    await db.event.update({ where: { id: rowAt(rows, "2030-01-15").id }, data: { status: "UNPUBLISHED" } });
    await invalidatePublicCaches("event");
    const page = await getPublicEvent(rows[0]!.slug);
    expect(page?.series?.recurrence).toEqual({
      start: "2030-01-01T07:00",
      rrule: "FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;UNTIL=20300131T155959Z",
      durationMinutes: 75,
      cancelledDates: ["2030-01-10", "2030-01-15"],
    });
  });
});

describe("/events.ics and /feed.xml list the dates one by one", () => {
  it("moved dates at their actual times, cancelled ones CANCELLED with a higher SEQUENCE, deleted ones not at all", async () => {
    const series = await postSeries({ weekdays: ["TU", "TH"], untilDate: "2030-01-17" });
    const rows = await rowsOf(series.id);
    const moved = rowAt(rows, "2030-01-03");
    await db.event.update({ where: { id: moved.id }, data: { ...moveTo("2030-01-03", "08:00"), editedAlone: true } });
    const cancelled = rowAt(rows, "2030-01-08");
    await db.event.update({ where: { id: cancelled.id }, data: { status: "CANCELLED", cancelledAt: new Date(), editedAlone: true } });
    const deleted = rowAt(rows, "2030-01-10");
    await db.event.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    await invalidatePublicCaches("event");

    const text = await (await getEventsIcs(new NextRequest("http://localhost:3000/events.ics"))).text();
    const blocks = text.split("BEGIN:VEVENT\r\n").slice(1);
    const blockOf = (id: string) => blocks.find((block) => block.includes(`UID:${id}@zenbali\r\n`));
    expect(blocks.filter((block) => block.includes(`/events/${series.slug}-`))).toHaveLength(rows.length - 1);
    expect(blockOf(moved.id)).toContain("DTSTART:20300103T000000Z\r\nDTEND:20300103T011500Z\r\n");
    expect(blockOf(rowAt(rows, "2030-01-01").id)).toContain("DTSTART:20291231T230000Z\r\n");
    expect(blockOf(cancelled.id)).toContain("STATUS:CANCELLED\r\nSEQUENCE:1\r\n");
    expect(blockOf(deleted.id)).toBeUndefined();
    expect(text).not.toContain("RRULE");

    const rss = await (await getRss(new NextRequest("http://localhost:3000/feed.xml"))).text();
    const item = rss.split("<item>").find((candidate) => candidate.includes(`/events/${moved.slug}<`));
    expect(item).toContain("08:00");
    expect(rss).not.toContain(`/events/${deleted.slug}<`);
  });
});
