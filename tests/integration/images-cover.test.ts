/**
 * Cover images, through the use cases (real PostgreSQL, Redis and files in a
 * temporary UPLOAD_DIR): checked by content, re-encoded to WebP without EXIF,
 * stored, one per event, old files removed, public pages updated at once.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { editEvent } from "@/lib/events/edit-event";
import { eventToFormValues } from "@/lib/events/event-form-schema";
import type { TEventActor } from "@/lib/events/event-access";
import { getOwnedEvent } from "@/lib/events/get-owned-event";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { attachCoverImage, discardCoverImage, getEventImage, storeCoverImage } from "@/lib/events/set-event-image";
import { closeRedis } from "@/lib/redis";
import { getStorage } from "@/lib/storage/storage";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

/**
 * What the event form does with a chosen file (lib/events/save-event.ts): someone else's event is NOT_FOUND before
 * anything is decoded or stored, then the upload is stored and made the event's cover.
 */
async function setEventImage({ actor, eventId, data }: { actor: TEventActor; eventId: string; data: Buffer }) {
  await getOwnedEvent({ actor, eventId });
  return attachCoverImage({ actor, eventId, image: await storeCoverImage({ actor, data }) });
}

const DAY = 86_400_000;
type TActor = { id: string; role: "CREATOR" | "ADMIN" };

let uploadDir = "";
const savedUploadDir = process.env.UPLOAD_DIR;

async function newActor(role: "CREATOR" | "ADMIN" = "CREATOR"): Promise<TActor> {
  const user = await createCreator({ name: `Image Tester ${randomUUID().slice(0, 6)}` });
  await db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date(), role } });
  return { id: user.id, role };
}

async function publishedEvent(creatorId: string, title = `Cover Test ${randomUUID().slice(0, 8)}`) {
  return createEvent({ creatorId, title, startsAt: new Date(Date.now() + 5 * DAY), status: "PUBLISHED" });
}

const picture = (width: number, height: number, colour = "#d08040") => sharp({ create: { width, height, channels: 3, background: colour } });

/** A phone photo: EXIF with maker, serial and GPS, stored sideways (Orientation 6). */
const cameraJpeg = () =>
  picture(1600, 1200)
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Make: "ZenCam", Model: "Serial-998877" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "8/1 30/1 0/1" } })
    .withMetadata({ orientation: 6 })
    .toBuffer();

/** Every file under UPLOAD_DIR, as keys. */
async function storedKeys(): Promise<string[]> {
  const entries = await readdir(uploadDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(uploadDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function webpInfo(key: string) {
  const file = await getStorage().get(key);
  expect(file, key).not.toBeNull();
  expect(file!.contentType).toBe("image/webp");
  return sharp(file!.body).metadata();
}

beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(tmpdir(), "zb-images-"));
  process.env.UPLOAD_DIR = uploadDir;
  resetEnvForTests();
  await clearEvents();
  await invalidatePublicCaches("event");
});

beforeEach(async () => {
  await db.image.deleteMany();
  await rm(uploadDir, { recursive: true, force: true });
});

afterAll(async () => {
  await clearEvents();
  await invalidatePublicCaches("event");
  await rm(uploadDir, { recursive: true, force: true });
  process.env.UPLOAD_DIR = savedUploadDir;
  resetEnvForTests();
  await disconnectDb();
  await closeRedis();
});

describe("accepted images", () => {
  it("a camera JPEG is turned upright and stored as two WebP renditions, without its EXIF", async () => {
    const actor = await newActor();
    const event = await publishedEvent(actor.id);
    const image = await setEventImage({ actor, eventId: event.id, data: await cameraJpeg() });

    // 1600×1200 stored sideways is 1200×1600 to look at: card 640 wide, large 1200 (never enlarged).
    const card = await webpInfo(image.cardKey);
    const large = await webpInfo(image.largeKey);
    expect([card.format, card.width, card.height]).toEqual(["webp", 640, 853]);
    expect([large.format, large.width, large.height]).toEqual(["webp", 1200, 1600]);
    for (const metadata of [card, large]) {
      expect(metadata.exif).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
    }
    for (const key of [image.cardKey, image.largeKey]) expect((await getStorage().get(key))!.body.includes("ZenCam")).toBe(false);

    const row = await db.image.findUniqueOrThrow({ where: { eventId: event.id } });
    expect(row).toMatchObject({ cardKey: image.cardKey, largeKey: image.largeKey, width: 1200, height: 1600, uploaderId: actor.id });
    expect(row.bytes).toBeGreaterThan(0);
    expect(row.cardKey).toMatch(/^covers\/[0-9a-f]{2}\/[0-9a-f]{64}-card\.webp$/);
    expect(await storedKeys()).toEqual([image.cardKey, image.largeKey].sort());
    expect(image.url).toBe(`/uploads/${image.cardKey}`);
  });

  it("PNG and WebP are accepted and re-encoded to WebP, card 640 and large 1280 wide", async () => {
    const actor = await newActor();
    for (const data of [await picture(2400, 1500).png().toBuffer(), await picture(2400, 1500, "#2080a0").webp({ quality: 90 }).toBuffer()]) {
      const event = await publishedEvent(actor.id);
      const image = await setEventImage({ actor, eventId: event.id, data });
      const card = await webpInfo(image.cardKey);
      const large = await webpInfo(image.largeKey);
      expect([card.format, card.width, card.height]).toEqual(["webp", 640, 400]);
      expect([large.format, large.width, large.height]).toEqual(["webp", 1280, 800]);
      expect(await getEventImage(event.id)).toMatchObject({
        width: 1280,
        height: 800,
        url: `/uploads/${image.cardKey}`,
        largeUrl: `/uploads/${image.largeKey}`,
      });
    }
  });

  it("an admin may set the image of anyone's event", async () => {
    const owner = await newActor();
    const admin = await newActor("ADMIN");
    const event = await publishedEvent(owner.id);
    await setEventImage({ actor: admin, eventId: event.id, data: await picture(800, 500).png().toBuffer() });
    expect(await db.image.findUnique({ where: { eventId: event.id } })).toMatchObject({ uploaderId: admin.id });
  });
});

describe("refused files change nothing", () => {
  async function expectUnchanged(eventId: string, before: { cardKey: string; largeKey: string } | null) {
    const row = await db.image.findUnique({ where: { eventId }, select: { cardKey: true, largeKey: true } });
    expect(row).toEqual(before);
    expect(await storedKeys()).toEqual(before ? [before.cardKey, before.largeKey].sort() : []);
  }

  it("a text file renamed .jpg: 415, by content", async () => {
    const actor = await newActor();
    const event = await publishedEvent(actor.id);
    const error = await refusal(setEventImage({ actor, eventId: event.id, data: Buffer.from("Dear organiser,\nthis is not a photo.\n") }));
    expect(error).toMatchObject({
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: "Upload a JPEG, PNG or WebP image.",
      fields: { coverImage: "Upload a JPEG, PNG or WebP image." },
    });
    expect(error.status).toBe(415);
    await expectUnchanged(event.id, null);
  });

  it("6 MB: 413", async () => {
    const actor = await newActor();
    const event = await publishedEvent(actor.id);
    const sixMegabytes = Buffer.concat([await picture(100, 100).jpeg().toBuffer(), Buffer.alloc(6 * 1024 * 1024)]);
    const error = await refusal(setEventImage({ actor, eventId: event.id, data: sixMegabytes }));
    expect(error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: "The image is larger than 5 MB." });
    expect(error.status).toBe(413);
    await expectUnchanged(event.id, null);
  });

  it("a truncated JPEG: not a valid image; the previous cover stays", async () => {
    const actor = await newActor();
    const event = await publishedEvent(actor.id);
    const before = await setEventImage({ actor, eventId: event.id, data: await picture(900, 600).png().toBuffer() });
    const jpeg = await cameraJpeg();
    const error = await refusal(setEventImage({ actor, eventId: event.id, data: jpeg.subarray(0, Math.floor(jpeg.length / 2)) }));
    expect(error).toMatchObject({ code: "INVALID_INPUT", message: "This file is not a valid image." });
    await expectUnchanged(event.id, { cardKey: before.cardKey, largeKey: before.largeKey });
  });

  it("another creator gets NOT_FOUND and nothing is stored; so do deleted events and non-ids", async () => {
    const owner = await newActor();
    const stranger = await newActor();
    const event = await publishedEvent(owner.id);
    const data = await picture(800, 500).png().toBuffer();
    expect(await refusal(setEventImage({ actor: stranger, eventId: event.id, data }))).toMatchObject({
      code: "NOT_FOUND",
      message: "This event does not exist.",
    });
    await expectUnchanged(event.id, null);

    const deleted = await createEvent({ creatorId: owner.id, startsAt: new Date(Date.now() + 5 * DAY), deletedAt: new Date() });
    expect(await refusal(setEventImage({ actor: owner, eventId: deleted.id, data }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(setEventImage({ actor: owner, eventId: "not-a-uuid", data }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await storedKeys()).toEqual([]);
  });

  it("an event that has ended can no longer get a new image", async () => {
    const actor = await newActor();
    const ended = await createEvent({ creatorId: actor.id, startsAt: new Date(Date.now() - 2 * DAY), durationMinutes: 60 });
    expect(await refusal(setEventImage({ actor, eventId: ended.id, data: await picture(800, 500).png().toBuffer() }))).toMatchObject({ code: "CONFLICT" });
    expect(await storedKeys()).toEqual([]);
  });

  it("if the database update fails, the new files are deleted", async () => {
    const actor = await newActor();
    const event = await publishedEvent(actor.id);
    const stored = await storeCoverImage({ actor, data: await picture(800, 500, "#113355").png().toBuffer() });
    expect(await storedKeys()).toEqual([stored.cardKey, stored.largeKey].sort());
    // The event goes away between storing and attaching (the form was slow, or another tab deleted it).
    await db.event.update({ where: { id: event.id }, data: { deletedAt: new Date() } });
    expect(await refusal(attachCoverImage({ actor, eventId: event.id, image: stored }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await storedKeys()).toEqual([]);
    expect(await db.image.count({ where: { eventId: event.id } })).toBe(0);
  });
});

describe("an admin's edit with a new cover image", () => {
  it("is one transaction with the edit and its audit row: when any part fails, the old image stays and the new files go", async () => {
    const creator = await newActor();
    const admin = await newActor("ADMIN");
    const adminEmail = (await db.user.findUniqueOrThrow({ where: { id: admin.id } })).email;
    // On the hour: the form only offers start times in 15-minute steps.
    const event = await createEvent({
      creatorId: creator.id,
      title: `Cover Test ${randomUUID().slice(0, 8)}`,
      startsAt: new Date(Math.ceil((Date.now() + 5 * DAY) / 3_600_000) * 3_600_000),
      status: "PUBLISHED",
    });
    const first = await setEventImage({ actor: creator, eventId: event.id, data: await picture(1000, 600, "#aa0000").png().toBuffer() });
    const creatorEmail = (await db.user.findUniqueOrThrow({ where: { id: creator.id } })).email;
    const input = eventToFormValues(await getOwnedEvent({ actor: admin, eventId: event.id }));
    const edit = (image: Awaited<ReturnType<typeof storeCoverImage>>, ip: string) =>
      editEvent({
        actor: admin,
        eventId: event.id,
        input: { ...input, title: "Retitled by an admin" },
        image,
        asAdmin: { email: adminEmail, creatorEmail, ip },
      });

    // The audit row cannot be written (an address longer than its column): nothing of the edit may remain.
    const refused = await storeCoverImage({ actor: admin, data: await picture(1000, 600, "#0000aa").png().toBuffer() });
    const failure = await edit(refused, "x".repeat(100)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(AppError); // the form was valid: the audit row itself failed
    expect(await db.image.findUniqueOrThrow({ where: { eventId: event.id } })).toMatchObject({ cardKey: first.cardKey });
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).title).toBe(event.title);
    expect(await db.auditLog.count({ where: { targetId: event.id } })).toBe(0);
    expect(await storedKeys()).toEqual(expect.arrayContaining([first.cardKey, first.largeKey]));
    expect(await storedKeys()).not.toContain(refused.cardKey);

    const accepted = await storeCoverImage({ actor: admin, data: await picture(1000, 600, "#00aa00").png().toBuffer() });
    await edit(accepted, "198.51.100.7");
    expect(await db.image.findUniqueOrThrow({ where: { eventId: event.id } })).toMatchObject({ cardKey: accepted.cardKey });
    expect(await storedKeys()).not.toContain(first.cardKey);
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: event.id } });
    expect(audit.summary).toMatchObject({ title: "Retitled by an admin", coverImage: "replaced" });
  });
});

describe("one image per event", () => {
  it("replacing the image points the one row at the new files and deletes the old ones", async () => {
    const actor = await newActor();
    const event = await publishedEvent(actor.id);
    const first = await setEventImage({ actor, eventId: event.id, data: await picture(1000, 600, "#aa0000").png().toBuffer() });
    const second = await setEventImage({ actor, eventId: event.id, data: await picture(1000, 600, "#00aa00").png().toBuffer() });
    expect(second.cardKey).not.toBe(first.cardKey);
    expect(await db.image.count({ where: { eventId: event.id } })).toBe(1);
    expect(await db.image.findUniqueOrThrow({ where: { eventId: event.id } })).toMatchObject({ cardKey: second.cardKey, largeKey: second.largeKey });
    expect(await storedKeys()).toEqual([second.cardKey, second.largeKey].sort());
    expect(await getStorage().get(first.cardKey)).toBeNull();
  });

  it("uploading the same file again keeps its files", async () => {
    const actor = await newActor();
    const event = await publishedEvent(actor.id);
    const data = await picture(700, 500, "#444444").png().toBuffer();
    const first = await setEventImage({ actor, eventId: event.id, data });
    const again = await setEventImage({ actor, eventId: event.id, data });
    expect(again.cardKey).toBe(first.cardKey);
    expect(await storedKeys()).toEqual([first.cardKey, first.largeKey].sort());
  });

  it("files shared by two events (the same picture) stay while one of them still uses them", async () => {
    const actor = await newActor();
    const [a, b] = [await publishedEvent(actor.id), await publishedEvent(actor.id)];
    const shared = await picture(640, 400, "#123456").png().toBuffer();
    const imageA = await setEventImage({ actor, eventId: a.id, data: shared });
    await setEventImage({ actor, eventId: b.id, data: shared });
    await setEventImage({ actor, eventId: a.id, data: await picture(640, 400, "#654321").png().toBuffer() });
    expect(await getStorage().get(imageA.cardKey)).not.toBeNull(); // still event b's cover

    // A stored image that is discarded (its form was refused) leaves b's files alone too.
    await discardCoverImage(await storeCoverImage({ actor, data: shared }));
    expect(await getStorage().get(imageA.largeKey)).not.toBeNull();
  });

  it("several uploads at the same moment for one event leave one row and only its files", async () => {
    const actor = await newActor();
    const event = await publishedEvent(actor.id);
    await setEventImage({ actor, eventId: event.id, data: await picture(640, 400, "#000000").png().toBuffer() });
    const stored = [];
    for (const colour of ["#101010", "#202020", "#303030", "#404040", "#505050", "#606060"])
      stored.push(await storeCoverImage({ actor, data: await picture(640, 400, colour).png().toBuffer() }));
    const results = await Promise.all(stored.map((image) => attachCoverImage({ actor, eventId: event.id, image })));
    const row = await db.image.findUniqueOrThrow({ where: { eventId: event.id } });
    expect(results.map((result) => result.cardKey)).toContain(row.cardKey);
    expect(await storedKeys()).toEqual([row.cardKey, row.largeKey].sort());
  });
});

describe("visitors see the new image at once", () => {
  it("the public card and event page get the new image URL after an upload (caches cleared)", async () => {
    const actor = await newActor();
    const event = await publishedEvent(actor.id, `Cover Cache ${randomUUID().slice(0, 8)}`);
    const query = { q: event.title.split(" ").at(-1)! };

    // Fill the caches first: a stale cache would keep showing "no image".
    expect((await getPublicEvent(event.slug))?.image).toBeNull();
    expect((await listPublicEvents({ query })).events.find((card) => card.id === event.id)?.image).toBeNull();

    const first = await setEventImage({ actor, eventId: event.id, data: await picture(1600, 1000).jpeg().toBuffer() });
    expect((await getPublicEvent(event.slug))?.image).toEqual({
      url: `/uploads/${first.cardKey}`,
      largeUrl: `/uploads/${first.largeKey}`,
      width: 1280,
      height: 800,
    });
    expect((await listPublicEvents({ query })).events.find((card) => card.id === event.id)?.image).toEqual({
      url: `/uploads/${first.cardKey}`,
      width: 640,
      height: 400,
    });

    const second = await setEventImage({ actor, eventId: event.id, data: await picture(1600, 1000, "#0a5f38").jpeg().toBuffer() });
    expect((await getPublicEvent(event.slug))?.image?.largeUrl).toBe(`/uploads/${second.largeKey}`);
    expect((await listPublicEvents({ query })).events.find((card) => card.id === event.id)?.image?.url).toBe(`/uploads/${second.cardKey}`);
  });
});

describe("rate limit", () => {
  it("30 uploads an hour per creator; the 31st is refused with a friendly message and stores nothing", async () => {
    const actor = await newActor();
    const data = await picture(32, 20, "#777777").png().toBuffer();
    for (let upload = 0; upload < 30; upload++) await discardCoverImage(await storeCoverImage({ actor, data }));
    const error = await refusal(storeCoverImage({ actor, data }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toMatch(/^Too many uploads, try again in \d+ minutes?\.$/);
    expect(error.fields).toEqual({ coverImage: error.message });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(await storedKeys()).toEqual([]);

    // Someone else is not affected.
    const other = await newActor();
    await expect(storeCoverImage({ actor: other, data })).resolves.toMatchObject({ width: 32, height: 20 });
  });
});
