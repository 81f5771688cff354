/**
 * Posting and editing a series through the event form's one save path (lib/events/save-event.ts): a rule makes a
 * draft series of one date; publishing creates its dates (one posting fee); "Save this date only", "Cancel this
 * date", "Save this and following dates" and "End the series" each change what they say and nothing else. Real
 * PostgreSQL and Redis; payments are off (PAYMENT_PROVIDER=none), so publishing is immediate.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { cancelEvent } from "@/lib/events/cancel-event";
import { EMPTY_EVENT_FORM, type TEventFormValues } from "@/lib/events/event-form-schema";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { saveEvent } from "@/lib/events/save-event";
import { closeRedis } from "@/lib/redis";
import { endSeries } from "@/lib/series/end-series";
import { weekdayOf } from "@/lib/series/repeat-words";
import { addBaliDays, toBaliDate, toBaliTime } from "@/lib/time/bali";
import { clearEvents, createCreator } from "../support/fixtures";

const today = toBaliDate(new Date());
/** The next Tuesday at least 3 days away (Bali). */
const firstTuesday = (() => {
  let date = addBaliDays(today, 3);
  while (weekdayOf(date) !== "TU") date = addBaliDays(date, 1);
  return date;
})();

type TActor = { id: string; role: "CREATOR" };
let actor: TActor;

afterAll(async () => {
  await clearEvents();
  await closeRedis();
  await disconnectDb();
});

beforeEach(async () => {
  await clearEvents();
  const creator = await createCreator({ name: `Series Poster ${randomUUID().slice(0, 6)}` });
  await db.user.update({ where: { id: creator.id }, data: { emailVerifiedAt: new Date() } });
  actor = { id: creator.id, role: "CREATOR" };
});

function form(overrides: Partial<TEventFormValues> = {}): TEventFormValues {
  return {
    ...EMPTY_EVENT_FORM,
    title: "Sunrise Flow",
    description: "Vinyasa by the rice fields.",
    startDate: firstTuesday,
    startTime: "07:00",
    durationHours: "1",
    durationMinutes: "15",
    location: "ubud",
    venueName: "Yoga Barn",
    eventType: "yoga",
    entranceType: "pay-at-site",
    entranceFee: "150.000",
    participantGroup: "open",
    contactEmail: "flow@example.test",
    repeat: "weekly",
    days: "TU,TH",
    ends: "after",
    count: "6",
    ...overrides,
  };
}

async function datesOf(seriesId: string) {
  const rows = await db.event.findMany({ where: { seriesId }, orderBy: { seriesDate: "asc" } });
  return rows.map((row) => ({ ...row, day: toBaliDate(row.startsAt), time: toBaliTime(row.startsAt) }));
}

async function postAndPublish(overrides: Partial<TEventFormValues> = {}) {
  const saved = await saveEvent({ actor, eventId: null, input: form(overrides), publish: true });
  const first = await db.event.findUniqueOrThrow({ where: { id: saved.id } });
  return { saved, seriesId: first.seriesId ?? "" };
}

describe("posting a series", () => {
  it("a rule makes a draft of one date; publishing it (one fee) creates every date, and / shows the series once", async () => {
    const draft = await saveEvent({ actor, eventId: null, input: form() });
    const row = await db.event.findUniqueOrThrow({ where: { id: draft.id }, include: { series: true } });
    expect(row.status).toBe("DRAFT");
    expect(row.series?.weekdays).toEqual(["TU", "TH"]);
    expect(row.slug).toBe(`${row.series?.slug ?? ""}-${firstTuesday}`);
    expect(await db.event.count({ where: { seriesId: row.seriesId } })).toBe(1);

    const published = await saveEvent({ actor, eventId: draft.id, input: form(), publish: true });
    expect(published.status).toBe("PUBLISHED");
    const dates = await datesOf(row.seriesId ?? "");
    expect(dates.map((date) => date.day)).toEqual([0, 2, 7, 9, 14, 16].map((days) => addBaliDays(firstTuesday, days)));
    expect(dates.every((date) => date.status === "PUBLISHED" && date.time === "07:00" && date.title === "Sunrise Flow")).toBe(true);

    const listing = await listPublicEvents({ query: {}, now: new Date() });
    expect(listing.total).toBe(1);
    expect(listing.events[0]?.repeats).toBe("Every Tue and Thu");
    expect((await listPublicEvents({ query: { dates: "all" }, now: new Date() })).total).toBe(6);
  });

  it("a start off the rule moves to the rule's first date; a bad rule is refused field by field and saves nothing", async () => {
    const monday = addBaliDays(firstTuesday, -1);
    const draft = await saveEvent({ actor, eventId: null, input: form({ startDate: monday }) });
    expect(toBaliDate((await db.event.findUniqueOrThrow({ where: { id: draft.id } })).startsAt)).toBe(firstTuesday);
    await clearEvents();

    const tooLong = await saveEvent({ actor, eventId: null, input: form({ ends: "on", until: addBaliDays(firstTuesday, 400) }) }).catch(
      (error: unknown) => error,
    );
    expect(tooLong).toBeInstanceOf(AppError);
    expect((tooLong as AppError).fields).toMatchObject({ until: "A series can run for at most 12 months." });
    const badCount = await saveEvent({ actor, eventId: null, input: form({ count: "500", title: "" }) }).catch((error: unknown) => error);
    expect((badCount as AppError).fields).toMatchObject({ count: expect.stringContaining("2 to 200") as string, title: "Enter a title." });
    expect(await db.event.count()).toBe(0);
    expect(await db.eventSeries.count()).toBe(0);
  });

  it("a draft's rule can change, or go: 'Does not repeat' makes it a single event again", async () => {
    const draft = await saveEvent({ actor, eventId: null, input: form() });
    await saveEvent({ actor, eventId: draft.id, input: form({ repeat: "biweekly", days: "TH" }) });
    const moved = await db.event.findUniqueOrThrow({ where: { id: draft.id }, include: { series: true } });
    expect(moved.series?.frequency).toBe("BIWEEKLY");
    expect(toBaliDate(moved.startsAt)).toBe(addBaliDays(firstTuesday, 2));
    await saveEvent({ actor, eventId: draft.id, input: form({ repeat: "" }) });
    const single = await db.event.findUniqueOrThrow({ where: { id: draft.id } });
    expect(single.seriesId).toBeNull();
    expect(await db.eventSeries.count()).toBe(0);
  });
});

describe("editing a published series", () => {
  it("moves one date (this date only), cancels another, then changes the rest from a later date (this and following)", async () => {
    const { seriesId } = await postAndPublish();
    const [first, second, third, fourth] = await datesOf(seriesId);

    // The Thursday of the first week at 08:00, this date only.
    await saveEvent({ actor, eventId: second!.id, input: form({ startDate: second!.day, startTime: "08:00" }), scope: "date" });
    await cancelEvent({ actor, eventId: third!.id });
    await saveEvent({
      actor,
      eventId: fourth!.id,
      input: form({ startDate: fourth!.day, startTime: "07:30", title: "Sunrise Flow (new mats)" }),
      scope: "following",
    });

    const after = await datesOf(seriesId);
    expect(after.map((date) => [date.day, date.time, date.status, date.title])).toEqual([
      [first!.day, "07:00", "PUBLISHED", "Sunrise Flow"],
      [second!.day, "08:00", "PUBLISHED", "Sunrise Flow"],
      [third!.day, "07:00", "CANCELLED", "Sunrise Flow"],
      [fourth!.day, "07:30", "PUBLISHED", "Sunrise Flow (new mats)"],
      [addBaliDays(firstTuesday, 14), "07:30", "PUBLISHED", "Sunrise Flow (new mats)"],
      [addBaliDays(firstTuesday, 16), "07:30", "PUBLISHED", "Sunrise Flow (new mats)"],
    ]);
    expect(after[1]?.editedAlone).toBe(true);
    expect(after[2]?.editedAlone).toBe(true);
    const series = await db.eventSeries.findUniqueOrThrow({ where: { id: seriesId } });
    expect(series.startTime).toBe("07:30");
  });

  it("a changed rule from a date on removes the later dates it no longer gives and keeps the earlier ones", async () => {
    const { seriesId } = await postAndPublish({ ends: "on", until: addBaliDays(firstTuesday, 16), count: "" });
    const dates = await datesOf(seriesId);
    expect(dates).toHaveLength(6);
    await saveEvent({
      actor,
      eventId: dates[2]!.id,
      input: form({ startDate: dates[2]!.day, days: "TU", ends: "on", until: addBaliDays(firstTuesday, 16), count: "" }),
      scope: "following",
    });
    const live = (await datesOf(seriesId)).filter((date) => date.deletedAt === null);
    expect(live.map((date) => date.day)).toEqual([0, 2, 7, 14].map((days) => addBaliDays(firstTuesday, days)));
  });

  it("End the series removes the dates after the last date; another actor's date is not found", async () => {
    const { seriesId } = await postAndPublish();
    const dates = await datesOf(seriesId);
    const { removed } = await endSeries({ actor, eventId: dates[0]!.id, lastDate: dates[3]!.day });
    expect(removed).toBe(2);
    expect((await datesOf(seriesId)).filter((date) => date.deletedAt === null)).toHaveLength(4);
    const stranger = await createCreator({ name: "Stranger" });
    await expect(endSeries({ actor: { id: stranger.id, role: "CREATOR" }, eventId: dates[0]!.id, lastDate: dates[1]!.day })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(endSeries({ actor, eventId: dates[0]!.id, lastDate: "2020-01-01" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("a date a change of rule removed", () => {
  it("comes back when a later change of rule gives it again; a date deleted on its own stays deleted", async () => {
    const { seriesId } = await postAndPublish({ ends: "on", until: addBaliDays(firstTuesday, 16), count: "" });
    const dates = await datesOf(seriesId);
    const untilForm = { ends: "on", until: addBaliDays(firstTuesday, 16), count: "" };
    await saveEvent({ actor, eventId: dates[2]!.id, input: form({ startDate: dates[2]!.day, days: "TU", ...untilForm }), scope: "following" });
    await saveEvent({ actor, eventId: dates[2]!.id, input: form({ startDate: dates[2]!.day, days: "TU,TH", ...untilForm }), scope: "following" });
    const live = (await datesOf(seriesId)).filter((date) => date.deletedAt === null);
    expect(live.map((date) => [date.day, date.status])).toEqual(dates.map((date) => [date.day, "PUBLISHED"]));

    const { deleteEvent } = await import("@/lib/events/delete-event");
    await deleteEvent({ actor, eventId: dates[5]!.id });
    await saveEvent({ actor, eventId: dates[2]!.id, input: form({ startDate: dates[2]!.day, startTime: "07:15", ...untilForm }), scope: "following" });
    expect((await datesOf(seriesId)).filter((date) => date.deletedAt === null)).toHaveLength(5);
  });
});
