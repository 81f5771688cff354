import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db";
import { listCalendarDays } from "@/lib/events/list-calendar-events";
import { fromBaliDateTime } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

afterAll(async () => {
  await disconnectDb();
});

describe("the calendar's days", () => {
  beforeAll(async () => {
    await clearEvents();
    const creator = await createCreator({ name: "Calendar Keeper" });
    const base = { creatorId: creator.id };
    // 23:30 on Monday in Bali is 15:30 UTC: a Monday event, not a Monday-in-UTC one by accident.
    await createEvent({ ...base, title: "Late Monday Kirtan", startsAt: fromBaliDateTime("2030-01-07", "23:30") });
    // 00:30 on Tuesday in Bali is still Monday in UTC.
    await createEvent({ ...base, title: "Midnight Tuesday Swim", startsAt: fromBaliDateTime("2030-01-08", "00:30") });
    for (const hour of ["06:00", "07:00", "08:00", "09:00"])
      await createEvent({ ...base, title: `Wednesday Class ${hour}`, startsAt: fromBaliDateTime("2030-01-09", hour) });
    await createEvent({ ...base, title: "Cancelled Thursday", startsAt: fromBaliDateTime("2030-01-10", "18:00"), status: "CANCELLED" });
    await createEvent({ ...base, title: "Canggu Friday", startsAt: fromBaliDateTime("2030-01-11", "18:00"), locationSlug: "canggu", feeIdr: 50_000 });
    await createEvent({ ...base, title: "Draft Saturday", startsAt: fromBaliDateTime("2030-01-12", "18:00"), status: "DRAFT", publishedAt: null });
    await createEvent({ ...base, title: "Next Monday", startsAt: fromBaliDateTime("2030-01-14", "07:00") });
  });

  afterAll(async () => {
    await clearEvents();
  });

  it("puts each visible event on the Bali day it starts, by time, seven days from Monday", async () => {
    const days = await listCalendarDays({ filters: {}, start: "2030-01-07", end: "2030-01-14", perDay: 100 });
    expect(days.map((day) => day.date)).toEqual(["2030-01-07", "2030-01-08", "2030-01-09", "2030-01-10", "2030-01-11", "2030-01-12", "2030-01-13"]);
    expect(days.map((day) => day.events.map((event) => event.title))).toEqual([
      ["Late Monday Kirtan"],
      ["Midnight Tuesday Swim"],
      ["Wednesday Class 06:00", "Wednesday Class 07:00", "Wednesday Class 08:00", "Wednesday Class 09:00"],
      ["Cancelled Thursday"],
      ["Canggu Friday"],
      [],
      [],
    ]);
    expect(days[3]!.events[0]!.isCancelled).toBe(true);
    expect(days[4]!.events[0]).toMatchObject({ location: "Canggu", entranceFeeIdr: 50_000 });
  });

  it("keeps the first few of a busy day and says how many there are", async () => {
    const days = await listCalendarDays({ filters: {}, start: "2030-01-09", end: "2030-01-10", perDay: 3 });
    expect(days).toHaveLength(1);
    expect(days[0]!.events.map((event) => event.title)).toEqual(["Wednesday Class 06:00", "Wednesday Class 07:00", "Wednesday Class 08:00"]);
    expect(days[0]!.total).toBe(4);
  });

  it("filters as / does, and a slug that names nothing leaves every day empty", async () => {
    const canggu = await listCalendarDays({ filters: { location: "canggu" }, start: "2030-01-07", end: "2030-01-14", perDay: 100 });
    expect(canggu.flatMap((day) => day.events.map((event) => event.title))).toEqual(["Canggu Friday"]);
    const search = await listCalendarDays({ filters: { q: "kirt" }, start: "2030-01-07", end: "2030-01-14", perDay: 100 });
    expect(search.flatMap((day) => day.events.map((event) => event.title))).toEqual(["Late Monday Kirtan"]);
    const nowhere = await listCalendarDays({ filters: { location: "atlantis" }, start: "2030-01-07", end: "2030-01-14", perDay: 100 });
    expect(nowhere.every((day) => day.events.length === 0 && day.total === 0)).toBe(true);
  });
});
