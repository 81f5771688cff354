/**
 * Writers of a series' dates running at the same moment on real PostgreSQL: the keep-dates job (keepSeriesDates)
 * against a whole-series unpublish or delete, against itself, against "End the series", against "Save this and
 * following dates" with an unpublish, against one date unpublished on its own, and against adding a closed day.
 * Each race is run many times with a fresh series, and its end state must be one that running the two writers one
 * after the other (in either order) gives: no published date after an unpublish, no date after the last date, no
 * date on a closed day left published, no duplicate, and no writer failing (a deadlock would be an error).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { moderateEvent } from "@/lib/admin/moderate-event";
import { db, disconnectDb } from "@/lib/db";
import type { TEventFormValues } from "@/lib/events/event-form-schema";
import { closeRedis } from "@/lib/redis";
import { addClosedDay } from "@/lib/series/closed-day-add";
import { endSeries } from "@/lib/series/end-series";
import { keepSeriesDates } from "@/lib/series/keep-series-dates";
import { saveFollowingDates } from "@/lib/series/save-following-dates";
import { addBaliDays, fromBaliDateTime, toBaliDate } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent, eventFormValues } from "../support/fixtures";

// Tuesday 1 January 2030 in Bali, an hour before the series' first date: every date is still to come.
const today = "2030-01-01";
const now = fromBaliDateTime(today, "06:00");
const REASON = "The venue asked us to take these classes down";
const NYEPI = "Nyepi (island-wide day of silence)";
/** Weekly on Tuesdays from 1 January, kept 12 weeks ahead: 1 January to 26 March. */
const KEPT_DATES = Array.from({ length: 13 }, (_, week) => addBaliDays(today, week * 7));
const ROUNDS = 20;

let admin: { id: string; email: string };

beforeAll(async () => {
  await clearEvents();
  await db.closedDay.deleteMany();
  const user = await db.user.create({ data: { email: `race-admin-${Date.now()}@example.test`, name: "Admin", role: "ADMIN", passwordHash: "x" } });
  admin = { id: user.id, email: user.email };
});

beforeEach(async () => {
  await clearEvents();
  await db.closedDay.deleteMany();
});

afterAll(async () => {
  await clearEvents();
  await db.closedDay.deleteMany();
  await db.auditLog.deleteMany();
  await disconnectDb();
  await closeRedis();
});

/**
 * A published weekly series and its first date (the template), as publishing leaves them before its other dates
 * exist; `kept`: its dates kept too. Each round has its own creator, so creators' change limits never interfere.
 */
async function postSeries({ kept = false, dateCount }: { kept?: boolean; dateCount?: number } = {}) {
  const creator = await createCreator({ name: "Race Teacher" });
  const slug = `race-flow-${Math.random().toString(36).slice(2, 10)}`;
  const series = await db.eventSeries.create({
    data: {
      slug,
      creatorId: creator.id,
      frequency: "WEEKLY",
      weekdays: ["TU"],
      startDate: new Date(`${today}T00:00:00Z`),
      startTime: "07:00",
      durationMinutes: 60,
      dateCount: dateCount ?? null,
    },
  });
  const first = await createEvent({ creatorId: creator.id, title: "Race Flow", startsAt: fromBaliDateTime(today, "07:00"), durationMinutes: 60 });
  await db.event.update({ where: { id: first.id }, data: { seriesId: series.id, seriesDate: new Date(`${today}T00:00:00Z`), slug: `${slug}-${today}` } });
  if (kept) await keepSeriesDates(series.id, { today });
  return { seriesId: series.id, firstId: first.id, actor: { id: creator.id, role: "CREATOR" as const } };
}

async function datesOf(seriesId: string) {
  const rows = await db.event.findMany({ where: { seriesId }, orderBy: [{ seriesDate: "asc" }, { id: "asc" }] });
  return rows.map((row) => ({ ...row, day: toBaliDate(row.startsAt) }));
}

/** Both writers ran to the end: a deadlock, a lock timeout or any other failure is reported with its message. */
async function race(...writers: Promise<unknown>[]): Promise<void> {
  const settled = await Promise.allSettled(writers);
  const failures = settled.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
  expect(failures).toEqual([]);
}

/** Never two rows for one date of a series (the unique index would refuse it; this says so plainly). */
function expectNoDuplicate(dates: { day: string }[]) {
  expect(new Set(dates.map((date) => date.day)).size).toBe(dates.length);
}

describe("writers of a series' dates at the same moment", () => {
  it("the keep-dates job and a whole-series unpublish: no date is left published", async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { seriesId, firstId } = await postSeries();
      await race(
        keepSeriesDates(seriesId, { today }),
        moderateEvent({ actor: admin, eventId: firstId, change: { action: "unpublish", reason: REASON }, scope: "series", now }),
      );
      const dates = await datesOf(seriesId);
      expectNoDuplicate(dates);
      // Unpublished first: the job creates nothing; the job first: every date it created is unpublished too.
      expect([1, KEPT_DATES.length], `round ${round}`).toContain(dates.length);
      for (const date of dates) expect(date, `round ${round}, ${date.day}`).toMatchObject({ status: "UNPUBLISHED", unpublishReason: REASON, deletedAt: null });
    }
  });

  it("the keep-dates job and a whole-series delete: no date is left", async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { seriesId, firstId } = await postSeries();
      await race(keepSeriesDates(seriesId, { today }), moderateEvent({ actor: admin, eventId: firstId, change: { action: "delete" }, scope: "series", now }));
      const dates = await datesOf(seriesId);
      expectNoDuplicate(dates);
      expect(
        dates.filter((date) => date.deletedAt === null).map((date) => date.day),
        `round ${round}`,
      ).toEqual([]);
      // And it stays so: the series has ended.
      expect((await keepSeriesDates(seriesId, { today })).created).toBe(0);
      expect(await db.event.count({ where: { seriesId, deletedAt: null } })).toBe(0);
    }
  });

  it("the keep-dates job twice at once: every date once", async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { seriesId } = await postSeries();
      const results = await Promise.allSettled([keepSeriesDates(seriesId, { today }), keepSeriesDates(seriesId, { today })]);
      expect(results.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []))).toEqual([]);
      const created = results.reduce((sum, result) => sum + (result.status === "fulfilled" ? result.value.created : 0), 0);
      const dates = await datesOf(seriesId);
      expect(dates.map((date) => date.day)).toEqual(KEPT_DATES);
      expect(created, `round ${round}`).toBe(KEPT_DATES.length - 1);
      for (const date of dates) expect(date).toMatchObject({ status: "PUBLISHED", deletedAt: null });
    }
  });

  it("the keep-dates job and End the series: no date after the last date", async () => {
    const lastDate = addBaliDays(today, 14);
    for (let round = 0; round < ROUNDS; round += 1) {
      // Half the rounds with the dates not created yet (the job creates them), half with them kept (the job meets them).
      const { seriesId, firstId, actor } = await postSeries({ kept: round % 2 === 1 });
      await race(keepSeriesDates(seriesId, { today }), endSeries({ actor, eventId: firstId, lastDate, now }));
      const dates = await datesOf(seriesId);
      expectNoDuplicate(dates);
      expect(
        dates.filter((date) => date.deletedAt === null).map((date) => date.day),
        `round ${round}`,
      ).toEqual([today, addBaliDays(today, 7), lastDate]);
      for (const date of dates.filter((row) => row.deletedAt === null)) expect(date.status).toBe("PUBLISHED");
    }
  });

  it("the keep-dates job and one date unpublished on its own: the new dates do not copy its unpublish", async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { seriesId, firstId } = await postSeries();
      await race(keepSeriesDates(seriesId, { today }), moderateEvent({ actor: admin, eventId: firstId, change: { action: "unpublish", reason: REASON }, now }));
      const dates = await datesOf(seriesId);
      expectNoDuplicate(dates);
      // The job first: 13 dates, the first unpublished; the unpublish first: the series has no template left.
      expect([1, KEPT_DATES.length], `round ${round}`).toContain(dates.length);
      for (const date of dates) {
        if (date.id === firstId) expect(date).toMatchObject({ status: "UNPUBLISHED", editedAlone: true });
        else expect(date, `round ${round}, ${date.day}`).toMatchObject({ status: "PUBLISHED", unpublishReason: null, editedAlone: false });
      }
    }
  });

  it("Save this and following dates (a new rule) and a whole-series unpublish: no date is left published", async () => {
    const form = (day: string): TEventFormValues =>
      eventFormValues({
        title: "Race Flow",
        startDate: day,
        repeat: "weekly",
        days: "TU,TH",
        ends: "after",
        count: "8",
      });
    for (let round = 0; round < ROUNDS; round += 1) {
      // Ends after 8 dates, so that the dates the new rule adds do not depend on today's date.
      const { seriesId, firstId, actor } = await postSeries({ kept: true, dateCount: 8 });
      const third = (await datesOf(seriesId))[2]!;
      await race(
        saveFollowingDates({ actor, eventId: third.id, input: form(third.day), now }),
        moderateEvent({ actor: admin, eventId: firstId, change: { action: "unpublish", reason: REASON }, scope: "series", now }),
      );
      const dates = (await datesOf(seriesId)).filter((date) => date.deletedAt === null);
      expectNoDuplicate(dates);
      expect(
        dates.filter((date) => date.status === "PUBLISHED").map((date) => date.day),
        `round ${round}`,
      ).toEqual([]);
    }
  });

  it("adding a closed day while two series' dates are being kept: every date on it is cancelled, no other", async () => {
    const closed = addBaliDays(today, 14);
    for (let round = 0; round < ROUNDS / 2; round += 1) {
      await db.closedDay.deleteMany();
      // One series whose dates the job creates, one whose dates exist (the closed day cancels those).
      const created = await postSeries();
      const existing = await postSeries({ kept: true });
      await race(
        keepSeriesDates(created.seriesId, { today }),
        keepSeriesDates(existing.seriesId, { today }),
        addClosedDay({ actor: admin, date: closed, name: NYEPI, now }),
      );
      for (const seriesId of [created.seriesId, existing.seriesId]) {
        const dates = await datesOf(seriesId);
        expect(dates.map((date) => date.day)).toEqual(KEPT_DATES);
        for (const date of dates) {
          if (date.day === closed) expect(date, `round ${round}`).toMatchObject({ status: "CANCELLED", cancelNote: `Cancelled: ${NYEPI}` });
          else expect(date, `round ${round}, ${date.day}`).toMatchObject({ status: "PUBLISHED", cancelNote: null });
        }
      }
    }
  });
});
