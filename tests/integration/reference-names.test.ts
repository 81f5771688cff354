import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addClosedDayAction, addReferenceAction, changeReferenceAction, translateClosedDayAction } from "@/app/admin/reference/actions";
import { PATCH as patchItemRoute } from "@/app/api/admin/reference/[kind]/[id]/route";
import { GET as getKindRoute, POST as postKindRoute } from "@/app/api/admin/reference/[kind]/route";
import { GET as publicEntranceTypesRoute } from "@/app/api/entrance-types/route";
import { GET as publicEventTypesRoute } from "@/app/api/event-types/route";
import { EventCard } from "@/components/event-card";
import { EventFilters } from "@/components/event-filters";
import { MonthGrid } from "@/components/month-grid";
import { WeekAgenda } from "@/components/week-agenda";
import { db, disconnectDb } from "@/lib/db";
import { listCalendarDays } from "@/lib/events/list-calendar-events";
import { getCreatorProfile } from "@/lib/events/list-creator-public-events";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { auth } from "@/lib/http/auth";
import { closeRedis } from "@/lib/redis";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import { localizedName } from "@/lib/reference/localized-name";
import { ENTRANCE_TYPES, EVENT_TYPES, PARTICIPANT_GROUPS } from "@/lib/reference/reference-data";
import { addReferenceItem, moveReferenceItem, updateReferenceItem } from "@/lib/reference/manage-reference";
import { listAdminReference } from "@/lib/reference/manage-reference-list";
import { addClosedDay } from "@/lib/series/closed-day-add";
import { listClosedDays } from "@/lib/series/closed-day-list";
import { closedDayNamesOfNotes } from "@/lib/series/closed-day-note-names";
import { translateClosedDay } from "@/lib/series/closed-day-translate";
import { addBaliDays, fromBaliDateTime } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";
import { asymmetric } from "../support/asymmetric";
import { caught, form, redirectOf } from "../support/server-actions";

// The session layer only (who is signed in), so that the actions' and routes' own admin checks run for real.
vi.mock("@/lib/http/auth", () => ({ auth: vi.fn(() => Promise.resolve(null)) }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers({ "x-zenbali-client-ip": "203.0.113.78" })) }));
const signedIn = vi.mocked(auth) as unknown as { mockResolvedValue: (value: unknown) => void };

let admin: { id: string; email: string };
let creatorId: string;
const actor = () => ({ id: admin.id, email: admin.email });
const unique = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;
const auditRows = (where: { targetId?: string; action?: string; targetType?: string }) => db.auditLog.findMany({ where, orderBy: { createdAt: "asc" } });
const CLOSED_DAY = "2031-03-25";

const json = (method: string, path: string, body?: unknown) =>
  new NextRequest(new URL(path, "http://app.test"), {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

beforeAll(async () => {
  await clearEvents();
  const adminUser = await db.user.create({ data: { email: `admin-names-${randomUUID()}@example.test`, name: "Admin", role: "ADMIN", passwordHash: "x" } });
  admin = { id: adminUser.id, email: adminUser.email };
  creatorId = (await createCreator({ name: "Names Creator" })).id;
});

beforeEach(() => {
  signedIn.mockResolvedValue({ user: { id: admin.id, role: "ADMIN", email: admin.email, name: "Admin" } });
});

afterAll(async () => {
  await clearEvents();
  await db.closedDay.deleteMany({ where: { date: new Date(`${CLOSED_DAY}T00:00:00Z`) } });
  await db.user.deleteMany({ where: { id: { in: [admin.id, creatorId] } } });
  await disconnectDb();
  await closeRedis();
});

describe("reference names per language", () => {
  it("the seed gives event types, entrance types and participant groups their Indonesian and Russian names; English stays as listed", async () => {
    const reference = await listReferenceData();
    const yoga = reference.eventTypes.find((item) => item.slug === "sound-healing")!;
    expect(yoga).toMatchObject({ name: "Sound Healing", names: { id: "Penyembuhan dengan Suara", ru: "Звукотерапия" } });
    expect(reference.entranceTypes.find((item) => item.slug === "free")).toMatchObject({ name: "Free", names: { id: "Gratis", ru: "Бесплатно" } });
    expect(reference.participantGroups.find((item) => item.slug === "females-only")).toMatchObject({
      name: "Females Only",
      names: { ru: "Только для женщин" },
    });
    // Locations keep one name.
    expect(reference.locations[0]).toEqual({ id: asymmetric.any(Number), name: "Ubud", slug: "ubud" });
    // Every seeded item (other test files add their own, untranslated).
    const seeded = { eventTypes: EVENT_TYPES, entranceTypes: ENTRANCE_TYPES, participantGroups: PARTICIPANT_GROUPS };
    for (const kind of ["eventTypes", "entranceTypes", "participantGroups"] as const) {
      for (const name of seeded[kind]) {
        const item = reference[kind].find((entry) => entry.name === name);
        expect(Object.keys(item?.names ?? {}).sort(), name).toEqual(["id", "ru"]);
      }
    }
  });

  it("an admin adds and edits translations; each change is audited once, the public lists follow at once, a missing one falls back to English", async () => {
    expect((await listReferenceData()).eventTypes.length).toBeGreaterThan(0); // fills the reference cache
    const name = unique("Kecak Dance");
    const item = await addReferenceItem({ actor: actor(), kind: "event-types", name, names: { id: `  Tari   Kecak ${name.slice(-8)} `, ru: "" } });
    expect(item).toMatchObject({ name, names: { id: `Tari Kecak ${name.slice(-8)}` } });
    const listed = (await listReferenceData()).eventTypes.find((entry) => entry.id === item.id)!;
    expect(localizedName(listed, "id")).toBe(`Tari Kecak ${name.slice(-8)}`);
    expect(localizedName(listed, "ru")).toBe(name); // no Russian name: English
    expect((await auditRows({ targetType: "event_type", targetId: String(item.id) }))[0]!.summary).toMatchObject({
      after: { name, names: { id: `Tari Kecak ${name.slice(-8)}` } },
    });

    const translated = await updateReferenceItem({ actor: actor(), kind: "event-types", id: item.id, change: { names: { id: "Tari Kecak", ru: "Кечак" } } });
    expect(translated).toMatchObject({ action: "reference.translate", item: { name, slug: item.slug, names: { id: "Tari Kecak", ru: "Кечак" } } });
    expect(
      localizedName(
        (await listReferenceData()).eventTypes.find((entry) => entry.id === item.id)!,
        "ru",
      ),
    ).toBe("Кечак");
    // The same again changes nothing and writes nothing.
    expect(
      (await updateReferenceItem({ actor: actor(), kind: "event-types", id: item.id, change: { names: { ru: "Кечак", id: "Tari Kecak" } } })).action,
    ).toBeNull();
    const rows = await auditRows({ targetType: "event_type", targetId: String(item.id), action: "reference.translate" });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.summary).toMatchObject({ before: { names: { id: `Tari Kecak ${name.slice(-8)}` } }, after: { names: { id: "Tari Kecak", ru: "Кечак" } } });
    expect((await listAdminReference("event-types")).find((entry) => entry.id === item.id)).toMatchObject({ names: { id: "Tari Kecak", ru: "Кечак" } });
  });

  it("refuses a too long translation, an unknown language and translations of a location, writing nothing", async () => {
    const item = await addReferenceItem({ actor: actor(), kind: "entrance-types", name: unique("Pay What You Can") });
    const before = await db.auditLog.count();
    await expect(
      updateReferenceItem({ actor: actor(), kind: "entrance-types", id: item.id, change: { names: { ru: "я".repeat(101) } } }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "“Name (Русский)” must be at most 100 characters.",
    });
    await expect(updateReferenceItem({ actor: actor(), kind: "entrance-types", id: item.id, change: { names: { fr: "Prix libre" } } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "Unknown language “fr” in names: use id or ru.",
    });
    await expect(addReferenceItem({ actor: actor(), kind: "locations", name: unique("Balangan"), names: { ru: "Баланган" } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "Locations keep one name in every language.",
    });
    expect(await db.auditLog.count()).toBe(before);
    expect((await db.entranceType.findUniqueOrThrow({ where: { id: item.id } })).names).toEqual({});
  });

  it("the admin JSON API accepts and returns names; bad ones are a 422", async () => {
    const name = unique("Fire Dance");
    const created = await postKindRoute(
      json("POST", "/api/admin/reference/event-types", { name, names: { ru: "Огненное шоу" } }),
      ctx({ kind: "event-types" }),
    );
    expect(created.status).toBe(201);
    const { item } = (await created.json()) as { item: { id: number; names: Record<string, string> } };
    expect(item.names).toEqual({ ru: "Огненное шоу" });

    const patch = (body: unknown) =>
      patchItemRoute(json("PATCH", `/api/admin/reference/event-types/${item.id}`, body), ctx({ kind: "event-types", id: String(item.id) }));
    const patched = await patch({ names: { id: "Tari Api", ru: "Огненное шоу" } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ item: { id: item.id, name, names: { id: "Tari Api", ru: "Огненное шоу" } } });

    const unknown = await patch({ names: { xx: "?" } });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ error: { code: "invalid_input", message: "Unknown language “xx” in names: use id or ru." } });
    expect((await patch({ names: { id: "x".repeat(101) } })).status).toBe(422);
    expect((await patch({ names: "Tari Api" })).status).toBe(422);

    const list = (await (await getKindRoute(json("GET", "/api/admin/reference/event-types"), ctx({ kind: "event-types" }))).json()) as {
      items: { id: number; names: Record<string, string> }[];
    };
    expect(list.items.find((entry) => entry.id === item.id)?.names).toEqual({ id: "Tari Api", ru: "Огненное шоу" });
    const locations = (await (await getKindRoute(json("GET", "/api/admin/reference/locations"), ctx({ kind: "locations" }))).json()) as { items: object[] };
    expect(locations.items[0]).not.toHaveProperty("names");

    // The public JSON lists: `names` alongside the fields they had.
    const types = (await (await publicEventTypesRoute(json("GET", "/api/event-types"), {})).json()) as { eventTypes: Record<string, unknown>[] };
    expect(types.eventTypes.find((entry) => entry.id === item.id)).toEqual({
      id: item.id,
      name,
      slug: asymmetric.any(String),
      names: { id: "Tari Api", ru: "Огненное шоу" },
    });
    const entrances = (await (await publicEntranceTypesRoute(json("GET", "/api/entrance-types"), {})).json()) as { entranceTypes: Record<string, unknown>[] };
    expect(entrances.entranceTypes.find((entry) => entry.slug === "free")).toMatchObject({ name: "Free", names: { id: "Gratis", ru: "Бесплатно" } });
  });

  it("the admin page's forms save the names in other languages with a message", async () => {
    const name = unique("Gamelan Class");
    const added = redirectOf(await caught(addReferenceAction("event-types", "", form({ name, name_id: "Kelas Gamelan", name_ru: "" }))));
    expect(added.searchParams.get("done")).toBe("added");
    const item = await db.eventType.findUniqueOrThrow({ where: { name } });
    expect(item.names).toEqual({ id: "Kelas Gamelan" });

    const saved = redirectOf(
      await caught(changeReferenceAction("event-types", item.id, "", form({ action: "rename", name, name_id: "Kelas Gamelan", name_ru: "Уроки гамелана" }))),
    );
    expect(Object.fromEntries(saved.searchParams)).toEqual({ done: "translated", name });
    expect((await db.eventType.findUniqueOrThrow({ where: { id: item.id } })).names).toEqual({ id: "Kelas Gamelan", ru: "Уроки гамелана" });

    const tooLong = redirectOf(await caught(changeReferenceAction("event-types", item.id, "", form({ action: "rename", name, name_ru: "я".repeat(101) }))));
    expect(tooLong.searchParams.get("error")).toBe("“Name (Русский)” must be at most 100 characters.");
  });

  it("a listing on /id and /ru shows the event type in that language on the cards and in the filter form; English stays English", async () => {
    const type = await db.eventType.findUniqueOrThrow({ where: { slug: "sound-healing" } });
    await createEvent({ creatorId, title: "Gong Bath", startsAt: new Date(Date.now() + 3 * 86_400_000), typeSlug: type.slug });
    const { events } = await listPublicEvents({ query: { type: "sound-healing" } });
    const event = events.find((entry) => entry.title === "Gong Bath")!;
    expect(event.eventType).toEqual({ name: "Sound Healing", slug: "sound-healing", names: { id: "Penyembuhan dengan Suara", ru: "Звукотерапия" } });
    const card = (locale: "en" | "id" | "ru") => renderToStaticMarkup(createElement(EventCard, { event, locale }));
    expect(card("id")).toContain("Penyembuhan dengan Suara");
    expect(card("ru")).toContain("Звукотерапия");
    expect(card("en")).toContain("Sound Healing");
    expect(card("en")).not.toContain("Звукотерапия");

    const reference = await listReferenceData();
    const filters = (locale: "en" | "id" | "ru") => renderToStaticMarkup(createElement(EventFilters, { query: {}, reference, locale }));
    expect(filters("id")).toContain('<option value="sound-healing">Penyembuhan dengan Suara</option>');
    expect(filters("ru")).toContain('<option value="free">Бесплатно</option>');
    expect(filters("en")).toContain('<option value="sound-healing">Sound Healing</option>');
    // Locations stay as they are.
    expect(filters("ru")).toContain('<option value="ubud">Ubud</option>');
  });

  it("a closed day takes its names in other languages from the add form; its dates' notes show in the reader's language, English as stored", async () => {
    await expect(addClosedDay({ actor: actor(), date: CLOSED_DAY, name: "Nyepi", names: { ru: "я".repeat(121) } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "“Name (Русский)” must be at most 120 characters.",
    });
    const refused = redirectOf(
      await caught(addClosedDayAction("", form({ date: CLOSED_DAY, name: "Nyepi", name_ru: "День тишины", name_id: "x".repeat(121) }))),
    );
    expect(refused.searchParams.get("error")).toBe("“Name (Bahasa Indonesia)” must be at most 120 characters.");
    expect(refused.searchParams.get("typedName_ru")).toBe("День тишины");

    // A date of a weekly series on that day.
    const series = await db.eventSeries.create({
      data: {
        slug: `names-fixture-${Date.now()}`,
        creatorId,
        frequency: "WEEKLY",
        weekdays: ["TU"],
        startDate: new Date(`${CLOSED_DAY}T00:00:00Z`),
        startTime: "07:00",
        durationMinutes: 60,
      },
    });
    const date = await createEvent({ creatorId, title: "Silent Sunrise Yoga", startsAt: fromBaliDateTime(CLOSED_DAY, "07:00"), durationMinutes: 60 });
    await db.event.update({ where: { id: date.id }, data: { seriesId: series.id, seriesDate: new Date(`${CLOSED_DAY}T00:00:00Z`) } });

    const added = redirectOf(
      await caught(
        addClosedDayAction(
          "",
          form({ date: CLOSED_DAY, name: "Nyepi (island-wide day of silence)", name_id: "Nyepi (hari hening)", name_ru: "Ньепи (день тишины)" }),
        ),
      ),
    );
    expect(Object.fromEntries(added.searchParams)).toMatchObject({ done: "closed-day-added", cancelled: "1" });
    expect((await listClosedDays()).find((day) => day.date === CLOSED_DAY)).toMatchObject({
      name: "Nyepi (island-wide day of silence)",
      names: { id: "Nyepi (hari hening)", ru: "Ньепи (день тишины)" },
    });
    // The stored note stays English (the API and the fallback).
    expect((await db.event.findUniqueOrThrow({ where: { id: date.id } })).cancelNote).toBe("Cancelled: Nyepi (island-wide day of silence)");

    const { events } = await listPublicEvents({ query: { from: CLOSED_DAY, to: CLOSED_DAY } });
    const card = events.find((event) => event.id === date.id)!;
    expect(card).toMatchObject({
      cancelNote: "Cancelled: Nyepi (island-wide day of silence)",
      cancelNoteNames: { id: "Nyepi (hari hening)", ru: "Ньепи (день тишины)" },
    });
    const cardHtml = (locale: "en" | "id" | "ru") => renderToStaticMarkup(createElement(EventCard, { event: card, locale }));
    expect(cardHtml("ru")).toContain('<span class="tag tag-red" title="Отменено: Ньепи (день тишины)">Отменено: Ньепи</span>');
    expect(cardHtml("id")).toContain('<span class="tag tag-red" title="Dibatalkan: Nyepi (hari hening)">Dibatalkan: Nyepi</span>');
    expect(cardHtml("en")).toContain('<span class="tag tag-red" title="Cancelled: Nyepi (island-wide day of silence)">Cancelled: Nyepi</span>');

    const days = await listCalendarDays({ filters: {}, start: CLOSED_DAY, end: addBaliDays(CLOSED_DAY, 1), perDay: 50 });
    const agenda = (locale: "en" | "ru") => renderToStaticMarkup(createElement(WeekAgenda, { days, moreHref: () => "/", locale }));
    expect(agenda("ru")).toContain("Отменено: Ньепи (день тишины)");
    expect(agenda("en")).toContain("Cancelled: Nyepi (island-wide day of silence)");
    expect(agenda("en")).not.toContain("Отменено");
    const grid = renderToStaticMarkup(createElement(MonthGrid, { caption: "March 2031", days, moreHref: () => "/", locale: "id" }));
    expect(grid).toContain("Silent Sunrise Yoga (Dibatalkan: Nyepi)");

    // The event page's lookup; a note that is not a closed day's has none.
    const [named, other, none] = await closedDayNamesOfNotes([
      { cancelNote: card.cancelNote!, startsAt: date.startsAt },
      { cancelNote: "Cancelled: rain", startsAt: date.startsAt },
      { cancelNote: null, startsAt: date.startsAt },
    ]);
    expect(named).toEqual({
      id: "Nyepi (hari hening)",
      ru: "Ньепи (день тишины)",
    });
    expect(other).toBeNull();
    expect(none).toBeNull();
  });

  it("participant groups are fixed: an admin changes only their names in other languages (page and JSON), anything else is a 409", async () => {
    const couples = await db.participantGroup.findUniqueOrThrow({ where: { slug: "couples" } });
    const seeded = couples.names;
    try {
      const listed = await listAdminReference("participant-groups");
      expect(listed.map((group) => group.name)).toEqual([...PARTICIPANT_GROUPS]);
      expect(listed.find((group) => group.slug === "couples")).toMatchObject({ name: "Couples", names: seeded });

      const saved = redirectOf(
        await caught(
          changeReferenceAction("participant-groups", couples.id, "", form({ action: "translate", name_id: "Pasangan Kekasih", name_ru: "Для пар" })),
        ),
      );
      expect(Object.fromEntries(saved.searchParams)).toEqual({ done: "translated", name: "Couples" });
      const after = await db.participantGroup.findUniqueOrThrow({ where: { id: couples.id } });
      expect(after).toMatchObject({
        name: "Couples",
        slug: "couples",
        isActive: true,
        sortOrder: couples.sortOrder,
        names: { id: "Pasangan Kekasih", ru: "Для пар" },
      });
      expect(await auditRows({ targetType: "participant_group", targetId: String(couples.id), action: "reference.translate" })).toHaveLength(1);
      expect(
        localizedName(
          (await listReferenceData()).participantGroups.find((group) => group.id === couples.id)!,
          "ru",
        ),
      ).toBe("Для пар");

      // Renaming, adding, moving and deactivating are refused, on the page and in the JSON API, and write nothing.
      const refusal = "Participant groups are fixed: only their names in other languages can change.";
      for (const action of ["rename", "up", "down", "deactivate"]) {
        const refused = redirectOf(await caught(changeReferenceAction("participant-groups", couples.id, "", form({ action, name: "Pairs" }))));
        expect(refused.searchParams.get("error")).toBe(refusal);
      }
      expect(redirectOf(await caught(addReferenceAction("participant-groups", "", form({ name: "Families" })))).searchParams.get("error")).toBe(refusal);
      await expect(moveReferenceItem({ actor: actor(), kind: "participant-groups", id: couples.id, direction: "up" })).rejects.toMatchObject({
        code: "CONFLICT",
      });
      const patch = (body: unknown) =>
        patchItemRoute(
          json("PATCH", `/api/admin/reference/participant-groups/${couples.id}`, body),
          ctx({ kind: "participant-groups", id: String(couples.id) }),
        );
      const renamed = await patch({ name: "Pairs" });
      expect(renamed.status).toBe(409);
      expect(await renamed.json()).toMatchObject({ error: { code: "conflict", message: refusal } });
      expect((await patch({ isActive: false })).status).toBe(409);
      expect(
        (await postKindRoute(json("POST", "/api/admin/reference/participant-groups", { name: "Families" }), ctx({ kind: "participant-groups" }))).status,
      ).toBe(409);
      expect(await db.participantGroup.count()).toBe(PARTICIPANT_GROUPS.length);
      expect((await db.participantGroup.findUniqueOrThrow({ where: { id: couples.id } })).name).toBe("Couples");

      const translated = await patch({ names: { id: "Pasangan", ru: "Пары" } });
      expect(translated.status).toBe(200);
      expect(await translated.json()).toMatchObject({ item: { id: couples.id, name: "Couples", slug: "couples", names: { id: "Pasangan", ru: "Пары" } } });
      expect((await patch({ names: { ru: "я".repeat(101) } })).status).toBe(422);
      const list = (await (await getKindRoute(json("GET", "/api/admin/reference/participant-groups"), ctx({ kind: "participant-groups" }))).json()) as {
        items: { slug: string; names: Record<string, string>; eventCount: number }[];
      };
      expect(list.items).toHaveLength(PARTICIPANT_GROUPS.length);
      expect(list.items.find((group) => group.slug === "couples")).toMatchObject({ names: { id: "Pasangan", ru: "Пары" }, eventCount: asymmetric.any(Number) });
    } finally {
      await db.participantGroup.update({ where: { id: couples.id }, data: { names: seeded ?? {} } });
    }
  });

  it("a closed day's names in other languages change after it is added (the English name stays), audited once; the notes follow", async () => {
    const day = (await listClosedDays()).find((entry) => entry.date === CLOSED_DAY)!;
    expect(day).toBeDefined(); // added by the test above
    const saved = redirectOf(await caught(translateClosedDayAction(day.id, "", form({ name_id: "Hari Raya Nyepi", name_ru: "Ньепи" }))));
    expect(Object.fromEntries(saved.searchParams)).toEqual({ section: "closed-days", done: "closed-day-translated", name: day.name });
    expect((await listClosedDays()).find((entry) => entry.id === day.id)).toMatchObject({ name: day.name, names: { id: "Hari Raya Nyepi", ru: "Ньепи" } });
    const rows = await auditRows({ targetType: "closed_day", targetId: String(day.id), action: "closed_day.translate" });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.summary).toMatchObject({ before: { names: day.names }, after: { names: { id: "Hari Raya Nyepi", ru: "Ньепи" } } });

    // The same again: nothing written. An empty field removes that translation.
    const again = redirectOf(await caught(translateClosedDayAction(day.id, "", form({ name_id: "Hari Raya Nyepi", name_ru: "Ньепи" }))));
    expect(again.searchParams.get("done")).toBe("closed-day-unchanged");
    expect(await auditRows({ targetType: "closed_day", targetId: String(day.id), action: "closed_day.translate" })).toHaveLength(1);
    expect((await translateClosedDay({ actor: actor(), id: day.id, names: { id: "Hari Raya Nyepi", ru: "" } })).names).toEqual({ id: "Hari Raya Nyepi" });

    const { events } = await listPublicEvents({ query: { from: CLOSED_DAY, to: CLOSED_DAY } });
    const card = events.find((event) => event.title === "Silent Sunrise Yoga")!;
    expect(card.cancelNoteNames).toEqual({ id: "Hari Raya Nyepi" });
    expect(renderToStaticMarkup(createElement(EventCard, { event: card, locale: "id" }))).toContain("Dibatalkan: Hari Raya Nyepi");
    expect(renderToStaticMarkup(createElement(EventCard, { event: card, locale: "ru" }))).toContain("Cancelled: Nyepi");
    // The organiser's page too.
    const onProfile = (await getCreatorProfile(creatorId))!.events.find((event) => event.title === "Silent Sunrise Yoga")!;
    expect(onProfile.cancelNoteNames).toEqual({ id: "Hari Raya Nyepi" });
    expect(renderToStaticMarkup(createElement(EventCard, { event: onProfile, locale: "id" }))).toContain("Dibatalkan: Hari Raya Nyepi");

    // Too long, unknown day: refused with a message, nothing written.
    const tooLong = redirectOf(await caught(translateClosedDayAction(day.id, "", form({ name_ru: "я".repeat(121) }))));
    expect(tooLong.searchParams.get("error")).toBe("“Name (Русский)” must be at most 120 characters.");
    const unknown = redirectOf(await caught(translateClosedDayAction(999_999_999, "", form({ name_ru: "Ньепи" }))));
    expect(unknown.searchParams.get("error")).toBe("This closed day does not exist (any more).");
    expect((await listClosedDays()).find((entry) => entry.id === day.id)?.names).toEqual({ id: "Hari Raya Nyepi" });
  });
});
