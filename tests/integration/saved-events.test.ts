import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as addRoute } from "@/app/saved/add/route";
import { POST as removeRoute } from "@/app/saved/remove/route";
import { db, disconnectDb } from "@/lib/db";
import { closeRedis } from "@/lib/redis";
import { removeSavedEvent, saveEvent } from "@/lib/saved/change-saved-list";
import { listSavedEvents } from "@/lib/saved/list-saved-events";
import { MAX_SAVED_EVENTS, parseSavedCookie, SAVED_COOKIE, savedCookieHeader, savedKeyOf, serializeSavedCookie } from "@/lib/saved/saved-cookie";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

const DAY = 86_400_000;
let creatorId: string;
let soon: { id: string; slug: string; title: string };
let later: { id: string; slug: string; title: string };
let ended: { id: string; slug: string; title: string };
let draft: { id: string; slug: string };
let deleted: { id: string; slug: string };

beforeAll(async () => {
  await clearEvents();
  creatorId = (await createCreator({ name: "Saved Creator" })).id;
  later = await createEvent({ creatorId, title: "Full Moon Gathering", startsAt: new Date(Date.now() + 9 * DAY) });
  soon = await createEvent({ creatorId, title: "Sunrise Yoga", startsAt: new Date(Date.now() + 2 * DAY) });
  ended = await createEvent({ creatorId, title: "Last Week's Market", startsAt: new Date(Date.now() - 7 * DAY) });
  draft = await createEvent({ creatorId, title: "Secret Draft", startsAt: new Date(Date.now() + 3 * DAY), status: "DRAFT" });
  deleted = await createEvent({ creatorId, title: "Gone Event", startsAt: new Date(Date.now() + 3 * DAY), deletedAt: new Date() });
});

afterAll(async () => {
  await clearEvents();
  await db.user.deleteMany({ where: { id: creatorId } });
  await disconnectDb();
  await closeRedis();
});

const keyOf = (event: { id: string }) => savedKeyOf(event.id)!;

function post(path: string, form: Record<string, string> | null, headers: Record<string, string> = {}) {
  return new Request(new URL(path, "http://localhost:3000"), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: form === null ? "not=a&form=%" : new URLSearchParams(form).toString(),
  });
}

/** The saved cookie's value in a Set-Cookie header. */
const cookieValue = (response: Response) => /zb_saved=([^;]*)/.exec(response.headers.get("set-cookie") ?? "")?.[1];

describe("the saved-events cookie", () => {
  it("keeps the first 16 hex digits of each id, signed; a changed, forged, foreign or oversized value reads as empty", () => {
    const keys = [keyOf(soon), keyOf(later)];
    const value = serializeSavedCookie(keys);
    expect(parseSavedCookie(value)).toEqual(keys);
    const [body, mac] = value.split(".") as [string, string];
    // Another list with the signature of this one.
    expect(parseSavedCookie(`${serializeSavedCookie([keyOf(ended)]).split(".")[0]}.${mac}`)).toEqual([]);
    expect(parseSavedCookie(`${body}.${mac.slice(0, -2)}AA`)).toEqual([]);
    expect(parseSavedCookie(`${body}.`)).toEqual([]);
    expect(parseSavedCookie(`${body}.${mac}.x`)).toEqual([]);
    expect(parseSavedCookie("%%%.%%%")).toEqual([]);
    expect(parseSavedCookie("A".repeat(100_000) + ".x")).toEqual([]);
    expect(parseSavedCookie(undefined)).toEqual([]);
    expect(savedKeyOf("not-a-uuid")).toBeNull();
  });

  it("holds at most 200 events in a value a browser keeps (under 4 KB with its attributes)", () => {
    const keys = Array.from({ length: MAX_SAVED_EVENTS + 5 }, (_, index) => index.toString(16).padStart(16, "0"));
    const header = savedCookieHeader(keys);
    expect(header.length).toBeLessThan(4_000);
    const kept = parseSavedCookie(/zb_saved=([^;]*)/.exec(header)![1]);
    expect(kept).toHaveLength(MAX_SAVED_EVENTS);
    expect(kept.at(-1)).toBe(keys.at(-1)); // the newest are kept
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Lax");
  });
});

describe("saving and removing", () => {
  it("saves an event a visitor can see (once), never a draft, a deleted event or a made-up slug; refuses past 200", async () => {
    const first = await saveEvent([], soon.slug);
    expect(first).toMatchObject({ outcome: "saved", event: { slug: soon.slug, title: "Sunrise Yoga" }, keys: [keyOf(soon)] });
    expect((await saveEvent(first.keys, soon.slug)).keys).toEqual([keyOf(soon)]);
    for (const slug of [draft.slug, deleted.slug, "no-such-event", "x".repeat(500), 42, "../etc"]) {
      expect(await saveEvent(first.keys, slug)).toEqual({ outcome: "missing", keys: first.keys });
    }
    const full = Array.from({ length: MAX_SAVED_EVENTS }, (_, index) => index.toString(16).padStart(16, "0"));
    expect(await saveEvent(full, later.slug)).toEqual({ outcome: "full", keys: full });
    expect(await removeSavedEvent([keyOf(soon), keyOf(later)], soon.slug)).toMatchObject({ outcome: "removed", keys: [keyOf(later)] });
  });

  it("lists upcoming saved events soonest first and past ones latest first; hidden events drop out", async () => {
    const keys = [keyOf(later), keyOf(ended), keyOf(soon), keyOf(draft), keyOf(deleted), "ffffffffffffffff"];
    const { upcoming, past } = await listSavedEvents(keys);
    expect(upcoming.map((event) => event.title)).toEqual(["Sunrise Yoga", "Full Moon Gathering"]);
    expect(past.map((event) => event.title)).toEqual(["Last Week's Market"]);
    expect(await listSavedEvents([])).toEqual({ upcoming: [], past: [] });
  });
});

describe("POST /saved/add and /saved/remove", () => {
  it("saves, sets the cookie and lands on /saved with the event and a link back to the page the button was on", async () => {
    const response = await addRoute(
      post("/saved/add", { event: soon.slug }, { referer: "http://localhost:3000/?location=ubud", "sec-fetch-site": "same-origin" }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/saved?saved=${soon.slug}&back=%2F%3Flocation%3Dubud`);
    expect(parseSavedCookie(cookieValue(response))).toEqual([keyOf(soon)]);

    // Adding to the list the browser sends.
    const second = await addRoute(post("/saved/add", { event: later.slug }, { cookie: `${SAVED_COOKIE}=${cookieValue(response)}`, "x-zb-locale": "ru" }));
    expect(second.headers.get("location")).toBe(`/ru/saved?saved=${later.slug}`);
    expect(parseSavedCookie(cookieValue(second))).toEqual([keyOf(soon), keyOf(later)]);

    const removed = await removeRoute(post("/saved/remove", { event: soon.slug }, { cookie: `${SAVED_COOKIE}=${cookieValue(second)}` }));
    expect(removed.headers.get("location")).toBe(`/saved?removed=${soon.slug}`);
    expect(parseSavedCookie(cookieValue(removed))).toEqual([keyOf(later)]);
  });

  it("refuses posts from other sites (403, no cookie), bad forms (400) and keeps the list for an unknown event", async () => {
    for (const headers of <Record<string, string>[]>[
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "https://evil.example" },
      { origin: "null" },
    ]) {
      const refused = await addRoute(post("/saved/add", { event: soon.slug }, headers));
      expect(refused.status).toBe(403);
      expect(refused.headers.get("set-cookie")).toBeNull();
    }
    expect((await addRoute(post("/saved/add", { other: "x" }))).status).toBe(400);
    const notForm = await addRoute(
      new Request("http://localhost:3000/saved/add", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
    );
    expect(notForm.status).toBe(400);

    const unknown = await addRoute(post("/saved/add", { event: draft.slug }));
    expect(unknown.status).toBe(303);
    expect(unknown.headers.get("location")).toBe("/saved?notice=missing");
    expect(unknown.headers.get("set-cookie")).toBeNull();
  });

  it("never links back off the site or to /saved itself", async () => {
    for (const referer of [
      "https://evil.example/",
      "http://localhost:3000//evil.example",
      "http://localhost:3000/saved?x=1",
      "http://localhost:3000/ru/saved",
    ]) {
      const response = await addRoute(post("/saved/add", { event: soon.slug }, { referer }));
      expect(response.headers.get("location")).toBe(`/saved?saved=${soon.slug}`);
    }
  });
});
