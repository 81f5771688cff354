/**
 * Issue 9, item 6: a change invalidates only what it can affect. The real
 * page cache (lib/page-cache) in front of a small stand-in for Next that
 * renders from the app's real read paths (listing, event page, organiser
 * page, each through its data cache), with the app's real write paths, the
 * real PostgreSQL and Redis. A draft saved or a profile with no public events
 * renamed must leave "/" a cache hit; a public change is visible at once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { updateProfile } from "@/lib/auth/update-profile";
import { invalidatePublicCaches, pageChangeLogKey, pageGenerationKey } from "@/lib/cache/public-cache";
import { MAX_SCOPED_EVENTS } from "@/lib/cache/public-changes";
import { db, disconnectDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { cancelEvent } from "@/lib/events/cancel-event";
import { deleteEvent } from "@/lib/events/delete-event";
import { editEvent } from "@/lib/events/edit-event";
import { EMPTY_EVENT_FORM, type TEventFormValues } from "@/lib/events/event-form-schema";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { getCreatorProfile } from "@/lib/events/list-creator-public-events";
import { createPageCache } from "@/lib/page-cache/page-cache";
import { closeRedis, getRedis, RATE_LIMIT_POLICIES } from "@/lib/redis";
import { toBaliDate } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";
import { asymmetric } from "../support/asymmetric";

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A complete, valid event form. */
function form(overrides: Partial<TEventFormValues> = {}): TEventFormValues {
  return {
    ...EMPTY_EVENT_FORM,
    title: "Scoped Sound Bath",
    description: "Bring a mat.",
    startDate: toBaliDate(inDays(5)),
    startTime: "07:30",
    durationDays: "0",
    durationHours: "1",
    durationMinutes: "30",
    location: "ubud",
    venueName: "Pyramids of Chi",
    eventType: "yoga",
    entranceType: "free",
    entranceFee: "",
    participantGroup: "open",
    contactEmail: "host@example.test",
    ...overrides,
  };
}

/** Renders per path, and a server: the page cache in front of a mini app reading what the real pages read. */
const renders = new Map<string, number>();
let server: Server;
let base = "";

async function miniNext(request: IncomingMessage, response: ServerResponse) {
  const path = (request.url ?? "/").split("?")[0]!;
  renders.set(path, (renders.get(path) ?? 0) + 1);
  let body: string | null = null;
  if (path === "/") {
    const listing = await listPublicEvents({ query: {} });
    body = `<ul>${listing.events.map((event) => `<li>${event.title}</li>`).join("")}</ul>`;
  } else if (path.startsWith("/events/")) {
    const event = await getPublicEvent(path.slice("/events/".length));
    if (event) body = `<article data-event-id="${event.id}"><h1>${event.title}</h1><p>By ${event.organiser.name}</p></article>`;
  } else if (path.startsWith("/creators/")) {
    const profile = await getCreatorProfile(path.slice("/creators/".length));
    if (profile) body = `<h1>${profile.name}</h1><ul>${profile.events.map((event) => `<li>${event.title}</li>`).join("")}</ul>`;
  }
  response.statusCode = body === null ? 404 : 200;
  response.setHeader("content-type", "text/html; charset=utf-8");
  response.end(`<html><body>${body ?? "Not found"}</body></html>`);
}

async function get(path: string): Promise<{ cache: string | null; html: string }> {
  const response = await fetch(`${base}${path}`);
  return { cache: response.headers.get("x-zenbali-cache"), html: await response.text() };
}

/** Renders each page once (they are then in the cache), and checks that they are. */
async function prime(...paths: string[]) {
  for (const path of paths) await get(path);
  await sleep(50); // the copies reach Redis in the background
  for (const path of paths) expect((await get(path)).cache, path).toBe("hit");
}

type TActor = { id: string; role: "CREATOR" };
let withEvents: TActor; // a creator with a public event
let withoutEvents: TActor; // a creator with only a draft
let publicEvent: Awaited<ReturnType<typeof createEvent>>;
let otherEvent: Awaited<ReturnType<typeof createEvent>>;
let draft: Awaited<ReturnType<typeof createEvent>>;

beforeAll(async () => {
  await clearEvents();
  const verified = async (name: string): Promise<TActor> => {
    const user = await createCreator({ name });
    await db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    return { id: user.id, role: "CREATOR" };
  };
  withEvents = await verified("Organiser With Events");
  withoutEvents = await verified("Organiser Without Events");
  const third = await verified("Someone Else");
  publicEvent = await createEvent({ creatorId: withEvents.id, title: "Scoped Public Yoga", startsAt: inDays(3) });
  otherEvent = await createEvent({ creatorId: third.id, title: "Scoped Other Market", startsAt: inDays(4) });
  draft = await createEvent({ creatorId: withoutEvents.id, title: "Scoped Secret Draft", startsAt: inDays(6), status: "DRAFT", publishedAt: null });
  server = createServer((request, response) => {
    request.headers["x-zenbali-client-ip"] = "127.0.0.1";
    void cache.handle(request, response);
  });
  const cache = createPageCache({ handle: miniNext });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(async () => {
  await invalidatePublicCaches("reference");
  await sleep(250);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await clearEvents();
  await disconnectDb();
  await closeRedis();
});

describe("a change invalidates only what it affects", () => {
  it("saving (and deleting) a draft leaves every cached public page a hit", async () => {
    const pages = ["/", `/events/${publicEvent.slug}`, `/creators/${withEvents.id}`, `/creators/${withoutEvents.id}`];
    await prime(...pages);
    await editEvent({ actor: withoutEvents, eventId: draft.id, input: form({ title: "Scoped Secret Draft Renamed" }) });
    for (const path of pages) expect((await get(path)).cache, path).toBe("hit");
    await sleep(250); // and on other instances: the shared generation did not move
    for (const path of pages) expect((await get(path)).cache, path).toBe("hit");
    const { id } = await deleteEvent({ actor: withoutEvents, eventId: draft.id });
    await db.event.update({ where: { id }, data: { deletedAt: null } }); // undo (fixture)
    for (const path of pages) expect((await get(path)).cache, path).toBe("hit");
    expect((await get("/")).html).not.toContain("Secret Draft");
  });

  it("renaming a creator without public events re-renders their organiser page only", async () => {
    await prime("/", `/events/${publicEvent.slug}`, `/creators/${withEvents.id}`, `/creators/${withoutEvents.id}`);
    await updateProfile({ userId: withoutEvents.id, input: { name: "Renamed Without Events", organisation: "", phone: "" } });
    const page = await get(`/creators/${withoutEvents.id}`);
    expect(page.cache).toBe("miss");
    expect(page.html).toContain("Renamed Without Events");
    for (const path of ["/", `/events/${publicEvent.slug}`, `/creators/${withEvents.id}`]) expect((await get(path)).cache, path).toBe("hit");
  });

  it("renaming a creator with public events re-renders their pages and the listings, not other creators' events", async () => {
    await prime("/", `/events/${publicEvent.slug}`, `/events/${otherEvent.slug}`, `/creators/${withEvents.id}`);
    await updateProfile({ userId: withEvents.id, input: { name: "Renamed With Events", organisation: "", phone: "" } });
    const eventPage = await get(`/events/${publicEvent.slug}`);
    expect(eventPage.cache).toBe("miss");
    expect(eventPage.html).toContain("By Renamed With Events");
    expect((await get(`/creators/${withEvents.id}`)).html).toContain("Renamed With Events");
    expect((await get("/")).cache).toBe("miss");
    expect((await get(`/events/${otherEvent.slug}`)).cache).toBe("hit");
  });

  it("a public event's edit is visible on the next request: on /, its page and its organiser's page", async () => {
    await prime("/", `/events/${publicEvent.slug}`, `/events/${otherEvent.slug}`, `/creators/${withEvents.id}`);
    const changedAt = Date.now();
    await editEvent({ actor: withEvents, eventId: publicEvent.id, input: form({ title: "Scoped Public Yoga Edited" }) });
    expect((await get("/")).html).toContain("Scoped Public Yoga Edited");
    expect((await get(`/events/${publicEvent.slug}`)).html).toContain("Scoped Public Yoga Edited");
    expect((await get(`/creators/${withEvents.id}`)).html).toContain("Scoped Public Yoga Edited");
    expect(Date.now() - changedAt).toBeLessThan(1_000);
    expect((await get(`/events/${otherEvent.slug}`)).cache).toBe("hit");
    // Cancelling: the same.
    await cancelEvent({ actor: withEvents, eventId: publicEvent.id });
    expect((await get(`/events/${publicEvent.slug}`)).cache).toBe("miss");
    await db.event.update({ where: { id: publicEvent.id }, data: { status: "PUBLISHED", cancelledAt: null } }); // undo (fixture)
    await invalidatePublicCaches("event");
  });

  it("another instance's change reaches this one through the change log within 200 ms; a missed entry counts as everything", async () => {
    await prime("/", `/events/${publicEvent.slug}`, `/events/${otherEvent.slug}`);
    const redis = getRedis();
    // As another instance would log it: G+1 with its scopes.
    const g = await redis.incr(pageGenerationKey());
    await redis.zadd(pageChangeLogKey(), { score: g, member: `${g}|event:${otherEvent.slug}` });
    await sleep(250);
    expect((await get(`/events/${otherEvent.slug}`)).cache).toBe("miss");
    expect((await get(`/events/${publicEvent.slug}`)).cache).toBe("hit");
    expect((await get("/")).cache).toBe("hit");
    // Two changes, one logged: this instance cannot know what the other was, so nothing cached before is served.
    await prime(`/events/${otherEvent.slug}`);
    await redis.incr(pageGenerationKey());
    const g2 = await redis.incr(pageGenerationKey());
    await redis.zadd(pageChangeLogKey(), { score: g2, member: `${g2}|event:${otherEvent.slug}` });
    await sleep(250);
    for (const path of ["/", `/events/${publicEvent.slug}`]) expect((await get(path)).cache, path).toBe("miss");
  });

  it("keeps the change log short", async () => {
    const redis = getRedis();
    for (let index = 0; index < 3; index++) await invalidatePublicCaches("event");
    const length = await redis.zcard(pageChangeLogKey());
    expect(length).toBeGreaterThan(0);
    expect(length).toBeLessThanOrEqual(1_000);
    expect(MAX_SCOPED_EVENTS).toBe(200);
  });
});

describe("creators' changes are rate limited (policy creatorChange)", () => {
  it("allows 60 an hour per creator, then refuses with a clear message and changes nothing", async () => {
    expect(RATE_LIMIT_POLICIES.creatorChange).toEqual({ limit: 60, window: "1 h" });
    const user = await createCreator({ name: "Busy Organiser" });
    const actor = { id: user.id, role: "CREATOR" as const };
    const event = await createEvent({ creatorId: user.id, title: "Busy Draft", startsAt: inDays(7), status: "DRAFT", publishedAt: null });
    for (let index = 0; index < 60; index++) await editEvent({ actor, eventId: event.id, input: form({ title: `Busy Draft ${index}` }) });
    const refusals = await Promise.all([
      editEvent({ actor, eventId: event.id, input: form({ title: "One Too Many" }) }).catch((error: unknown) => error),
      deleteEvent({ actor, eventId: event.id }).catch((error: unknown) => error),
      updateProfile({ userId: user.id, input: { name: "Too Busy", organisation: "", phone: "" } }).catch((error: unknown) => error),
    ]);
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(AppError);
      expect(refusal).toMatchObject({ code: "RATE_LIMITED", message: asymmetric.stringMatching(/^Too many changes, try again in \d+ minutes?\.$/) });
      expect((refusal as AppError).retryAfterSeconds).toBeGreaterThan(0);
    }
    const after = await db.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(after.title).toBe("Busy Draft 59");
    expect(after.deletedAt).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Busy Organiser");
    // Another creator is not affected.
    await expect(updateProfile({ userId: withoutEvents.id, input: { name: "Still Allowed", organisation: "", phone: "" } })).resolves.toMatchObject({
      name: "Still Allowed",
    });
  });
});
