/**
 * Series-level moderation on /admin/events (issue 11): a date of a series shows the series' rule and its number of
 * dates; unpublish, feature / unfeature, delete (and publish again) act on "This date only" or on "The whole series"
 * (every date still to come; past dates never change), with one audit row each, and the series' later dates
 * (keepSeriesDates) follow: none published for an unpublished or deleted series, featured ones for a featured one.
 * Real PostgreSQL and Redis; the server action and the page as an admin's browser gets them.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { moderateEventAction } from "@/app/admin/events/actions";
import AdminEventsPage from "@/app/admin/events/page";
import { listAdminEvents } from "@/lib/admin/list-admin-events";
import { moderateEvent } from "@/lib/admin/moderate-event";
import { resolveReport } from "@/lib/admin/resolve-report";
import { db, disconnectDb } from "@/lib/db";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { auth } from "@/lib/http/auth";
import { closeRedis } from "@/lib/redis";
import { keepAllSeriesDates, keepSeriesDates } from "@/lib/series/keep-series-dates";
import { saveFollowingDates } from "@/lib/series/save-following-dates";
import { fromBaliDateTime, toBaliDate } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent, eventFormValues } from "../support/fixtures";
import { caught, digestOf, form, redirectOf } from "../support/server-actions";

// The session layer only (who is signed in), so that the action's own admin check runs for real.
vi.mock("@/lib/http/auth", () => ({ auth: vi.fn(() => Promise.resolve(null)) }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers({ "x-zenbali-client-ip": "203.0.113.91" })) }));
const signedIn = vi.mocked(auth) as unknown as { mockResolvedValue: (value: unknown) => void };

// Tuesday 1 January 2030 in Bali; "now" is Wednesday 9 January at noon: the dates of 1 and 8 January have ended.
const start = "2030-01-01";
const now = fromBaliDateTime("2030-01-09", "12:00");
const REASON = "The venue asked us to take these classes down";

let admin: { id: string; email: string };
let creator: { id: string; email: string; name: string };

beforeAll(async () => {
  await clearEvents();
  const adminUser = await db.user.create({ data: { email: `series-admin-${Date.now()}@example.test`, name: "Admin", role: "ADMIN", passwordHash: "x" } });
  admin = { id: adminUser.id, email: adminUser.email };
  const user = await createCreator({ name: "Made Teacher" });
  creator = { id: user.id, email: user.email, name: user.name };
});

beforeEach(async () => {
  await clearEvents();
  await db.auditLog.deleteMany();
});

afterAll(async () => {
  await clearEvents();
  await db.auditLog.deleteMany();
  await disconnectDb();
  await closeRedis();
});

/** A published series and its first date (the template), as posting it leaves them, then its dates kept from its start. */
async function postSeries(rule: { weekdays: string[]; dateCount?: number }) {
  const slug = `sunrise-flow-${Math.random().toString(36).slice(2, 8)}`;
  const series = await db.eventSeries.create({
    data: {
      slug,
      creatorId: creator.id,
      frequency: "WEEKLY",
      weekdays: rule.weekdays,
      startDate: new Date(`${start}T00:00:00Z`),
      startTime: "07:00",
      durationMinutes: 75,
      dateCount: rule.dateCount ?? null,
    },
  });
  const first = await createEvent({ creatorId: creator.id, title: "Sunrise Flow", startsAt: fromBaliDateTime(start, "07:00"), durationMinutes: 75 });
  await db.event.update({ where: { id: first.id }, data: { seriesId: series.id, seriesDate: new Date(`${start}T00:00:00Z`), slug: `${slug}-${start}` } });
  await keepSeriesDates(series.id, { today: start });
  return series;
}

/** The series' dates, soonest first, with their Bali date and whether they have ended at `now`. */
async function datesOf(seriesId: string) {
  const rows = await db.event.findMany({ where: { seriesId }, orderBy: { startsAt: "asc" } });
  return rows.map((row) => ({ ...row, baliDate: toBaliDate(row.startsAt), ended: row.endsAt <= now }));
}

const auditRows = () => db.auditLog.findMany({ orderBy: { createdAt: "asc" } });

describe("the whole series", () => {
  it("unpublish touches exactly the dates still to come, with the reason, in one audit row; the series then gets no published date", async () => {
    const series = await postSeries({ weekdays: ["TU"] });
    const before = await datesOf(series.id);
    expect(before).toHaveLength(13);
    const past = before.filter((date) => date.ended);
    expect(past.map((date) => date.baliDate)).toEqual(["2030-01-01", "2030-01-08"]);
    // A date's page, cached as a visitor saw it.
    expect(await getPublicEvent(before[5]!.slug)).toMatchObject({ title: "Sunrise Flow" });
    // Acted on from a past date: the dates still to come change, whichever date the admin clicked.
    const done = await moderateEvent({
      actor: admin,
      eventId: past[0]!.id,
      change: { action: "unpublish", reason: REASON },
      scope: "series",
      ip: "203.0.113.9",
      now,
    });
    expect(done).toEqual({ scope: "series", seriesId: series.id, dates: 11 });
    const after = await datesOf(series.id);
    for (const date of after) {
      if (date.ended) expect(date, date.baliDate).toMatchObject({ status: "PUBLISHED", unpublishReason: null, deletedAt: null });
      else expect(date, date.baliDate).toMatchObject({ status: "UNPUBLISHED", unpublishReason: REASON, deletedAt: null });
    }
    expect(await getPublicEvent(after[5]!.slug)).toBeNull();

    const rows = await auditRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorEmail: admin.email, action: "event.unpublish", targetType: "event", targetId: past[0]!.id, ip: "203.0.113.9" });
    expect(rows[0]!.summary).toMatchObject({ scope: "series", seriesId: series.id, dates: 11, reason: REASON });

    // Weeks later the rolling window has moved on: still no new date, and none published.
    expect((await keepSeriesDates(series.id, { today: "2030-01-29" })).created).toBe(0);
    expect(await keepAllSeriesDates({ today: "2030-01-29" })).toMatchObject({ created: 0 });
    expect(await db.event.count({ where: { seriesId: series.id, status: "PUBLISHED", endsAt: { gt: now } } })).toBe(0);
  });

  it("publishing it again brings back every date still to come (a cancelled one cancelled), and its missing dates", async () => {
    const series = await postSeries({ weekdays: ["TU"] });
    const dates = await datesOf(series.id);
    // The creator had cancelled one date ("Cancel this date").
    const cancelled = dates[4]!;
    await db.event.update({ where: { id: cancelled.id }, data: { status: "CANCELLED", cancelledAt: now, editedAlone: true } });
    await moderateEvent({ actor: admin, eventId: dates[3]!.id, change: { action: "unpublish", reason: REASON }, scope: "series", now });
    expect((await db.event.findUniqueOrThrow({ where: { id: cancelled.id } })).status).toBe("UNPUBLISHED");

    const done = await moderateEvent({ actor: admin, eventId: dates[3]!.id, change: { action: "publish" }, scope: "series", now });
    expect(done.dates).toBe(11);
    const after = await datesOf(series.id);
    for (const date of after.filter((row) => !row.ended)) {
      expect(date, date.baliDate).toMatchObject({ status: date.id === cancelled.id ? "CANCELLED" : "PUBLISHED", unpublishReason: null });
    }
    // Published again at noon on 9 January: kept 12 weeks ahead from that day, so 2 April is created, published.
    expect(after.at(-1)).toMatchObject({ baliDate: "2030-04-02", status: "PUBLISHED" });
    expect((await auditRows()).map((row) => [row.action, (row.summary as { scope: string }).scope])).toEqual([
      ["event.unpublish", "series"],
      ["event.publish", "series"],
    ]);
  });

  it("feature touches exactly the dates still to come, and the series' later dates are featured; unfeature takes it back", async () => {
    const series = await postSeries({ weekdays: ["TU"] });
    const dates = await datesOf(series.id);
    const done = await moderateEvent({ actor: admin, eventId: dates[6]!.id, change: { action: "feature" }, scope: "series", now });
    expect(done.dates).toBe(11);
    for (const date of await datesOf(series.id)) expect(date.isFeatured, date.baliDate).toBe(!date.ended);

    // 12 weeks after 29 January: 2 to 23 April.
    expect((await keepSeriesDates(series.id, { today: "2030-01-29" })).created).toBe(4);
    const later = (await datesOf(series.id)).slice(13);
    expect(later.map((date) => [date.baliDate, date.status, date.isFeatured])).toEqual([
      ["2030-04-02", "PUBLISHED", true],
      ["2030-04-09", "PUBLISHED", true],
      ["2030-04-16", "PUBLISHED", true],
      ["2030-04-23", "PUBLISHED", true],
    ]);

    expect((await moderateEvent({ actor: admin, eventId: dates[6]!.id, change: { action: "unfeature" }, scope: "series", now })).dates).toBe(15);
    expect(await db.event.count({ where: { seriesId: series.id, isFeatured: true } })).toBe(0);
    const rows = await auditRows();
    expect(rows.map((row) => row.action)).toEqual(["event.feature", "event.unfeature"]);
    expect(rows.map((row) => row.summary)).toEqual([
      expect.objectContaining({ scope: "series", dates: 11 }),
      expect.objectContaining({ scope: "series", dates: 15 }),
    ]);
  });

  it("delete soft-deletes exactly the dates still to come and ends the series: it never gets a new date", async () => {
    const series = await postSeries({ weekdays: ["TU"] });
    const dates = await datesOf(series.id);
    const done = await moderateEvent({ actor: admin, eventId: dates[2]!.id, change: { action: "delete" }, scope: "series", now });
    expect(done.dates).toBe(11);
    for (const date of await datesOf(series.id)) expect(date.deletedAt === null, date.baliDate).toBe(date.ended);
    // The row of the series stays; it ends with its last date that stays.
    const stored = await db.eventSeries.findUniqueOrThrow({ where: { id: series.id } });
    expect(stored.endedAfter?.toISOString().slice(0, 10)).toBe("2030-01-08");
    expect((await keepSeriesDates(series.id, { today: "2030-01-29" })).created).toBe(0);
    expect(await keepAllSeriesDates({ today: "2030-01-29" })).toEqual({ series: 0, created: 0 });
    expect(await db.event.count({ where: { seriesId: series.id, deletedAt: null } })).toBe(2);

    const [row] = await auditRows();
    expect(row).toMatchObject({ action: "event.delete", targetId: dates[2]!.id });
    expect(row!.summary).toMatchObject({ scope: "series", dates: 11, endedAfter: { before: null, after: "2030-01-08" } });
    // Nothing is left to delete: refused, no second audit row.
    await expect(moderateEvent({ actor: admin, eventId: dates[0]!.id, change: { action: "delete" }, scope: "series", now })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await db.auditLog.count()).toBe(1);
  });
});

describe("the whole series, while its dates are being created", () => {
  it("at the same moment as keepSeriesDates, it neither deadlocks nor is undone: the dates it changed stay changed", async () => {
    for (const change of [{ action: "unpublish", reason: REASON }, { action: "delete" }] as const) {
      for (let round = 0; round < 3; round++) {
        const series = await postSeries({ weekdays: ["MO", "WE", "FR"] });
        const dates = await datesOf(series.id);
        const toCome = dates.filter((date) => !date.ended).map((date) => date.id);
        // Two runs of the hourly job at once, whose windows cover the dates still to come and go further.
        const [done] = await Promise.all([
          moderateEvent({ actor: admin, eventId: dates[0]!.id, change, scope: "series", now }),
          keepSeriesDates(series.id, { today: "2030-02-20" }),
          keepSeriesDates(series.id, { today: "2030-02-27" }),
        ]);
        expect(done.dates).toBeGreaterThanOrEqual(toCome.length);
        const after = await db.event.findMany({ where: { id: { in: toCome } }, select: { status: true, deletedAt: true } });
        const label = `${change.action}, round ${String(round)}`;
        if (change.action === "delete")
          expect(
            after.filter((date) => date.deletedAt === null),
            label,
          ).toEqual([]);
        else
          expect(
            after.filter((date) => date.status !== "UNPUBLISHED"),
            label,
          ).toEqual([]);
      }
    }
  });
});

describe("this date only", () => {
  it("unpublish, feature and delete touch one date, each with one audit row saying so", async () => {
    const series = await postSeries({ weekdays: ["TU", "TH"], dateCount: 10 });
    const dates = await datesOf(series.id);
    const [one, two, three] = [dates[4]!, dates[5]!, dates[6]!];
    expect(await moderateEvent({ actor: admin, eventId: one.id, change: { action: "unpublish", reason: REASON }, now })).toEqual({
      scope: "date",
      seriesId: series.id,
      dates: 1,
    });
    await moderateEvent({ actor: admin, eventId: two.id, change: { action: "feature" }, scope: "date", now });
    await moderateEvent({ actor: admin, eventId: three.id, change: { action: "delete" }, scope: "date", now });
    const after = await datesOf(series.id);
    const changed = after.filter((date) => date.status !== "PUBLISHED" || date.isFeatured || date.deletedAt !== null);
    expect(changed.map((date) => date.id)).toEqual([one.id, two.id, three.id]);
    expect(after.find((date) => date.id === one.id)).toMatchObject({ status: "UNPUBLISHED", unpublishReason: REASON, editedAlone: true });
    expect(after.find((date) => date.id === two.id)).toMatchObject({ isFeatured: true, editedAlone: true });
    const rows = await auditRows();
    expect(rows.map((row) => [row.action, row.targetId])).toEqual([
      ["event.unpublish", one.id],
      ["event.feature", two.id],
      ["event.delete", three.id],
    ]);
    for (const row of rows) expect(row.summary).toMatchObject({ scope: "date", dates: 1, seriesId: series.id });
  });

  it("on the series' latest date, neither passes to the dates it gets later: they are published and not featured", async () => {
    const series = await postSeries({ weekdays: ["TU"] });
    const latest = (await datesOf(series.id)).at(-1)!;
    await moderateEvent({ actor: admin, eventId: latest.id, change: { action: "feature" }, now });
    await moderateEvent({ actor: admin, eventId: latest.id, change: { action: "unpublish", reason: REASON }, now });
    expect((await keepSeriesDates(series.id, { today: "2030-01-29" })).created).toBe(4);
    const later = (await datesOf(series.id)).slice(13);
    expect(later).toHaveLength(4);
    for (const date of later) expect(date, date.baliDate).toMatchObject({ status: "PUBLISHED", isFeatured: false, unpublishReason: null });
  });
});

describe("one date unpublished or deleted on its own stays so", () => {
  it("from /admin/moderation (a report) or /admin/events: marked edited alone, so the keep-dates job and Save this and following dates pass it by", async () => {
    const series = await postSeries({ weekdays: ["TU"] });
    const dates = await datesOf(series.id);
    const [reported, deleted, latest] = [dates[8]!, dates[10]!, dates.at(-1)!];
    // Unpublished from the moderation queue: the report on the series' latest date (its template), and one on another.
    for (const date of [reported, latest]) {
      const report = await db.report.create({ data: { eventId: date.id, reason: "spam" } });
      await resolveReport({ actor: admin, reportId: report.id, resolution: { action: "unpublish", reason: REASON } });
    }
    // Deleted from /admin/events, "This date only".
    await moderateEvent({ actor: admin, eventId: deleted.id, change: { action: "delete" }, scope: "date", now });
    for (const date of [reported, latest]) {
      expect(await db.event.findUniqueOrThrow({ where: { id: date.id } })).toMatchObject({ status: "UNPUBLISHED", unpublishReason: REASON, editedAlone: true });
    }
    expect(await db.event.findUniqueOrThrow({ where: { id: deleted.id } })).toMatchObject({ editedAlone: true, deletedAt: now });

    // The job weeks later: its new dates are copied from a date that follows the series (published), and the deleted one stays deleted.
    expect((await keepSeriesDates(series.id, { today: "2030-01-29" })).created).toBe(4);
    const later = (await datesOf(series.id)).slice(13);
    for (const date of later) expect(date, date.baliDate).toMatchObject({ status: "PUBLISHED", unpublishReason: null, deletedAt: null });
    expect((await db.event.findUniqueOrThrow({ where: { id: deleted.id } })).deletedAt).toEqual(now);

    // "Save this and following dates" from an earlier date: a new title on the dates that follow the series, not on these.
    const from = dates[5]!;
    await saveFollowingDates({
      actor: { id: creator.id, role: "CREATOR" },
      eventId: from.id,
      input: eventFormValues({ title: "Sunrise Flow (new mats)", startDate: from.baliDate, durationMinutes: "15", repeat: "weekly", days: "TU" }),
      now,
    });
    const after = await datesOf(series.id);
    for (const date of [reported, latest, deleted]) {
      expect(
        after.find((row) => row.id === date.id),
        date.baliDate,
      ).toMatchObject({ title: "Sunrise Flow", editedAlone: true, deletedAt: date === deleted ? now : null });
    }
    for (const date of [reported, latest]) expect(after.find((row) => row.id === date.id)?.status).toBe("UNPUBLISHED");
    const followers = after.filter((date) => date.seriesDate! >= from.seriesDate! && !date.editedAlone);
    expect(followers.length).toBe(after.length - 5 - 3);
    for (const date of followers) expect(date, date.baliDate).toMatchObject({ title: "Sunrise Flow (new mats)", status: "PUBLISHED" });
  });
});

describe("refusals change nothing and write no audit row", () => {
  it("a one-off event, restore, a missing reason, an unknown or deleted date", async () => {
    const series = await postSeries({ weekdays: ["TU"], dateCount: 4 });
    const dates = await datesOf(series.id);
    const alone = await createEvent({ creatorId: creator.id, title: "One-off Kirtan", startsAt: fromBaliDateTime("2030-02-01", "19:00") });
    const snapshot = () =>
      db.event.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, isFeatured: true, deletedAt: true, editedAlone: true } });
    const before = await snapshot();
    const refusals: [string, () => Promise<unknown>, string][] = [
      ["one-off", () => moderateEvent({ actor: admin, eventId: alone.id, change: { action: "feature" }, scope: "series", now }), "INVALID_INPUT"],
      ["restore", () => moderateEvent({ actor: admin, eventId: dates[3]!.id, change: { action: "restore" }, scope: "series", now }), "INVALID_INPUT"],
      [
        "no reason",
        () => moderateEvent({ actor: admin, eventId: dates[3]!.id, change: { action: "unpublish", reason: " " }, scope: "series", now }),
        "INVALID_INPUT",
      ],
      ["not a uuid", () => moderateEvent({ actor: admin, eventId: "x'; DROP TABLE events", change: { action: "delete" }, scope: "series", now }), "NOT_FOUND"],
      [
        "unknown",
        () => moderateEvent({ actor: admin, eventId: "00000000-0000-4000-8000-000000000000", change: { action: "delete" }, scope: "series", now }),
        "NOT_FOUND",
      ],
    ];
    for (const [name, attempt, code] of refusals) await expect(attempt(), name).rejects.toMatchObject({ code });
    expect(await snapshot()).toEqual(before);
    await moderateEvent({ actor: admin, eventId: dates[3]!.id, change: { action: "delete" }, now });
    await expect(moderateEvent({ actor: admin, eventId: dates[3]!.id, change: { action: "feature" }, scope: "series", now })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await db.auditLog.count()).toBe(1);
  });
});

describe("/admin/events", () => {
  const signInAs = (who: "admin" | "creator") => {
    signedIn.mockResolvedValue({
      user: who === "admin" ? { id: admin.id, role: "ADMIN", email: admin.email, name: "Admin" } : { ...creator, role: "CREATOR" },
    });
  };
  const render = async (params: Record<string, string>) => renderToStaticMarkup(await AdminEventsPage({ searchParams: Promise.resolve(params) }));

  it("a date of a series shows the series' rule and its number of dates; the list still filters and searches dates", async () => {
    const series = await postSeries({ weekdays: ["TU", "TH"], dateCount: 12 });
    await createEvent({ creatorId: creator.id, title: "One-off Kirtan", startsAt: fromBaliDateTime("2030-02-01", "19:00") });
    const listed = await listAdminEvents({ q: "sunrise" }, { now });
    expect(listed.total).toBe(12);
    expect(listed.events[0]!.series).toEqual({ id: series.id, summary: "Every Tue and Thu", dates: 12, datesToCome: 9 });
    expect((await listAdminEvents({ series: series.id })).total).toBe(12);
    expect((await listAdminEvents({ q: "kirtan" })).events.map((event) => event.series)).toEqual([null]);

    signInAs("admin");
    const html = await render({});
    expect(html).toContain(">Every Tue and Thu · 12 dates</a>");
    expect(html).toContain(`href="/admin/events?series=${series.id}"`);
    // Each action on a date of a series asks which dates.
    expect(html).toContain('<input type="radio" name="scope" checked="" value="date"/>This date only</label>');
    expect(html).toContain('<input type="radio" name="scope" value="series"/>The whole series</label>');
    expect(html.match(/value="series"\/>The whole series/g)).toHaveLength(12 * 3);
    // A one-off event keeps its one-click buttons and no choice.
    const oneOff = await render({ q: "kirtan" });
    expect(oneOff).not.toContain("The whole series");
    expect(oneOff).toMatch(/<form [^>]*><button value="feature"[^>]*>Feature<span class="sr-only"> One-off Kirtan<\/span><\/button><\/form>/);
  });

  it("the action acts on the chosen dates and says so; bad input is refused on the page; a creator gets a 404", async () => {
    const series = await postSeries({ weekdays: ["TU"], dateCount: 6 });
    const dates = await datesOf(series.id);
    const back = `/admin/events?series=${series.id}`;

    signInAs("creator");
    expect(digestOf(await caught(moderateEventAction(dates[2]!.id, back, form({ action: "feature", scope: "series" }))))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(await db.event.count({ where: { isFeatured: true } })).toBe(0);

    signInAs("admin");
    // All 6 dates are in 2030: still to come.
    const featured = redirectOf(await caught(moderateEventAction(dates[2]!.id, back, form({ action: "feature", scope: "series" }))));
    expect(featured.pathname).toBe("/admin/events");
    expect(Object.fromEntries(featured.searchParams)).toEqual({ series: series.id, done: "feature", scope: "series", dates: "6" });
    expect(await db.event.count({ where: { seriesId: series.id, isFeatured: true } })).toBe(6);
    const page = await render(Object.fromEntries(featured.searchParams));
    expect(page).toContain('<p role="status" class="mt-3 rounded-md bg-green-50 p-3 text-green-900">Done: feature — the whole series, 6 dates.</p>');

    const alone = redirectOf(await caught(moderateEventAction(dates[3]!.id, back, form({ action: "unfeature", scope: "date" }))));
    expect(Object.fromEntries(alone.searchParams)).toMatchObject({ done: "unfeature", scope: "date", dates: "1" });
    expect(await render(Object.fromEntries(alone.searchParams))).toContain("Done: unfeature — this date only.");
    expect(await db.event.count({ where: { seriesId: series.id, isFeatured: true } })).toBe(5);

    const audited = await db.auditLog.count();
    const refused = async (fields: Record<string, string>, eventId = dates[2]!.id) => {
      const url = redirectOf(await caught(moderateEventAction(eventId, back, form(fields))));
      expect(url.searchParams.get("done"), JSON.stringify(fields)).toBeNull();
      return url.searchParams.get("error");
    };
    expect(await refused({ action: "feature", scope: "everything" })).toBe("Choose “This date only” or “The whole series”.");
    expect(await refused({ action: "launch", scope: "series" })).toBe("Unknown action.");
    expect(await refused({ scope: "series" })).toBe("Unknown action.");
    expect(await refused({ action: "unpublish", scope: "series", reason: "" })).toBe("Give the creator a reason (at least 3 characters).");
    expect(await refused({ action: "restore", scope: "series" })).toBe("Restore brings back one date at a time: choose “This date only”.");
    expect(await refused({ action: "delete", scope: "series" }, "not-a-uuid")).toBe("This event does not exist.");
    expect(await db.auditLog.count()).toBe(audited);
    const html = await render({ series: series.id, error: "Unknown action.", done: "<b>x</b>", scope: "galaxy" });
    expect(html).toContain('<p role="alert" class="mt-3 rounded-md bg-red-50 p-3 text-red-900">Unknown action.</p>');
    expect(html).not.toContain('role="status"');
  });
});
