/**
 * Island-wide closed days (issue 11): adding one cancels every date of a series on that Bali day with the note
 * "Cancelled: <name>", in one transaction with its audit rows, mails the creators (and the admins about one-off
 * events that day, which stay as they are), and the public pages show the note. Dates a series gets later on a
 * closed day are created cancelled. Real PostgreSQL, Redis and SMTP (a capture server).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fc } from "@fast-check/vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addClosedDayAction, removeClosedDayAction } from "@/app/admin/reference/actions";
import AdminReferencePage from "@/app/admin/reference/page";
import { EventCard } from "@/components/event-card";
import { WeekAgenda } from "@/components/week-agenda";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { TEventFormValues } from "@/lib/events/event-form-schema";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { getCreatorProfile } from "@/lib/events/list-creator-public-events";
import { AGENDA_EVENTS_PER_DAY, listCalendarDays } from "@/lib/events/list-calendar-events";
import { saveEvent } from "@/lib/events/save-event";
import { auth } from "@/lib/http/auth";
import { closeMailTransports } from "@/lib/mail/deliver-mail";
import { closeRedis } from "@/lib/redis";
import { addClosedDay } from "@/lib/series/closed-day-add";
import { listClosedDays } from "@/lib/series/closed-day-list";
import { removeClosedDay } from "@/lib/series/closed-day-remove";
import { keepSeriesDates } from "@/lib/series/keep-series-dates";
import { seriesDates, synchronizedStart, WEEKDAY_CODES, type TRepeatRule } from "@/lib/series/repeat-rule";
import { addBaliDays, fromBaliDateTime, mondayOfBaliWeek, toBaliDate } from "@/lib/time/bali";
import { applyEnv } from "../support/env";
import { clearEvents, createCreator, createEvent, eventFormValues } from "../support/fixtures";
import { caught, digestOf, form, redirectOf } from "../support/server-actions";
import { startSmtpCapture, type TSmtpCapture } from "../support/smtp-capture";

// The session layer only (who is signed in), so that the actions' own admin check runs for real.
vi.mock("@/lib/http/auth", () => ({ auth: vi.fn(() => Promise.resolve(null)) }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers({ "x-zenbali-client-ip": "203.0.113.81" })) }));
const signedIn = vi.mocked(auth) as unknown as { mockResolvedValue: (value: unknown) => void };

// Tuesday 1 January 2030 in Bali: every date here is in the future.
const today = "2030-01-01";
const NYEPI = "Nyepi (island-wide day of silence)";
const NOTE = `Cancelled: ${NYEPI}`;

const savedEnv = { SMTP_URL: process.env.SMTP_URL, MAIL_DIR: process.env.MAIL_DIR };
let smtp: TSmtpCapture;
let mailDir: string;
let admin: { id: string; email: string };
let yogaTeacher: { id: string; email: string };
let danceHost: { id: string; email: string };
let marketHost: { id: string; email: string };

async function creator(name: string) {
  const user = await createCreator({ name });
  return { id: user.id, email: user.email };
}

/** A series and its first date (the template), as posting it leaves them, then its dates kept. */
async function postSeries({
  creatorId,
  title,
  rule,
  start = today,
  time = "07:00",
  keepFrom = start,
}: {
  creatorId: string;
  title: string;
  rule: { frequency: "WEEKLY" | "BIWEEKLY"; weekdays: string[]; untilDate?: string; dateCount?: number };
  start?: string;
  time?: string;
  keepFrom?: string;
}) {
  const slug = `${title.toLowerCase().replace(/[^a-z]+/g, "-")}-${Math.random().toString(36).slice(2, 8)}`;
  const series = await db.eventSeries.create({
    data: {
      slug,
      creatorId,
      frequency: rule.frequency,
      weekdays: rule.weekdays,
      startDate: new Date(`${start}T00:00:00Z`),
      startTime: time,
      durationMinutes: 60,
      untilDate: rule.untilDate ? new Date(`${rule.untilDate}T00:00:00Z`) : null,
      dateCount: rule.dateCount ?? null,
    },
  });
  const first = await createEvent({ creatorId, title, startsAt: fromBaliDateTime(start, time), durationMinutes: 60 });
  await db.event.update({ where: { id: first.id }, data: { seriesId: series.id, seriesDate: new Date(`${start}T00:00:00Z`), slug: `${slug}-${start}` } });
  await keepSeriesDates(series.id, { today: keepFrom });
  return series;
}

async function datesOf(seriesId: string) {
  const events = await db.event.findMany({ where: { seriesId }, orderBy: { startsAt: "asc" } });
  return events.map((event) => ({ ...event, baliDate: toBaliDate(event.startsAt) }));
}

async function dateOn(seriesId: string, baliDate: string) {
  const date = (await datesOf(seriesId)).find((event) => event.baliDate === baliDate);
  if (!date) throw new Error(`no date on ${baliDate}`);
  return date;
}

const actor = () => ({ id: admin.id, email: admin.email });
const signInAs = (who: "admin" | "creator") => {
  signedIn.mockResolvedValue(
    who === "admin"
      ? { user: { id: admin.id, role: "ADMIN", email: admin.email, name: "Admin" } }
      : { user: { id: yogaTeacher.id, role: "CREATOR", email: yogaTeacher.email, name: "Yoga Teacher" } },
  );
};

beforeAll(async () => {
  await clearEvents();
  await db.closedDay.deleteMany();
  await db.auditLog.deleteMany();
  mailDir = await mkdtemp(path.join(tmpdir(), "zenbali-closed-days-mail-"));
  smtp = await startSmtpCapture();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_DIR = mailDir;
  resetEnvForTests();
  const adminUser = await db.user.create({ data: { email: `closed-days-admin-${Date.now()}@example.test`, name: "Admin", role: "ADMIN", passwordHash: "x" } });
  admin = { id: adminUser.id, email: adminUser.email };
  yogaTeacher = await creator("Yoga Teacher");
  danceHost = await creator("Dance Host");
  marketHost = await creator("Market Host");
});

beforeEach(async () => {
  signInAs("admin");
  await clearEvents();
  await db.closedDay.deleteMany();
  await db.auditLog.deleteMany();
});

afterAll(async () => {
  // Other test files have series dates in 2030: leave no closed day behind.
  await clearEvents();
  await db.closedDay.deleteMany();
  await db.auditLog.deleteMany();
  await db.user.deleteMany({ where: { id: { in: [admin.id, yogaTeacher.id, danceHost.id, marketHost.id] } } });
  closeMailTransports();
  await smtp.close();
  await rm(mailDir, { recursive: true, force: true });
  applyEnv(savedEnv);
  resetEnvForTests();
  vi.restoreAllMocks();
  await disconnectDb();
  await closeRedis();
});

describe("adding a closed day", () => {
  it("cancels both series' dates that day with the note, leaves the one-off event alone, audits each, and mails the creators and admins", async () => {
    // Tuesday 15 January 2030: a Tuesday class, a Tuesday-and-Thursday dance, and a one-off market.
    const closed = "2030-01-15";
    const yoga = await postSeries({ creatorId: yogaTeacher.id, title: "Sunrise Flow", rule: { frequency: "WEEKLY", weekdays: ["TU"] } });
    const dance = await postSeries({ creatorId: danceHost.id, title: "Ecstatic Dance", rule: { frequency: "WEEKLY", weekdays: ["TU", "TH"] }, time: "18:30" });
    const market = await createEvent({ creatorId: marketHost.id, title: "Night Market", startsAt: fromBaliDateTime(closed, "17:00") });
    const elsewhere = await createEvent({ creatorId: marketHost.id, title: "Next Day Market", startsAt: fromBaliDateTime("2030-01-16", "17:00") });
    const yogaDate = await dateOn(yoga.id, closed);
    const danceDate = await dateOn(dance.id, closed);
    const nextDanceDate = await dateOn(dance.id, "2030-01-17");

    // Cached before the change: the change must reach them.
    expect((await getPublicEvent(yogaDate.slug))?.status).toBe("PUBLISHED");
    expect((await getPublicEvent(nextDanceDate.slug))?.series?.nextDates.every((date) => !date.isCancelled)).toBe(true);
    const week = { filters: {}, start: mondayOfBaliWeek(closed), end: addBaliDays(mondayOfBaliWeek(closed), 7), perDay: AGENDA_EVENTS_PER_DAY };
    await listCalendarDays(week);

    const added = await addClosedDay({ actor: actor(), ip: "203.0.113.9", date: closed, name: `  Nyepi   (island-wide day of silence) ` });
    expect(added.closedDay).toMatchObject({ date: closed, name: NYEPI });
    expect(added.cancelledDates.map((event) => event.id)).toEqual([yogaDate.id, danceDate.id]);
    expect(added.flaggedEvents.map((event) => event.id)).toEqual([market.id]);

    for (const id of [yogaDate.id, danceDate.id]) {
      const stored = await db.event.findUniqueOrThrow({ where: { id } });
      expect(stored).toMatchObject({ status: "CANCELLED", cancelNote: NOTE });
      expect(stored.cancelledAt).toBeInstanceOf(Date);
    }
    // The one-off events and the other dates are untouched.
    for (const id of [market.id, elsewhere.id, nextDanceDate.id]) {
      expect(await db.event.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PUBLISHED", cancelNote: null, cancelledAt: null });
    }
    expect((await datesOf(yoga.id)).filter((date) => date.status === "CANCELLED").map((date) => date.baliDate)).toEqual([closed]);

    // The audit log: one row per cancelled date and one for the closed day, by the admin, from their address.
    const audit = await db.auditLog.findMany({ orderBy: { createdAt: "asc" } });
    expect(audit.map((row) => [row.action, row.targetId])).toEqual(
      expect.arrayContaining([
        ["event.cancel_closed_day", yogaDate.id],
        ["event.cancel_closed_day", danceDate.id],
        ["closed_day.add", String(added.closedDay.id)],
      ]),
    );
    expect(audit).toHaveLength(3);
    expect(audit.every((row) => row.actorEmail === admin.email && row.ip === "203.0.113.9")).toBe(true);
    expect(audit.find((row) => row.action === "closed_day.add")?.summary).toMatchObject({ date: closed, name: NYEPI, cancelledDates: 2 });

    // The public side, cache and all: the date's page, its series' other pages, the week, the organiser's page.
    const page = await getPublicEvent(yogaDate.slug);
    expect(page).toMatchObject({ status: "CANCELLED", cancelNote: NOTE });
    expect((await getPublicEvent(nextDanceDate.slug))?.series?.nextDates.find((date) => date.slug === danceDate.slug)).toMatchObject({
      isCancelled: true,
      cancelNote: NOTE,
    });
    expect((await getPublicEvent(market.slug))?.cancelNote).toBeNull();
    const day = (await listCalendarDays(week)).find((entry) => entry.date === closed);
    expect(day?.events.map((event) => [event.title, event.isCancelled, event.cancelNote])).toEqual([
      ["Sunrise Flow", true, NOTE],
      ["Night Market", false, null],
      ["Ecstatic Dance", true, NOTE],
    ]);
    const agenda = renderToStaticMarkup(createElement(WeekAgenda, { days: day ? [day] : [], moreHref: () => "/" }));
    expect(agenda).toContain(`<span class="tag tag-red">${NOTE}</span>`);
    const cards = (await getCreatorProfile(yogaTeacher.id))?.events ?? [];
    const card = cards.find((event) => event.slug === yogaDate.slug);
    expect(card).toMatchObject({ isCancelled: true, cancelNote: NOTE });
    expect(renderToStaticMarkup(createElement(EventCard, { event: card! }))).toContain(`<span class="tag tag-red" title="${NOTE}">Cancelled: Nyepi</span>`);

    // The mails: each creator theirs, and every admin one listing the one-off event.
    const yogaMail = await smtp.waitFor((mail) => mail.to.includes(yogaTeacher.email) && mail.subject === `A date cancelled for ${NYEPI}`);
    expect(yogaMail.text).toContain("Tuesday, 15 January 2030 is an island-wide closed day in Bali");
    expect(yogaMail.text).toContain(`http://localhost:3000/events/${yogaDate.slug}`);
    const danceMail = await smtp.waitFor((mail) => mail.to.includes(danceHost.email) && mail.subject === `A date cancelled for ${NYEPI}`);
    expect(danceMail.text).toContain(`http://localhost:3000/events/${danceDate.slug}`);
    expect(danceMail.text).not.toContain(nextDanceDate.slug);
    const flagged = await smtp.waitFor((mail) => mail.to.includes(marketHost.email) && mail.subject === `Your event falls on ${NYEPI}`);
    expect(flagged.text).toContain("not been cancelled");
    expect(flagged.text).toContain(`http://localhost:3000/events/${market.slug}`);
    expect(flagged.text).not.toContain(elsewhere.slug);
    const adminMail = await smtp.waitFor((mail) => mail.to.includes(admin.email) && mail.subject === `${NYEPI}: 1 one-off event on a closed day`);
    expect(adminMail.text).toContain("Night Market (Market Host)");
    expect(adminMail.text).toContain("2 dates of series cancelled");
  });

  it("passes by dates of series that are not public, deleted or already over", async () => {
    const closed = "2030-02-05";
    const series = await db.eventSeries.create({
      data: {
        slug: `fixture-${Date.now()}`,
        creatorId: yogaTeacher.id,
        frequency: "WEEKLY",
        weekdays: ["TU"],
        startDate: new Date(`${today}T00:00:00Z`),
        startTime: "07:00",
        durationMinutes: 60,
      },
    });
    const dateOfSeries = async (title: string, startsAt: Date, extra: { status?: "DRAFT" | "PUBLISHED"; deletedAt?: Date; durationMinutes?: number } = {}) => {
      const event = await createEvent({ creatorId: yogaTeacher.id, title, startsAt, ...extra });
      await db.event.update({ where: { id: event.id }, data: { seriesId: series.id, seriesDate: new Date(`${toBaliDate(startsAt)}T00:00:00Z`) } });
      return event;
    };
    const published = await dateOfSeries("Published Date", fromBaliDateTime(closed, "07:00"));
    const draft = await dateOfSeries("Draft Date", fromBaliDateTime(addBaliDays(closed, 7), "07:00"), { status: "DRAFT" });
    await db.event.update({ where: { id: draft.id }, data: { startsAt: fromBaliDateTime(closed, "09:00"), endsAt: fromBaliDateTime(closed, "10:00") } });
    const deleted = await dateOfSeries("Deleted Date", fromBaliDateTime(addBaliDays(closed, 14), "07:00"), { deletedAt: new Date() });
    await db.event.update({ where: { id: deleted.id }, data: { startsAt: fromBaliDateTime(closed, "11:00"), endsAt: fromBaliDateTime(closed, "12:00") } });
    const added = await addClosedDay({ actor: actor(), date: closed, name: "Galungan" });
    expect(added.cancelledDates.map((event) => event.id)).toEqual([published.id]);
    expect(await db.event.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "DRAFT", cancelNote: null });
    expect(await db.event.findUniqueOrThrow({ where: { id: deleted.id } })).toMatchObject({ status: "PUBLISHED", cancelNote: null });

    // Today: a date that started at 00:00 and lasted a minute is over ("past dates never change").
    const todayInBali = toBaliDate(new Date());
    const midnight = fromBaliDateTime(todayInBali, "00:00");
    const over = await dateOfSeries("Midnight Minute", midnight, { durationMinutes: 1 });
    const result = await addClosedDay({ actor: actor(), date: todayInBali, name: "Kuningan" });
    if (Date.now() - midnight.getTime() > 2 * 60_000) {
      expect(result.cancelledDates).toEqual([]);
      expect((await db.event.findUniqueOrThrow({ where: { id: over.id } })).status).toBe("PUBLISHED");
    }
  });

  it("refuses a past date, an impossible date, a missing name and a date that already is a closed day, with a 4xx AppError and no audit row", async () => {
    const yesterday = addBaliDays(toBaliDate(new Date()), -1);
    const refusal = (input: { date: unknown; name: unknown }) => caught(addClosedDay({ actor: actor(), ...input }));

    const past = await refusal({ date: yesterday, name: "Nyepi" });
    expect(past).toBeInstanceOf(AppError);
    expect(past).toMatchObject({ code: "INVALID_INPUT", status: 422, fields: { date: expect.stringContaining("past") as unknown } });
    expect(await refusal({ date: "2030-02-30", name: "Nyepi" })).toMatchObject({ code: "INVALID_INPUT", fields: { date: expect.any(String) as unknown } });
    expect(await refusal({ date: "", name: "Nyepi" })).toMatchObject({ code: "INVALID_INPUT", fields: { date: "Choose a date." } });
    expect(await refusal({ date: "2030-03-05", name: " \u0000 " })).toMatchObject({ code: "INVALID_INPUT", fields: { name: "Enter a name." } });
    expect(await refusal({ date: "2030-03-05", name: "x".repeat(121) })).toMatchObject({ code: "INVALID_INPUT", status: 422 });
    expect(await db.auditLog.count()).toBe(0);

    await addClosedDay({ actor: actor(), date: "2030-03-05", name: "Nyepi" });
    const duplicate = await refusal({ date: "2030-03-05", name: "Another Nyepi" });
    expect(duplicate).toBeInstanceOf(AppError);
    expect(duplicate).toMatchObject({ code: "CONFLICT", status: 409, message: "Tuesday, 5 March 2030 is already a closed day: “Nyepi”." });
    // Two admins at once: one wins, the other is told.
    const race = await Promise.all([refusal({ date: "2030-03-06", name: "A" }), refusal({ date: "2030-03-06", name: "B" })]);
    expect(race.filter((result) => result === null)).toHaveLength(1);
    expect(race.find((result) => result !== null)).toMatchObject({ code: "CONFLICT", status: 409 });
    expect((await listClosedDays()).map((day) => day.date)).toEqual(["2030-03-05", "2030-03-06"]);
    expect(await db.auditLog.count({ where: { action: "closed_day.add" } })).toBe(2);
  });
});

describe("a series' new dates on a closed day", () => {
  it("keepSeriesDates creates a date that falls on a closed day cancelled, with the note; removing the closed day keeps it cancelled", async () => {
    // Tuesday 2 April 2030 lies beyond the first 12 weeks of a series that starts on 1 January.
    const closed = "2030-04-02";
    const series = await postSeries({ creatorId: yogaTeacher.id, title: "Sunrise Flow", rule: { frequency: "WEEKLY", weekdays: ["TU"] } });
    expect((await datesOf(series.id)).some((date) => date.baliDate === closed)).toBe(false);
    const added = await addClosedDay({ actor: actor(), date: closed, name: NYEPI });
    expect(added.cancelledDates).toEqual([]);

    await getCreatorProfile(yogaTeacher.id); // cached before: the organiser's page must follow

    // A week later the rolling window reaches 2 April.
    expect((await keepSeriesDates(series.id, { today: "2030-01-08" })).created).toBe(1);
    const date = await dateOn(series.id, closed);
    expect(date).toMatchObject({ status: "CANCELLED", cancelNote: NOTE });
    expect((await getPublicEvent(date.slug))?.cancelNote).toBe(NOTE);
    expect((await getCreatorProfile(yogaTeacher.id))?.events.find((event) => event.slug === date.slug)).toMatchObject({ isCancelled: true, cancelNote: NOTE });
    // The dates before it take place, and the template's note (none) is what new dates copy.
    expect((await datesOf(series.id)).filter((other) => other.status !== "PUBLISHED").map((other) => other.baliDate)).toEqual([closed]);

    // The next date is copied from the latest date: the cancelled one. It takes place, with no note.
    expect((await keepSeriesDates(series.id, { today: "2030-01-15" })).created).toBe(1);
    expect(await dateOn(series.id, "2030-04-09")).toMatchObject({ status: "PUBLISHED", cancelNote: null });

    await removeClosedDay({ actor: actor(), id: added.closedDay.id });
    expect(await db.closedDay.count()).toBe(0);
    expect(await dateOn(series.id, closed)).toMatchObject({ status: "CANCELLED", cancelNote: NOTE });
    expect(await db.auditLog.count({ where: { action: "closed_day.remove", targetId: String(added.closedDay.id) } })).toBe(1);
    await expect(removeClosedDay({ actor: actor(), id: added.closedDay.id })).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
  });

  it("a closed day added while a series' dates are being created never leaves a date on it listed", async () => {
    for (let round = 0; round < 4; round += 1) {
      await clearEvents();
      await db.closedDay.deleteMany();
      const closed = addBaliDays("2030-01-08", 7 * round);
      const slug = `race-${round}-${Math.random().toString(36).slice(2, 8)}`;
      const series = await db.eventSeries.create({
        data: {
          slug,
          creatorId: yogaTeacher.id,
          frequency: "WEEKLY",
          weekdays: ["TU"],
          startDate: new Date(`${today}T00:00:00Z`),
          startTime: "07:00",
          durationMinutes: 60,
        },
      });
      const first = await createEvent({ creatorId: yogaTeacher.id, title: "Race Flow", startsAt: fromBaliDateTime(today, "07:00"), durationMinutes: 60 });
      await db.event.update({ where: { id: first.id }, data: { seriesId: series.id, seriesDate: new Date(`${today}T00:00:00Z`), slug: `${slug}-${today}` } });
      await Promise.all([keepSeriesDates(series.id, { today }), addClosedDay({ actor: actor(), date: closed, name: NYEPI })]);
      expect(await dateOn(series.id, closed)).toMatchObject({ status: "CANCELLED", cancelNote: NOTE });
    }
  });

  it("property: for random weekly rules and closed days (added before or after the dates exist), every date on a closed day is cancelled with its note, and no other", async () => {
    const caseArbitrary = fc.record({
      frequency: fc.constantFrom("WEEKLY" as const, "BIWEEKLY" as const),
      weekdays: fc.uniqueArray(fc.constantFrom(...WEEKDAY_CODES), { minLength: 1, maxLength: 7 }),
      startOffset: fc.integer({ min: 0, max: 30 }),
      end: fc.oneof(fc.record({ count: fc.integer({ min: 2, max: 40 }) }), fc.record({ untilDays: fc.integer({ min: 7, max: 150 }) }), fc.constant({})),
      // Closed days as days after the start, each added before the series' dates exist or after.
      closed: fc.uniqueArray(fc.record({ offset: fc.integer({ min: 0, max: 100 }), when: fc.constantFrom("before" as const, "after" as const) }), {
        minLength: 1,
        maxLength: 4,
        selector: (day) => day.offset,
      }),
    });
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async ({ frequency, weekdays, startOffset, end, closed }) => {
        await clearEvents();
        await db.closedDay.deleteMany();
        const words: TRepeatRule = {
          frequency: frequency === "WEEKLY" ? "weekly" : "biweekly",
          days: weekdays,
          ...("count" in end ? { count: end.count } : {}),
        };
        // As posting does: the first date is the first one the rule gives.
        const start = synchronizedStart(words, { date: addBaliDays(today, startOffset), time: "09:15" })?.date;
        if (!start) return;
        const names = new Map(closed.map((day, index) => [addBaliDays(start, day.offset), `Closed day ${index + 1}`]));
        const addAll = async (when: "before" | "after") => {
          for (const day of closed.filter((entry) => entry.when === when)) {
            const date = addBaliDays(start, day.offset);
            await addClosedDay({ actor: actor(), date, name: names.get(date)! });
          }
        };
        await addAll("before");
        const rule = {
          frequency,
          weekdays,
          ...("count" in end ? { dateCount: end.count } : {}),
          ...("untilDays" in end ? { untilDate: addBaliDays(start, end.untilDays) } : {}),
        };
        const series = await postSeries({ creatorId: yogaTeacher.id, title: "Random Flow", rule, start, time: "09:15" });
        await addAll("after");

        const expected = seriesDates(
          { ...words, ...("untilDays" in end ? { until: addBaliDays(start, end.untilDays) } : {}) },
          { date: start, time: "09:15" },
          { through: "count" in end || "untilDays" in end ? undefined : addBaliDays(start, 84) },
        );
        const dates = await datesOf(series.id);
        expect(dates.map((date) => date.baliDate)).toEqual(expected);
        for (const date of dates) {
          const name = names.get(date.baliDate);
          if (name) expect(date, date.baliDate).toMatchObject({ status: "CANCELLED", cancelNote: `Cancelled: ${name}` });
          else expect(date, date.baliDate).toMatchObject({ status: "PUBLISHED", cancelNote: null });
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe("a date moved onto a closed day", () => {
  const form = (date: { title: string }, startDate: string): TEventFormValues => eventFormValues({ title: date.title, startDate });

  it("Save this date only onto a closed day cancels that date with the day's note, like the series' dates on it; a move elsewhere stays published", async () => {
    // Thursday 17 January 2030 is closed: the Tuesday class has no date on it, until one is moved there.
    const closed = "2030-01-17";
    const yoga = await postSeries({ creatorId: yogaTeacher.id, title: "Sunrise Flow", rule: { frequency: "WEEKLY", weekdays: ["TU"] } });
    const added = await addClosedDay({ actor: actor(), date: closed, name: NYEPI });
    expect(added.cancelledDates).toEqual([]);
    const creatorActor = { id: yogaTeacher.id, role: "CREATOR" as const };
    const moved = await dateOn(yoga.id, "2030-01-15");
    const elsewhere = await dateOn(yoga.id, "2030-01-22");
    // Cached before the move: the change must reach it.
    expect((await getPublicEvent(moved.slug))?.status).toBe("PUBLISHED");

    const saved = await saveEvent({ actor: creatorActor, eventId: moved.id, input: form(moved, closed), scope: "date" });
    expect(saved.status).toBe("CANCELLED");
    const stored = await db.event.findUniqueOrThrow({ where: { id: moved.id } });
    expect(stored).toMatchObject({ status: "CANCELLED", cancelNote: NOTE, editedAlone: true, deletedAt: null });
    expect(toBaliDate(stored.startsAt)).toBe(closed);
    expect(await getPublicEvent(moved.slug)).toMatchObject({ status: "CANCELLED", cancelNote: NOTE });

    // Moved to a day that is not closed: published as before.
    expect((await saveEvent({ actor: creatorActor, eventId: elsewhere.id, input: form(elsewhere, "2030-01-23"), scope: "date" })).status).toBe("PUBLISHED");
    for (const date of await datesOf(yoga.id)) {
      if (date.id === moved.id) continue;
      expect(date, date.baliDate).toMatchObject({ status: "PUBLISHED", cancelNote: null });
    }
  });
});

describe("the admin page's actions", () => {
  it("add and remove redirect back to the Closed days section with what happened; creators get a 404", async () => {
    const closed = "2030-01-15";
    await postSeries({ creatorId: yogaTeacher.id, title: "Sunrise Flow", rule: { frequency: "WEEKLY", weekdays: ["TU"] } });
    await createEvent({ creatorId: marketHost.id, title: "Night Market", startsAt: fromBaliDateTime(closed, "17:00") });

    signInAs("creator");
    expect(digestOf(await caught(addClosedDayAction("", form({ date: closed, name: NYEPI }))))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(await db.closedDay.count()).toBe(0);

    signInAs("admin");
    const added = redirectOf(await caught(addClosedDayAction("", form({ date: closed, name: NYEPI }))));
    expect(added.pathname).toBe("/admin/reference");
    expect(added.hash).toBe("#closed-days");
    expect(Object.fromEntries(added.searchParams)).toEqual({ section: "closed-days", done: "closed-day-added", name: NYEPI, cancelled: "1", flagged: "1" });

    const refused = redirectOf(await caught(addClosedDayAction("closed-days", form({ date: closed, name: "Again" }))));
    expect(refused.searchParams.get("kind")).toBe("closed-days");
    expect(refused.searchParams.get("error")).toBe(`Tuesday, 15 January 2030 is already a closed day: “${NYEPI}”.`);
    expect(refused.searchParams.get("typedName")).toBe("Again");

    // The page after the redirect: the section, its form and table, and what happened.
    const html = renderToStaticMarkup(await AdminReferencePage({ searchParams: Promise.resolve(Object.fromEntries(added.searchParams)) }));
    expect(html).toContain('<h2 id="closed-days-heading" class="text-xl font-semibold">Closed days</h2>');
    expect(html).toContain(
      `<p role="status" class="mt-3 rounded-md bg-green-50 p-3 text-green-900">${NYEPI} added: 1 date cancelled, 1 one-off event flagged</p>`,
    );
    expect(html).toMatch(/<label for="closed-day-date"[^>]*>Date<\/label>/);
    expect(html).toMatch(/<label for="closed-day-name"[^>]*>Name<\/label>/);
    expect(html).toContain(">Add closed day</button>");
    expect(html).toContain('<time dateTime="2030-01-15">Tuesday, 15 January 2030</time>');
    expect(html).toContain(`Remove<span class="sr-only"> ${NYEPI} (2030-01-15)</span>`);
    expect(html).toContain("Removing a closed day does not bring back the dates it cancelled.");
    // The locations' section is there too; ?kind=closed-days shows the closed days alone.
    expect(html).toContain(">Locations</h2>");
    const alone = renderToStaticMarkup(await AdminReferencePage({ searchParams: Promise.resolve({ kind: "closed-days" }) }));
    expect(alone).toContain(">Closed days</h2>");
    expect(alone).not.toContain(">Locations</h2>");
    const locationsOnly = renderToStaticMarkup(await AdminReferencePage({ searchParams: Promise.resolve({ kind: "locations" }) }));
    expect(locationsOnly).not.toContain(">Closed days</h2>");

    const [day] = await listClosedDays();
    expect(day).toMatchObject({ date: closed, name: NYEPI, createdBy: admin.email });
    const removed = redirectOf(await caught(removeClosedDayAction(day!.id, "")));
    expect(Object.fromEntries(removed.searchParams)).toEqual({ section: "closed-days", done: "closed-day-removed", name: NYEPI, date: closed });
    expect(await db.closedDay.count()).toBe(0);

    // A name is text, on the admin page and in the note on the public pages.
    const marked = '<img src=x onerror="alert(1)"> Day';
    const { cancelledDates } = await addClosedDay({ actor: actor(), date: "2030-01-22", name: marked });
    const escaped = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Day";
    expect(renderToStaticMarkup(await AdminReferencePage({ searchParams: Promise.resolve({}) }))).toContain(`<td class="p-2 font-medium">${escaped}</td>`);
    const week = { filters: {}, start: "2030-01-21", end: "2030-01-28", perDay: AGENDA_EVENTS_PER_DAY };
    const agenda = renderToStaticMarkup(createElement(WeekAgenda, { days: await listCalendarDays(week), moreHref: () => "/" }));
    expect(cancelledDates).toHaveLength(1);
    expect(agenda).toContain(`<span class="tag tag-red">Cancelled: ${escaped}</span>`);
    expect(agenda).not.toContain("<img");
  });
});
