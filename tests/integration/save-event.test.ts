/**
 * The one save path of the event form (lib/events/save-event.ts) for creators
 * and admins, and the two thin actions around it (app/dashboard/events and
 * app/admin/events): what each may do, what a refusal shows in the form, and
 * where the browser goes. Real PostgreSQL, Redis and files in a temporary
 * UPLOAD_DIR; only the session lookup is replaced (who is signed in).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { adminSaveEventAction } from "@/app/admin/events/actions";
import { saveEventAction } from "@/app/dashboard/events/actions";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { EMPTY_EVENT_FORM, eventToFormValues, type TEventFormValues } from "@/lib/events/event-form-schema";
import { getOwnedEvent } from "@/lib/events/get-owned-event";
import { saveEvent } from "@/lib/events/save-event";
import { auth } from "@/lib/http/auth";
import { closeRedis } from "@/lib/redis";
import { toBaliDate } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";
import { caught, digestOf, redirectOf } from "../support/server-actions";
import { asymmetric } from "../support/asymmetric";

vi.mock("@/lib/http/auth", () => ({ auth: vi.fn(() => Promise.resolve(null)) }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers({ "x-zenbali-client-ip": "203.0.113.61" })) }));
const signedIn = vi.mocked(auth) as unknown as { mockResolvedValue: (value: unknown) => void };

const DAY = 86_400_000;
/** On the hour: the form only offers start times in 15-minute steps. */
const inDaysOnTheHour = (days: number) => new Date(Math.ceil((Date.now() + days * DAY) / 3_600_000) * 3_600_000);
type TUser = { id: string; email: string; name: string; role: "CREATOR" | "ADMIN" };

let uploadDir = "";
const savedUploadDir = process.env.UPLOAD_DIR;

async function newUser({ role = "CREATOR", verified = true }: { role?: "CREATOR" | "ADMIN"; verified?: boolean } = {}): Promise<TUser> {
  const user = await createCreator({ name: `Saver ${randomUUID().slice(0, 6)}` });
  await db.user.update({ where: { id: user.id }, data: { role, emailVerifiedAt: verified ? new Date() : null } });
  return { id: user.id, email: user.email, name: user.name, role };
}

function signIn(user: TUser | null): void {
  signedIn.mockResolvedValue(user && { user: { id: user.id, role: user.role, email: user.email, name: user.name } });
}

/** A complete, valid form. */
function values(overrides: Partial<TEventFormValues> = {}): TEventFormValues {
  return {
    ...EMPTY_EVENT_FORM,
    title: "Saved Sound Bath",
    description: "Bring a mat.",
    startDate: toBaliDate(new Date(Date.now() + 4 * DAY)),
    startTime: "07:30",
    durationDays: "0",
    durationHours: "1",
    durationMinutes: "30",
    location: "ubud",
    venueName: "Pyramids of Chi",
    eventType: "sound-healing",
    entranceType: "free",
    entranceFee: "",
    participantGroup: "open",
    contactEmail: "host@example.test",
    ...overrides,
  };
}

/** What the browser posts: every field, an optional cover image, the button pressed. */
function formData(fields: Record<string, string>, file?: Blob): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  // An empty file input arrives as an empty file part.
  data.set("coverImage", file ?? new File([], ""), file ? "cover.png" : "");
  return data;
}

const png = async (colour = "#3366aa") =>
  new Blob(
    [
      new Uint8Array(
        await sharp({ create: { width: 900, height: 600, channels: 3, background: colour } })
          .png()
          .toBuffer(),
      ),
    ],
    { type: "image/png" },
  );
const notAnImage = () => new Blob([new TextEncoder().encode("this is not a picture at all")], { type: "image/png" });

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(uploadDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await caught(promise);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(tmpdir(), "zb-save-event-"));
  process.env.UPLOAD_DIR = uploadDir;
  resetEnvForTests();
  await clearEvents();
});

beforeEach(async () => {
  signIn(null);
  await db.image.deleteMany();
  await rm(uploadDir, { recursive: true, force: true });
});

afterAll(async () => {
  await clearEvents();
  await rm(uploadDir, { recursive: true, force: true });
  process.env.UPLOAD_DIR = savedUploadDir;
  resetEnvForTests();
  await disconnectDb();
  await closeRedis();
});

describe("saveEvent (the use case)", () => {
  it("a verified creator's new event with a cover image, published at once (payments off)", async () => {
    const creator = await newUser();
    const saved = await saveEvent({
      actor: creator,
      eventId: null,
      input: values({ title: "Published Straight Away" }),
      coverImage: await png(),
      publish: true,
    });
    expect(saved).toMatchObject({ status: "PUBLISHED", notice: "published", redirectTo: null });
    const event = await db.event.findUniqueOrThrow({ where: { id: saved.id }, include: { image: true } });
    expect(event).toMatchObject({ title: "Published Straight Away", creatorId: creator.id, status: "PUBLISHED" });
    expect(event.image).not.toBeNull();
    expect(await storedFiles()).toHaveLength(2);
  });

  it("an unverified creator's draft is saved, not published, and the notice says why", async () => {
    const creator = await newUser({ verified: false });
    const saved = await saveEvent({ actor: creator, eventId: null, input: values(), publish: true });
    expect(saved).toMatchObject({ status: "DRAFT", notice: "verify-to-publish", redirectTo: null });
    expect((await db.event.findUniqueOrThrow({ where: { id: saved.id } })).status).toBe("DRAFT");
  });

  it("a bad cover image is a refusal on the cover image field: no event, no file", async () => {
    const creator = await newUser();
    const before = await db.event.count({ where: { creatorId: creator.id } });
    const error = await refusal(saveEvent({ actor: creator, eventId: null, input: values(), coverImage: notAnImage() }));
    expect(error).toMatchObject({ message: "Please correct the highlighted fields.", fields: { coverImage: asymmetric.any(String) } });
    expect(await db.event.count({ where: { creatorId: creator.id } })).toBe(before);
    expect(await storedFiles()).toEqual([]);
  });

  it("an edit refused by the form keeps the old cover image and removes the new files", async () => {
    const creator = await newUser();
    const { id } = await saveEvent({ actor: creator, eventId: null, input: values({ title: "Kept Cover" }), coverImage: await png("#aa0000") });
    const first = await db.image.findUniqueOrThrow({ where: { eventId: id } });
    const error = await refusal(saveEvent({ actor: creator, eventId: id, input: values({ title: "" }), coverImage: await png("#00aa00") }));
    expect(error).toMatchObject({ code: "INVALID_INPUT", fields: { title: "Enter a title." } });
    expect(await db.image.findUniqueOrThrow({ where: { eventId: id } })).toMatchObject({ cardKey: first.cardKey });
    expect((await storedFiles()).sort()).toEqual([first.cardKey, first.largeKey].map((key) => key.split("/").at(-1)).sort());
    expect((await db.event.findUniqueOrThrow({ where: { id } })).title).toBe("Kept Cover");
  });

  it("a creator cannot save over someone else's event: NOT_FOUND before the file is even looked at", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const event = await createEvent({ creatorId: owner.id, title: "Not Yours", startsAt: inDaysOnTheHour(3) });
    // A bad file would be refused on its field if it were checked: the stranger learns nothing but "not found".
    expect(await refusal(saveEvent({ actor: stranger, eventId: event.id, input: values({ title: "Hijacked" }), coverImage: notAnImage() }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await refusal(saveEvent({ actor: stranger, eventId: event.id, input: values({ title: "Hijacked" }), coverImage: await png() }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await storedFiles()).toEqual([]);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).title).toBe("Not Yours");
  });

  it("a creator may not use the admin's options", async () => {
    const creator = await newUser();
    const other = await newUser();
    const event = await createEvent({ creatorId: creator.id, title: "Mine To Keep", startsAt: inDaysOnTheHour(3) });
    const error = await refusal(
      saveEvent({ actor: creator, eventId: event.id, input: values(), asAdmin: { email: creator.email, creatorEmail: other.email } }),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ creatorId: creator.id, title: "Mine To Keep" });
  });

  it("an admin's save reassigns the event and writes one audit row; a published event's edit is live", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const owner = await newUser();
    const next = await newUser();
    const event = await createEvent({ creatorId: owner.id, title: "Handed Over", startsAt: inDaysOnTheHour(3) });
    const input = { ...eventToFormValues(await getOwnedEvent({ actor: admin, eventId: event.id })), title: "Handed Over Twice" };
    const saved = await saveEvent({ actor: admin, eventId: event.id, input, asAdmin: { email: admin.email, creatorEmail: next.email, ip: "198.51.100.9" } });
    expect(saved).toMatchObject({ id: event.id, status: "PUBLISHED", notice: "updated-live" });
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ creatorId: next.id, title: "Handed Over Twice" });
    const rows = await db.auditLog.findMany({ where: { targetId: event.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "event.edit", actorEmail: admin.email, ip: "198.51.100.9" });
  });
});

describe("the creator's form action", () => {
  it("sends a visitor to /login, coming back to the form", async () => {
    const error = await caught(saveEventAction(null, { attempt: 0 }, formData({ ...values(), intent: "draft" })));
    expect(redirectOf(error).pathname).toBe("/login");
    expect(redirectOf(error).searchParams.get("callbackUrl")).toBe("/dashboard/events/new");
  });

  it("shows a refusal with everything typed, on a new attempt", async () => {
    const creator = await newUser();
    signIn(creator);
    const typed = values({ title: "", venueName: "Typed Venue" });
    const state = await saveEventAction(null, { attempt: 2 }, formData({ ...typed, intent: "draft" }));
    expect(state).toEqual({ attempt: 3, message: "Please correct the highlighted fields.", fields: { title: "Enter a title." }, values: typed });
  });

  it("saves a draft and goes to the dashboard with its notice", async () => {
    const creator = await newUser();
    signIn(creator);
    const error = await caught(saveEventAction(null, { attempt: 0 }, formData({ ...values({ title: "Drafted Through The Form" }), intent: "draft" })));
    expect(`${redirectOf(error).pathname}${redirectOf(error).search}`).toBe("/dashboard?notice=saved");
    expect(await db.event.findFirst({ where: { creatorId: creator.id, title: "Drafted Through The Form", status: "DRAFT" } })).not.toBeNull();
  });

  it("answers 404 for someone else's event", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const event = await createEvent({ creatorId: owner.id, title: "Still Not Yours", startsAt: inDaysOnTheHour(3) });
    signIn(stranger);
    const error = await caught(saveEventAction(event.id, { attempt: 0 }, formData({ ...values({ title: "Hijacked" }), intent: "save" })));
    expect(digestOf(error)).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).title).toBe("Still Not Yours");
  });
});

describe("the admin's form action", () => {
  it("shows an unknown creator email as a field message, keeping what was typed", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const owner = await newUser();
    const event = await createEvent({ creatorId: owner.id, title: "Admin Form Target", startsAt: inDaysOnTheHour(3) });
    signIn(admin);
    const typed = eventToFormValues(await getOwnedEvent({ actor: admin, eventId: event.id }));
    const state = await adminSaveEventAction(event.id, { attempt: 0 }, formData({ ...typed, creatorEmail: "nobody-here@example.test" }));
    expect(state).toEqual({
      attempt: 1,
      message: "Please correct the highlighted fields.",
      fields: { creatorEmail: "No creator has this email." },
      values: typed,
      creatorEmail: "nobody-here@example.test",
    });
    expect(await db.auditLog.count({ where: { targetId: event.id } })).toBe(0);
  });

  it("saves and comes back to the edit page with ?done=saved", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const owner = await newUser();
    const event = await createEvent({ creatorId: owner.id, title: "Admin Saved", startsAt: inDaysOnTheHour(3) });
    signIn(admin);
    const typed = { ...eventToFormValues(await getOwnedEvent({ actor: admin, eventId: event.id })), title: "Admin Saved Again" };
    const error = await caught(adminSaveEventAction(event.id, { attempt: 0 }, formData({ ...typed, creatorEmail: owner.email })));
    expect(`${redirectOf(error).pathname}${redirectOf(error).search}`).toBe(`/admin/events/${event.id}/edit?done=saved`);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).title).toBe("Admin Saved Again");
  });
});
