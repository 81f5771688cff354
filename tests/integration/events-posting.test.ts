import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { db, disconnectDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { cancelEvent } from "@/lib/events/cancel-event";
import { createEvent } from "@/lib/events/create-event";
import { deleteEvent } from "@/lib/events/delete-event";
import { duplicateEvent } from "@/lib/events/duplicate-event";
import { editEvent } from "@/lib/events/edit-event";
import { EMPTY_EVENT_FORM, type TEventFormValues } from "@/lib/events/event-form-schema";
import { getCreatorDashboard } from "@/lib/events/get-creator-dashboard";
import { getOwnedEvent } from "@/lib/events/get-owned-event";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { submitEvent } from "@/lib/events/submit-event";
import { closeRedis } from "@/lib/redis";
import { fromBaliDateTime, toBaliDate, toBaliTime } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent as insertEventFixture } from "../support/fixtures";
import { asymmetric } from "../support/asymmetric";

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);

type TActor = { id: string; role: "CREATOR" | "ADMIN" };

async function newCreator({ verified = true, role = "CREATOR" }: { verified?: boolean; role?: "CREATOR" | "ADMIN" } = {}): Promise<TActor> {
  const user = await createCreator();
  await db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: verified ? new Date() : null, role } });
  return { id: user.id, role };
}

/** A complete, valid form as a creator would fill it in. */
function form(overrides: Partial<TEventFormValues> = {}): TEventFormValues {
  return {
    ...EMPTY_EVENT_FORM,
    title: "Sunrise Sound Bath",
    description: "Bring a mat.\r\nHerbal tea afterwards: https://example.test/tea",
    startDate: toBaliDate(inDays(3)),
    startTime: "07:30",
    durationDays: "0",
    durationHours: "1",
    durationMinutes: "30",
    location: "ubud",
    venueName: "Pyramids of Chi",
    venueAddress: "Jl. Raya Mas, Ubud",
    eventType: "sound-healing",
    entranceType: "pay-at-site",
    entranceFee: "150.000",
    participantGroup: "open",
    ledBy: "Ketut Gong",
    contactEmail: "host@example.test",
    contactPhone: "+62 812 3456 7890",
    bookingUrl: "https://example.test/book",
    ...overrides,
  };
}

async function fieldErrors(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "INVALID_INPUT", message: "Please correct the highlighted fields." });
  return (error as AppError).fields ?? {};
}

const titlesListed = async (q?: string) => (await listPublicEvents({ query: q ? { q } : {} })).events.map((event) => event.title);

beforeAll(async () => {
  await clearEvents();
  await invalidatePublicCaches("reference");
});

afterAll(async () => {
  await clearEvents();
  await invalidatePublicCaches("reference");
  await disconnectDb();
  await closeRedis();
});

describe("posting an event: the happy path", () => {
  let creator: TActor;
  let eventId: string;
  let slug: string;

  beforeAll(async () => {
    creator = await newCreator();
  });

  it("creates a DRAFT from the form, in Bali time, with the end worked out from the duration", async () => {
    const values = form();
    const created = await createEvent({ actor: creator, input: values });
    eventId = created.id;
    slug = created.slug;
    expect(slug).toMatch(/^sunrise-sound-bath-[a-z2-9]{6}$/);

    const stored = await db.event.findUniqueOrThrow({
      where: { id: eventId },
      include: { location: true, eventType: true, entranceType: true, participantGroup: true },
    });
    const startsAt = fromBaliDateTime(values.startDate, "07:30");
    expect(stored).toMatchObject({
      status: "DRAFT",
      creatorId: creator.id,
      title: "Sunrise Sound Bath",
      description: "Bring a mat.\nHerbal tea afterwards: https://example.test/tea",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 90 * 60_000),
      durationMinutes: 90,
      venueName: "Pyramids of Chi",
      venueAddress: "Jl. Raya Mas, Ubud",
      entranceFeeIdr: 150_000,
      ledBy: "Ketut Gong",
      contactEmail: "host@example.test",
      contactPhone: "+62 812 3456 7890",
      bookingUrl: "https://example.test/book",
      publishedAt: null,
      deletedAt: null,
    });
    expect(toBaliTime(stored.startsAt)).toBe("07:30");
    expect([stored.location.slug, stored.eventType.slug, stored.entranceType.slug, stored.participantGroup.slug]).toEqual([
      "ubud",
      "sound-healing",
      "pay-at-site",
      "open",
    ]);
    // A draft is not public.
    expect(await titlesListed()).not.toContain("Sunrise Sound Bath");
    expect(await getPublicEvent(slug)).toBeNull();
  });

  it("the owner reads it back for the edit form", async () => {
    const event = await getOwnedEvent({ actor: creator, eventId });
    expect(event).toMatchObject({ id: eventId, title: "Sunrise Sound Bath", location: { slug: "ubud" } });
  });

  it("publishes at once on submit (payments are off) and the event is listed immediately", async () => {
    expect(await titlesListed()).toEqual([]); // primes the listing cache
    const before = Date.now();
    await submitEvent({ actor: creator, eventId });
    const stored = await db.event.findUniqueOrThrow({ where: { id: eventId } });
    expect(stored.status).toBe("PUBLISHED");
    expect(stored.publishedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(await titlesListed()).toEqual(["Sunrise Sound Bath"]);
    expect((await getPublicEvent(slug))?.entranceFeeIdr).toBe(150_000);
  });

  it("shows an edit in the listing, the search and the event page on the very next request", async () => {
    expect((await getPublicEvent(slug))?.title).toBe("Sunrise Sound Bath"); // cached
    expect(await titlesListed("sunrise")).toEqual(["Sunrise Sound Bath"]); // cached
    const result = await editEvent({
      actor: creator,
      eventId,
      input: form({ title: "Sunset Gong Bath", startTime: "18:00", venueAddress: "", ledBy: "", contactPhone: "", bookingUrl: "", entranceFee: "200,000" }),
    });
    expect(result).toEqual({ id: eventId, slug, status: "PUBLISHED" }); // the public URL stays stable

    const detail = await getPublicEvent(slug);
    expect(detail).toMatchObject({ title: "Sunset Gong Bath", venueAddress: null, ledBy: null, contactPhone: null, bookingUrl: null, entranceFeeIdr: 200_000 });
    expect(toBaliTime(new Date(detail!.startsAt))).toBe("18:00");
    expect(await titlesListed()).toEqual(["Sunset Gong Bath"]);
    expect(await titlesListed("gong")).toEqual(["Sunset Gong Bath"]);
    expect(await titlesListed("sunrise")).toEqual([]);
  });

  it("duplicates as a new DRAFT with the same fields and a new slug", async () => {
    const copy = await duplicateEvent({ actor: creator, eventId });
    expect(copy.id).not.toBe(eventId);
    expect(copy.slug).not.toBe(slug);
    expect(copy.slug).toMatch(/^sunset-gong-bath-/);
    const [original, duplicate] = await Promise.all([
      db.event.findUniqueOrThrow({ where: { id: eventId } }),
      db.event.findUniqueOrThrow({ where: { id: copy.id } }),
    ]);
    const comparable = ({
      title,
      description,
      startsAt,
      endsAt,
      durationMinutes,
      locationId,
      venueName,
      venueAddress,
      eventTypeId,
      entranceTypeId,
      entranceFeeIdr,
      participantGroupId,
      ledBy,
      contactEmail,
      contactPhone,
      bookingUrl,
      creatorId,
    }: typeof original) => ({
      title,
      description,
      startsAt,
      endsAt,
      durationMinutes,
      locationId,
      venueName,
      venueAddress,
      eventTypeId,
      entranceTypeId,
      entranceFeeIdr,
      participantGroupId,
      ledBy,
      contactEmail,
      contactPhone,
      bookingUrl,
      creatorId,
    });
    expect(comparable(duplicate)).toEqual(comparable(original));
    expect(duplicate).toMatchObject({ status: "DRAFT", publishedAt: null, cancelledAt: null, isFeatured: false });
    expect(await titlesListed()).toEqual(["Sunset Gong Bath"]); // the copy is not public
  });

  it("cancels: the event stays listed, marked cancelled", async () => {
    await cancelEvent({ actor: creator, eventId });
    const stored = await db.event.findUniqueOrThrow({ where: { id: eventId } });
    expect(stored.status).toBe("CANCELLED");
    expect(stored.cancelledAt).not.toBeNull();
    const listed = (await listPublicEvents({ query: {} })).events;
    expect(listed.map((event) => [event.title, event.isCancelled])).toEqual([["Sunset Gong Bath", true]]);
    expect((await getPublicEvent(slug))?.status).toBe("CANCELLED");
    await expect(cancelEvent({ actor: creator, eventId })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("deletes softly: the event leaves the public site and the dashboard, its payments stay", async () => {
    await db.payment.create({ data: { eventId, creatorId: creator.id, amountCents: 300, status: "COMPLETED", completedAt: new Date() } });
    expect(await titlesListed()).toEqual(["Sunset Gong Bath"]);

    await deleteEvent({ actor: creator, eventId });

    expect(await titlesListed()).toEqual([]);
    expect(await getPublicEvent(slug)).toBeNull();
    const stored = await db.event.findUniqueOrThrow({ where: { id: eventId } });
    expect(stored.deletedAt).not.toBeNull();
    const payments = await db.payment.findMany({ where: { eventId } });
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ status: "COMPLETED", amountCents: 300 });
    const dashboard = await getCreatorDashboard({ creatorId: creator.id, filter: "all" });
    expect(dashboard.events.map((event) => event.id)).not.toContain(eventId);
    // Gone for its owner too.
    await expect(getOwnedEvent({ actor: creator, eventId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteEvent({ actor: creator, eventId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("validation", () => {
  let creator: TActor;

  beforeAll(async () => {
    creator = await newCreator();
  });

  it("refuses a start in the past (Bali time)", async () => {
    const yesterday = inDays(-1);
    const fields = await fieldErrors(createEvent({ actor: creator, input: form({ startDate: toBaliDate(yesterday), startTime: "10:00" }) }));
    expect(fields).toEqual({ startDate: "The start must be in the future." });
  });

  it("refuses a fee on a free event", async () => {
    const fields = await fieldErrors(createEvent({ actor: creator, input: form({ entranceType: "free", entranceFee: "50.000" }) }));
    expect(fields).toEqual({ entranceFee: "Free events have no entrance fee." });
  });

  it("refuses a booking link that is not http or https", async () => {
    for (const bookingUrl of ["javascript:alert(1)", "ftp://example.test/file", "example.test/book", "https://"]) {
      const fields = await fieldErrors(createEvent({ actor: creator, input: form({ bookingUrl }) }));
      expect(fields, bookingUrl).toEqual({ bookingUrl: "Use a link that starts with http:// or https://" });
    }
  });

  it("refuses a duration of 0", async () => {
    const fields = await fieldErrors(createEvent({ actor: creator, input: form({ durationDays: "0", durationHours: "0", durationMinutes: "0" }) }));
    expect(fields).toEqual({ duration: "The event must last at least 15 minutes." });
  });

  it("reports every problem at once, each in words people understand", async () => {
    const fields = await fieldErrors(
      createEvent({
        actor: creator,
        input: form({
          title: "Yo",
          startDate: "25/11/2026",
          startTime: "19:10",
          durationDays: "91",
          durationMinutes: "20",
          location: "",
          venueName: "  ",
          entranceFee: "150.50",
          contactEmail: "not an email",
          contactPhone: "call me",
          description: "x".repeat(5_001),
        }),
      }),
    );
    expect(fields).toEqual({
      title: "Use at least 3 characters for the title.",
      description: "The description can be at most 5,000 characters.",
      startDate: "Enter the start date as YYYY-MM-DD, e.g. 2026-11-25.",
      startTime: "Choose a start time from the list (15-minute steps).",
      durationDays: "Days must be a whole number from 0 to 90.",
      durationMinutes: "Minutes must be 0, 15, 30 or 45.",
      location: "Choose a location.",
      venueName: "Enter the venue name.",
      entranceFee: "Enter the fee in whole rupiah, e.g. 150.000 (or 0).",
      contactEmail: "Enter a valid email address, e.g. name@example.com.",
      contactPhone: "Enter a phone number with 8 to 20 digits, spaces, +, ( ) or -.",
    });
  });

  it("reads rupiah written the Indonesian way, the English way or plain", async () => {
    for (const [typed, amount] of [
      ["150.000", 150_000],
      ["150,000", 150_000],
      ["150000", 150_000],
      ["Rp 1.500.000", 1_500_000],
      ["0", 0],
      ["100.000.000", 100_000_000],
    ] as const) {
      const { id } = await createEvent({ actor: creator, input: form({ entranceFee: typed }) });
      expect((await db.event.findUniqueOrThrow({ where: { id } })).entranceFeeIdr, typed).toBe(amount);
    }
    const fields = await fieldErrors(createEvent({ actor: creator, input: form({ entranceFee: "100.000.001" }) }));
    expect(fields).toEqual({ entranceFee: "The entrance fee can be at most Rp 100.000.000." });
  });

  it("refuses unknown and inactive reference items on new events, but keeps an event's current inactive item when editing", async () => {
    expect(await fieldErrors(createEvent({ actor: creator, input: form({ location: "atlantis", eventType: "no-such-type" }) }))).toEqual({
      location: "Choose a location from the list.",
      eventType: "Choose an event type from the list.",
    });
    const { id } = await createEvent({ actor: creator, input: form({ location: "amed" }) });
    await db.location.update({ where: { slug: "amed" }, data: { isActive: false } });
    try {
      expect(await fieldErrors(createEvent({ actor: creator, input: form({ location: "amed" }) }))).toEqual({ location: "Choose a location from the list." });
      await expect(editEvent({ actor: creator, eventId: id, input: form({ location: "amed", title: "Still in Amed" }) })).resolves.toMatchObject({ id });
      const other = await createEvent({ actor: creator, input: form({ location: "ubud" }) });
      expect(await fieldErrors(editEvent({ actor: creator, eventId: other.id, input: form({ location: "amed" }) }))).toEqual({
        location: "Choose a location from the list.",
      });
    } finally {
      await db.location.update({ where: { slug: "amed" }, data: { isActive: true } });
    }
  });
});

describe("publishing needs a verified email", () => {
  it("refuses an unverified creator and keeps the draft", async () => {
    const creator = await newCreator({ verified: false });
    const { id, slug } = await createEvent({ actor: creator, input: form({ title: "Unverified Cacao Circle" }) });
    await expect(submitEvent({ actor: creator, eventId: id })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Verify your email to publish events." });
    expect((await db.event.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
    expect(await getPublicEvent(slug)).toBeNull();
    expect(await titlesListed("cacao")).toEqual([]);
  });

  it("refuses to publish an event that has ended, or publish twice", async () => {
    const creator = await newCreator();
    const ended = await insertEventFixture({ creatorId: creator.id, title: "Old Draft", startsAt: inDays(-2), status: "DRAFT", publishedAt: null });
    await expect(submitEvent({ actor: creator, eventId: ended.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const { id } = await createEvent({ actor: creator, input: form() });
    await submitEvent({ actor: creator, eventId: id });
    await expect(submitEvent({ actor: creator, eventId: id })).rejects.toMatchObject({ code: "CONFLICT", message: "This event is already published." });
  });
});

describe("editing rules", () => {
  it("allows editing until the event ends; an event under way keeps its start", async () => {
    const creator = await newCreator();
    const startedAt = new Date(Math.floor((Date.now() - 3_600_000) / 900_000) * 900_000); // on a 15-minute step, about an hour ago
    const running = await insertEventFixture({ creatorId: creator.id, title: "Day Retreat", startsAt: startedAt, durationMinutes: 600 });
    const unchanged = form({
      title: "Day Retreat (garden)",
      startDate: toBaliDate(startedAt),
      startTime: toBaliTime(startedAt),
      durationHours: "10",
      durationMinutes: "0",
    });
    await expect(editEvent({ actor: creator, eventId: running.id, input: unchanged })).resolves.toMatchObject({ id: running.id });
    const earlier = new Date(startedAt.getTime() - 900_000);
    expect(
      await fieldErrors(
        editEvent({ actor: creator, eventId: running.id, input: { ...unchanged, startTime: toBaliTime(earlier), startDate: toBaliDate(earlier) } }),
      ),
    ).toEqual({
      startDate: "The start must be in the future.",
    });

    const ended = await insertEventFixture({ creatorId: creator.id, title: "Yesterday's Dance", startsAt: inDays(-1) });
    await expect(editEvent({ actor: creator, eventId: ended.id, input: form() })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This event has ended and can no longer be edited.",
    });
  });

  it("a copy of a past event can be given a new date and published", async () => {
    const creator = await newCreator();
    const past = await insertEventFixture({ creatorId: creator.id, title: "Monthly Kirtan", startsAt: inDays(-10) });
    const copy = await duplicateEvent({ actor: creator, eventId: past.id });
    // Saving the old date again is refused; a future one is fine.
    expect(
      await fieldErrors(editEvent({ actor: creator, eventId: copy.id, input: form({ title: "Monthly Kirtan", startDate: toBaliDate(inDays(-10)) }) })),
    ).toEqual({
      startDate: "The start must be in the future.",
    });
    await editEvent({ actor: creator, eventId: copy.id, input: form({ title: "Monthly Kirtan", startDate: toBaliDate(inDays(20)) }) });
    await submitEvent({ actor: creator, eventId: copy.id });
    expect(await titlesListed("kirtan")).toEqual(["Monthly Kirtan"]);
  });
});

describe("nobody acts on someone else's event", () => {
  let owner: TActor;
  let stranger: TActor;
  let draftId: string;
  let publishedId: string;
  let deletedId: string;

  beforeAll(async () => {
    owner = await newCreator();
    stranger = await newCreator();
    draftId = (await createEvent({ actor: owner, input: form({ title: "Owner's Draft" }) })).id;
    publishedId = (await createEvent({ actor: owner, input: form({ title: "Owner's Live Event" }) })).id;
    await submitEvent({ actor: owner, eventId: publishedId });
    deletedId = (await createEvent({ actor: owner, input: form({ title: "Owner's Deleted Event" }) })).id;
    await deleteEvent({ actor: owner, eventId: deletedId });
  });

  const attempts = (actor: TActor, eventId: string) => ({
    read: () => getOwnedEvent({ actor, eventId }),
    edit: () => editEvent({ actor, eventId, input: form({ title: "Hijacked" }) }),
    submit: () => submitEvent({ actor, eventId }),
    cancel: () => cancelEvent({ actor, eventId }),
    delete: () => deleteEvent({ actor, eventId }),
    duplicate: () => duplicateEvent({ actor, eventId }),
  });

  it("another creator gets NOT_FOUND for read, edit, submit, cancel, delete and duplicate, and nothing changes", async () => {
    for (const eventId of [draftId, publishedId]) {
      for (const [name, attempt] of Object.entries(attempts(stranger, eventId))) {
        await expect(attempt(), `${name} ${eventId}`).rejects.toMatchObject({ code: "NOT_FOUND", message: "This event does not exist." });
      }
    }
    const [draft, published] = await Promise.all([
      db.event.findUniqueOrThrow({ where: { id: draftId } }),
      db.event.findUniqueOrThrow({ where: { id: publishedId } }),
    ]);
    expect([draft.title, draft.status, draft.deletedAt]).toEqual(["Owner's Draft", "DRAFT", null]);
    expect([published.title, published.status, published.deletedAt]).toEqual(["Owner's Live Event", "PUBLISHED", null]);
    expect(await db.event.count({ where: { creatorId: stranger.id } })).toBe(0);
  });

  it("deleted, unknown and malformed ids are NOT_FOUND for everyone, the owner included", async () => {
    for (const eventId of [deletedId, randomUUID(), "not-a-uuid", "0123456789abcdef0123456789abcdef0123"]) {
      for (const [name, attempt] of Object.entries(attempts(owner, eventId))) {
        await expect(attempt(), `${name} ${eventId}`).rejects.toMatchObject({ code: "NOT_FOUND" });
      }
    }
  });

  it("an admin may act on any event", async () => {
    const admin = await newCreator({ role: "ADMIN" });
    await expect(getOwnedEvent({ actor: admin, eventId: draftId })).resolves.toMatchObject({ id: draftId, creatorId: owner.id });
    await editEvent({ actor: admin, eventId: draftId, input: form({ title: "Owner's Draft, tidied" }) });
    await submitEvent({ actor: admin, eventId: draftId });
    const copy = await duplicateEvent({ actor: admin, eventId: draftId });
    expect((await db.event.findUniqueOrThrow({ where: { id: copy.id } })).creatorId).toBe(owner.id); // the copy stays the organiser's
    await cancelEvent({ actor: admin, eventId: draftId });
    await deleteEvent({ actor: admin, eventId: copy.id });
    expect((await db.event.findUniqueOrThrow({ where: { id: draftId } })).status).toBe("CANCELLED");
  });
});

describe("rate limit", () => {
  it("allows 30 new events a day per creator, then answers with a retry time", async () => {
    const creator = await newCreator();
    const { id } = await createEvent({ actor: creator, input: form({ title: "Event 1" }) });
    for (let count = 2; count <= 29; count++) await createEvent({ actor: creator, input: form({ title: `Event ${count}` }) });
    await duplicateEvent({ actor: creator, eventId: id }); // a copy counts too: 30
    const error = await createEvent({ actor: creator, input: form({ title: "Event 31" }) }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "RATE_LIMITED" });
    expect((error as AppError).message).toMatch(/^Too many attempts, try again in \d+ minutes?\.$/);
    expect((error as AppError).retryAfterSeconds).toBeGreaterThan(0);
    await expect(duplicateEvent({ actor: creator, eventId: id })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // A typo does not count against the allowance and is answered first.
    expect(await fieldErrors(createEvent({ actor: creator, input: form({ title: "" }) }))).toEqual({ title: "Enter a title." });
    // Another creator is not affected.
    await expect(createEvent({ actor: await newCreator(), input: form() })).resolves.toMatchObject({ id: asymmetric.any(String) });
  });
});
