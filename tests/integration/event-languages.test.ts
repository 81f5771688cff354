/**
 * "Languages spoken" through the event form's one save path: a new event, an edit, a copy, and every date of a
 * weekly series (created, and changed from a date on) keep what the creator ticked; the creator's form in /ru
 * answers a refusal in Russian and leads back to /ru/dashboard. Real PostgreSQL and Redis; payments are off.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { saveEventAction } from "@/app/dashboard/events/actions";
import { db, disconnectDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { duplicateEvent } from "@/lib/events/duplicate-event";
import { eventToFormValues, type TEventFormValues } from "@/lib/events/event-form-schema";
import { getOwnedEvent } from "@/lib/events/get-owned-event";
import { saveEvent } from "@/lib/events/save-event";
import { auth } from "@/lib/http/auth";
import { closeRedis } from "@/lib/redis";
import { weekdayOf } from "@/lib/series/repeat-words";
import { addBaliDays, toBaliDate } from "@/lib/time/bali";
import { clearEvents, createCreator, eventFormValues } from "../support/fixtures";
import { caught, redirectOf } from "../support/server-actions";

vi.mock("@/lib/http/auth", () => ({ auth: vi.fn(() => Promise.resolve(null)) }));
// The page the form was posted from: /ru/dashboard/events/new (proxy.ts sets the language header).
vi.mock("next/headers", () => ({
  headers: () => Promise.resolve(new Headers({ "x-zenbali-client-ip": "203.0.113.62", "x-zb-locale": "ru" })),
}));
const signedIn = vi.mocked(auth) as unknown as { mockResolvedValue: (value: unknown) => void };

const today = toBaliDate(new Date());
const firstTuesday = (() => {
  let date = addBaliDays(today, 3);
  while (weekdayOf(date) !== "TU") date = addBaliDays(date, 1);
  return date;
})();

type TActor = { id: string; email: string; name: string; role: "CREATOR" };
let actor: TActor;

afterAll(async () => {
  await clearEvents();
  await closeRedis();
  await disconnectDb();
});

beforeEach(async () => {
  await clearEvents();
  const creator = await createCreator({ name: `Polyglot ${randomUUID().slice(0, 6)}` });
  await db.user.update({ where: { id: creator.id }, data: { emailVerifiedAt: new Date() } });
  actor = { id: creator.id, email: creator.email, name: creator.name, role: "CREATOR" };
  signedIn.mockResolvedValue({ user: actor });
});

function form(overrides: Partial<TEventFormValues> = {}): TEventFormValues {
  return eventFormValues({ title: "Kirtan Circle", startDate: firstTuesday, ...overrides });
}

async function languagesOf(eventId: string): Promise<string[]> {
  return (await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { languages: true } })).languages;
}

describe("Languages spoken", () => {
  it("is saved on create and edit, in the list's order, comes back into the edit form, and a copy keeps it", async () => {
    const { id } = await saveEvent({ actor, eventId: null, input: form({ languages: "ru,en,ru" }) });
    expect(await languagesOf(id)).toEqual(["en", "ru"]);
    expect(eventToFormValues(await getOwnedEvent({ actor, eventId: id })).languages).toBe("en,ru");

    await saveEvent({ actor, eventId: id, input: form({ languages: "id" }), publish: true });
    expect(await languagesOf(id)).toEqual(["id"]);

    const copy = await duplicateEvent({ actor, eventId: id });
    expect(await languagesOf(copy.id)).toEqual(["id"]);
  });

  it("is English when a caller leaves the field out, and refused when none is ticked", async () => {
    const { languages: _left, ...withoutLanguages } = form();
    const { id } = await saveEvent({ actor, eventId: null, input: withoutLanguages });
    expect(await languagesOf(id)).toEqual(["en"]);

    const error = await caught(saveEvent({ actor, eventId: id, input: form({ languages: "" }) }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toEqual({ languages: "Choose at least one language." });
    expect(await languagesOf(id)).toEqual(["en"]);
  });

  it("goes to every date of a weekly series, and a change from a date on changes that date and the following ones", async () => {
    const saved = await saveEvent({
      actor,
      eventId: null,
      input: form({ languages: "en,ru", repeat: "weekly", days: "TU,TH", ends: "after", count: "6" }),
      publish: true,
    });
    const { seriesId } = await db.event.findUniqueOrThrow({ where: { id: saved.id }, select: { seriesId: true } });
    const dates = await db.event.findMany({ where: { seriesId }, orderBy: { seriesDate: "asc" }, select: { id: true, startsAt: true, languages: true } });
    expect(dates).toHaveLength(6);
    expect(dates.map((date) => date.languages)).toEqual(Array.from({ length: 6 }, () => ["en", "ru"]));

    const third = dates[2]!;
    await saveEvent({
      actor,
      eventId: third.id,
      input: form({ languages: "id,ru", startDate: toBaliDate(third.startsAt), repeat: "weekly", days: "TU,TH", ends: "after", count: "6" }),
      scope: "following",
    });
    const after = await db.event.findMany({ where: { seriesId, deletedAt: null }, orderBy: { seriesDate: "asc" }, select: { languages: true } });
    expect(after.map((date) => date.languages.join(","))).toEqual(["en,ru", "en,ru", "id,ru", "id,ru", "id,ru", "id,ru"]);
  });
});

describe("the creator's form in Russian", () => {
  it("answers a refusal in Russian, with what was typed", async () => {
    const typed = form({ title: "", languages: "" });
    const data = new FormData();
    for (const [name, value] of Object.entries(typed)) if (name !== "languages") data.set(name, value);
    data.set("intent", "draft");
    const state = await saveEventAction(null, { attempt: 0 }, data);
    expect(state.message).toBe("Исправьте отмеченные поля.");
    expect(state.fields).toEqual({ title: "Введите название.", languages: "Выберите хотя бы один язык." });
    expect(state.values?.languages).toBe("");
  });

  it("leads back to the dashboard in Russian", async () => {
    const data = new FormData();
    for (const [name, value] of Object.entries(form({ title: "Русский круг" }))) data.set(name, value);
    data.append("languages", "ru");
    data.set("intent", "publish");
    const error = await caught(saveEventAction(null, { attempt: 0 }, data));
    expect(`${redirectOf(error).pathname}${redirectOf(error).search}`).toBe("/ru/dashboard?notice=published");
    const stored = await db.event.findFirstOrThrow({ where: { creatorId: actor.id, title: "Русский круг" }, select: { languages: true, status: true } });
    expect(stored).toEqual({ languages: ["en", "ru"], status: "PUBLISHED" });
  });
});
