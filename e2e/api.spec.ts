/**
 * The public JSON API: health, events (shape, limits, validation errors in the
 * one error shape, filters), one event, reference data, and the rate limit.
 */
import http from "node:http";
import { expect, test, type APIResponse } from "@playwright/test";
import {
  clearPublicCaches,
  clearRateLimits,
  closeDb,
  countPublicUpcomingEvents,
  DAY,
  deleteInsertedData,
  HOUR,
  insertEvent,
  uniqueWord,
  type TInsertedEvent,
} from "./support/db";

type TCard = {
  id: string;
  slug: string;
  title: string;
  startsAt: string;
  endsAt: string;
  url: string;
  location: { name: string; slug: string };
  eventType: { name: string; slug: string };
  entranceType: { name: string; slug: string };
  entranceFeeIdr: number;
  organiser: string;
};
type TListing = { events: TCard[]; total: number; page: number; limit: number; totalPages: number };
type TErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const LOCATIONS = [
  "Ubud",
  "Canggu",
  "Seminyak",
  "Kuta",
  "Legian",
  "Sanur",
  "Nusa Dua",
  "Uluwatu",
  "Jimbaran",
  "Denpasar",
  "Tabanan",
  "Gianyar",
  "Karangasem",
  "Singaraja",
  "Lovina",
  "Amed",
  "Candidasa",
  "Padang Bai",
  "Munduk",
  "Bedugul",
  "Tegallalang",
  "Sidemen",
  "Nusa Penida",
  "Nusa Lembongan",
  "Kintamani",
];
const EVENT_TYPES = [
  "Yoga",
  "Healing",
  "Therapy",
  "Show",
  "Theater",
  "Music Concert",
  "Dance Performance",
  "Art Exhibition",
  "Workshop",
  "Retreat",
  "Meditation",
  "Sound Healing",
  "Breathwork",
  "Ecstatic Dance",
  "Festival",
  "Market & Bazaar",
  "Food & Culinary",
  "Sports & Fitness",
  "Wellness",
  "Spiritual Ceremony",
  "Photography",
  "Film Screening",
  "Comedy",
  "Networking",
  "Community Gathering",
];
const ENTRANCE_SLUGS = ["free", "prepaid-online", "pay-at-site", "donation-based", "by-registration-only", "members-only"];

let ended: TInsertedEvent;
let draft: TInsertedEvent;

test.beforeAll(async () => {
  await clearRateLimits();
  ended = await insertEvent({ title: `API Ended Event ${uniqueWord()}`, startsAt: new Date(Date.now() - 30 * HOUR), durationMinutes: 60 });
  draft = await insertEvent({ title: `API Draft Event ${uniqueWord()}`, startsAt: new Date(Date.now() + 3 * DAY), status: "DRAFT" });
  await clearPublicCaches();
});

test.afterAll(async () => {
  await deleteInsertedData();
  await clearRateLimits();
  await closeDb();
});

async function expectError(response: APIResponse, status: number, code: string): Promise<TErrorBody["error"]> {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  const body = (await response.json()) as TErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

test.describe("public JSON API", () => {
  test("GET /api/health reports the database and Redis up", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");
    expect(await response.json()).toMatchObject({ status: "ok", database: "up", redis: "up" });
  });

  test("GET /api/events has the listing shape, 24 per page by default", async ({ request, baseURL }) => {
    const total = await countPublicUpcomingEvents();
    const response = await request.get("/api/events");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    // One header style: the IETF RateLimit-* headers and no other rate-limit header.
    expect(response.headers()["ratelimit-limit"]).toBe("120");
    expect(response.headers()["ratelimit-reset"]).toMatch(/^\d+$/);
    expect(
      Object.keys(response.headers())
        .filter((name) => name.includes("ratelimit"))
        .sort(),
    ).toEqual(["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"]);
    const body = (await response.json()) as TListing;
    expect(Object.keys(body).sort()).toEqual(["events", "limit", "page", "total", "totalPages"]);
    expect(body).toMatchObject({ total, page: 1, limit: 24, totalPages: Math.ceil(total / 24) });
    expect(body.events).toHaveLength(24);
    const [first] = body.events;
    expect(first).toMatchObject({
      slug: expect.stringMatching(/^[a-z0-9-]+$/),
      title: expect.any(String),
      startsAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      endsAt: expect.any(String),
      location: { name: expect.any(String), slug: expect.any(String) },
      eventType: { name: expect.any(String), slug: expect.any(String) },
      entranceFeeIdr: expect.any(Number),
      organiser: "Bali Mindful Events",
    });
    expect(first?.url).toBe(`${baseURL}/events/${first?.slug}`);
    expect(body.events.map((event) => event.slug)).not.toContain(ended.slug);
    expect(body.events.map((event) => event.slug)).not.toContain(draft.slug);

    const page2 = (await (await request.get("/api/events?page=2")).json()) as TListing;
    expect(page2.page).toBe(2);
    expect(page2.events).toHaveLength(24);
    expect(page2.events.map((event) => event.slug)).not.toContain(first?.slug);
  });

  test("GET /api/events?limit=100 is allowed, limit=101 is a 422 in the error shape", async ({ request }) => {
    const total = await countPublicUpcomingEvents();
    const ok = (await (await request.get("/api/events?limit=100")).json()) as TListing;
    expect(ok).toMatchObject({ limit: 100, page: 1, total, totalPages: Math.ceil(total / 100) });
    expect(ok.events).toHaveLength(Math.min(total, 100));

    const error = await expectError(await request.get("/api/events?limit=101"), 422, "invalid_input");
    expect(Object.keys(error.fields ?? {})).toEqual(["limit"]);
  });

  for (const [query, field] of [
    ["page=0", "page"],
    ["page=abc", "page"],
    ["page=1.5", "page"],
    ["limit=0", "limit"],
    ["when=someday", "when"],
    ["from=2026-13-45", "from"],
    ["to=tomorrow", "to"],
    ["price=cheap", "price"],
    ["sort=random", "sort"],
    ["location=Ubud%20Centre", "location"],
    ["from=2031-02-01&to=2031-01-01", "to"],
  ] as const) {
    test(`GET /api/events?${query} is a 422 naming ${field}`, async ({ request }) => {
      const error = await expectError(await request.get(`/api/events?${query}`), 422, "invalid_input");
      expect(error.fields?.[field], JSON.stringify(error)).toEqual(expect.any(String));
    });
  }

  test("GET /api/events filters like the home page", async ({ request }) => {
    const get = async (query: string) => {
      const response = await request.get(`/api/events?limit=100&${query}`);
      expect(response.status()).toBe(200);
      const body = (await response.json()) as TListing;
      expect(body.events.length, query).toBeGreaterThan(0);
      return body.events;
    };
    for (const event of await get("location=ubud")) expect(event.location.slug).toBe("ubud");
    for (const event of await get("type=yoga")) expect(event.eventType.slug).toBe("yoga");
    for (const event of await get("entrance=free")) expect(event.entranceType.slug).toBe("free");
    for (const event of await get("price=free")) expect(event.entranceFeeIdr).toBe(0);
    for (const event of await get("price=paid")) expect(event.entranceFeeIdr).toBeGreaterThan(0);
    const found = await get("q=kecak");
    expect(found.map((event) => event.title)).toContain("Kecak Fire Dance at Sunset");
    // An unknown slug filters everything out (it is not an error).
    const none = (await (await request.get("/api/events?location=atlantis")).json()) as TListing;
    expect(none).toMatchObject({ events: [], total: 0, page: 1, totalPages: 1 });
  });

  test("GET /api/events accepts any search text without a server error", async ({ request }) => {
    for (const q of ["yoga & | ! :* ( )", "' OR 1=1 --", "<script>", "café ubud", "\\", "a:*b", "&&&", "\u{1F334}"]) {
      const response = await request.get(`/api/events?q=${encodeURIComponent(q)}`);
      expect(response.status(), q).toBe(200);
    }
    const tooLong = await expectError(await request.get(`/api/events?q=${"a".repeat(201)}`), 422, "invalid_input");
    expect(tooLong.fields?.q).toEqual(expect.any(String));
  });

  test("API and pages carry the security headers", async ({ request }) => {
    for (const path of ["/api/events?limit=1", "/"]) {
      const headers = (await request.get(path)).headers();
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(headers["x-powered-by"], path).toBeUndefined();
    }
  });

  test("GET /api/events/<slug> returns the event; unknown, draft and missing slugs are 404s", async ({ request, baseURL }) => {
    const listing = (await (await request.get("/api/events?limit=1")).json()) as TListing;
    const slug = listing.events[0]!.slug;
    const response = await request.get(`/api/events/${slug}`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({
      slug,
      title: listing.events[0]!.title,
      startsAt: listing.events[0]!.startsAt,
      endsAt: expect.any(String),
      description: expect.any(String),
      durationMinutes: expect.any(Number),
      location: listing.events[0]!.location,
      venueName: expect.any(String),
      eventType: listing.events[0]!.eventType,
      entranceType: expect.objectContaining({ slug: expect.any(String) }),
      participantGroup: expect.objectContaining({ slug: expect.any(String) }),
      contactEmail: expect.any(String),
      status: "PUBLISHED",
      organiser: { id: expect.any(String), name: "Wayan Demo", organisation: "Bali Mindful Events" },
      url: `${baseURL}/events/${slug}`,
      hasEnded: false,
    });

    // An ended event stays reachable by its address.
    expect(await (await request.get(`/api/events/${ended.slug}`)).json()).toMatchObject({ slug: ended.slug, hasEnded: true });

    await expectError(await request.get(`/api/events/no-such-event-${uniqueWord()}`), 404, "not_found");
    await expectError(await request.get(`/api/events/${draft.slug}`), 404, "not_found");
    await expectError(await request.get("/api/events/NOT%20A%20SLUG"), 404, "not_found");
  });

  test("GET /api/locations lists the 25 locations in order", async ({ request }) => {
    const response = await request.get("/api/locations");
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { locations: { id: number; name: string; slug: string }[] };
    expect(body.locations.map((item) => item.name)).toEqual(LOCATIONS);
    expect(body.locations[0]).toMatchObject({ name: "Ubud", slug: "ubud", id: expect.any(Number) });
    expect(body.locations[6]).toMatchObject({ name: "Nusa Dua", slug: "nusa-dua" });
  });

  test("GET /api/event-types lists the 25 event types, with slugs like market-bazaar", async ({ request }) => {
    const response = await request.get("/api/event-types");
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { eventTypes: { name: string; slug: string }[] };
    expect(body.eventTypes.map((item) => item.name)).toEqual(EVENT_TYPES);
    expect(body.eventTypes).toContainEqual(expect.objectContaining({ name: "Market & Bazaar", slug: "market-bazaar" }));
    expect(body.eventTypes).toContainEqual(expect.objectContaining({ name: "Food & Culinary", slug: "food-culinary" }));
  });

  test("GET /api/entrance-types lists the 6 entrance types", async ({ request }) => {
    const response = await request.get("/api/entrance-types");
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { entranceTypes: { name: string; slug: string }[] };
    expect(body.entranceTypes.map((item) => item.slug)).toEqual(ENTRANCE_SLUGS);
    expect(body.entranceTypes.map((item) => item.name)).toEqual([
      "Free",
      "Prepaid Online",
      "Pay at Site",
      "Donation-based",
      "By Registration Only",
      "Members Only",
    ]);
  });

  test("the public API allows 120 requests a minute per IP, then answers 429 with Retry-After", async ({ request, baseURL }) => {
    // The flood comes from another loopback address (127.0.0.2), so that this
    // IP's own budget (127.0.0.1, used by every other test) is left alone —
    // which also shows that the limit is per IP.
    const url = new URL("/api/locations", baseURL);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8, localAddress: "127.0.0.2" });
    type TResult = { status: number; remaining?: string; limit?: string; retryAfter?: string; body: string };
    const send = (headers: Record<string, string> = {}) =>
      new Promise<TResult>((resolve, reject) => {
        const outgoing = http.get(url, { agent, headers }, (incoming) => {
          let body = "";
          incoming.setEncoding("utf8");
          incoming.on("data", (chunk: string) => (body += chunk));
          incoming.on("end", () =>
            resolve({
              status: incoming.statusCode ?? 0,
              remaining: incoming.headers["ratelimit-remaining"] as string | undefined,
              limit: incoming.headers["ratelimit-limit"] as string | undefined,
              retryAfter: incoming.headers["retry-after"],
              body,
            }),
          );
        });
        outgoing.on("error", reject);
      });
    try {
      // Batches of 8 until the first 429 (at most 300 requests).
      const results: TResult[] = [];
      while (results.length < 300 && !results.some((result) => result.status === 429)) {
        results.push(...(await Promise.all(Array.from({ length: 8 }, () => send()))));
      }
      const statuses = results.map((result) => result.status);
      expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
      const allowed = results.filter((result) => result.status === 200);
      expect(allowed.every((result) => result.limit === "120")).toBe(true);
      // Never blocked early; and, leaving out answers given while Redis was too slow
      // (the limiter then fails open and reports the full budget, 120, as remaining),
      // not much more than 120 (a flood that straddles a minute boundary may see one or two more).
      expect(allowed.length).toBeGreaterThanOrEqual(118);
      const counted = allowed.filter((result) => result.remaining !== "120");
      expect(counted.length).toBeLessThanOrEqual(122);
      expect(counted.map((result) => Number(result.remaining)).sort((a, b) => a - b)[0]).toBeLessThanOrEqual(1);

      const limited = results.find((result) => result.status === 429);
      expect(limited, "a 429 after the budget is spent").toBeTruthy();
      expect(limited?.remaining).toBe("0");
      expect(Number(limited?.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(limited?.retryAfter)).toBeLessThanOrEqual(60);
      const body = JSON.parse(limited?.body ?? "") as TErrorBody;
      expect(body.error.code).toBe("rate_limited");
      expect(body.error.message).toMatch(/Too many requests/);

      // Claiming another address in headers does not help (TRUST_PROXY is off).
      const spoofed = await send({ "X-Forwarded-For": "203.0.113.9", "X-Real-IP": "203.0.113.9", "X-Zenbali-Client-Ip": "203.0.113.9" });
      expect(spoofed.status).toBe(429);
    } finally {
      agent.destroy();
    }
    // Another IP is not affected.
    expect((await request.get("/api/locations")).status()).toBe(200);
  });
});
