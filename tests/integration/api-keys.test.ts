/**
 * API keys (create, shown once, stored hashed, authenticate, scope, revoke)
 * and POST /api/v1/events called as Next calls it (a NextRequest), against the
 * real PostgreSQL and Redis.
 */
import { createHmac } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getEventRoute } from "@/app/api/events/[slug]/route";
import { POST } from "@/app/api/v1/events/route";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { db, disconnectDb } from "@/lib/db";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { closeRedis } from "@/lib/redis";
import { RATE_LIMIT_POLICIES } from "@/lib/redis/rate-limit";
import { toBaliDate } from "@/lib/time/bali";
import { clearEvents, createCreator } from "../support/fixtures";
import { TEST_AUTH_SECRET } from "../support/test-config";
import { asymmetric } from "../support/asymmetric";

const DAY = 86_400_000;
const IP = "203.0.113.7";
type TErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
type TEventBody = { event: Record<string, unknown> & { slug: string; title: string; status: string } };

let admin: { id: string; email: string };
let owner: { id: string; email: string; name: string };

function validBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Full Moon Sound Bath",
    description: "Gongs and bowls under the full moon.",
    startDate: toBaliDate(new Date(Date.now() + 5 * DAY)),
    startTime: "19:30",
    durationHours: 2,
    durationMinutes: "30",
    location: "Ubud",
    venueName: "Yoga Barn",
    eventType: "Sound Healing",
    entranceType: "Pay at Site",
    entranceFee: "150.000",
    contactEmail: "host@example.test",
    ...overrides,
  };
}

function apiRequest({
  key,
  body,
  contentType = "application/json",
  headers = {},
}: {
  key?: string | null;
  body?: unknown;
  contentType?: string | null;
  headers?: Record<string, string>;
}): NextRequest {
  const all = new Headers({ "x-zenbali-client-ip": IP, ...headers });
  if (key) all.set("authorization", `Bearer ${key}`);
  if (contentType) all.set("content-type", contentType);
  const payload = typeof body === "string" ? body : JSON.stringify(body ?? validBody());
  return new NextRequest("http://localhost:3000/api/v1/events", { method: "POST", body: payload, headers: all });
}

async function send(options: Parameters<typeof apiRequest>[0]) {
  const response = await POST(apiRequest(options));
  return { response, status: response.status, body: (await response.json()) as unknown };
}

async function newKey(name = "Booking system", ownerId = owner.id) {
  return createApiKey({ actor: admin, input: { name, creator: ownerId, scope: "events:write" }, ip: IP });
}

const auditRows = (action: string) => db.auditLog.findMany({ where: { action }, orderBy: { createdAt: "asc" } });

describe("API keys and POST /api/v1/events", () => {
  beforeAll(async () => {
    await clearEvents();
    await db.auditLog.deleteMany();
    await db.apiKey.deleteMany();
    const adminUser = await db.user.create({ data: { email: `admin-${Date.now()}@example.test`, name: "Admin", role: "ADMIN", passwordHash: "x" } });
    admin = { id: adminUser.id, email: adminUser.email };
    const creator = await createCreator({ name: "Ketut Key" });
    owner = { id: creator.id, email: creator.email, name: creator.name };
  });

  beforeEach(async () => {
    await db.location.updateMany({ where: { slug: "ubud" }, data: { isActive: true } });
  });

  afterAll(async () => {
    await clearEvents();
    await db.auditLog.deleteMany();
    await db.apiKey.deleteMany();
    await db.location.updateMany({ where: { slug: "ubud" }, data: { isActive: true } });
    await disconnectDb();
    await closeRedis();
  });

  describe("creating keys", () => {
    it("returns the key once and stores only its HMAC and a display prefix, with one audit row without the key", async () => {
      const before = (await auditRows("api_key.create")).length;
      const created = await newKey("Website importer");
      expect(created.key).toMatch(/^zb_live_[A-Za-z0-9_-]{43}$/);
      expect(created.prefix).toBe(created.key.slice(0, 12));
      const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
      expect(row).toMatchObject({
        name: "Website importer",
        prefix: created.key.slice(0, 12),
        scopes: ["events:write"],
        userId: owner.id,
        createdById: admin.id,
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.keyHash).toBe(createHmac("sha256", TEST_AUTH_SECRET).update(created.key).digest("hex"));
      expect(JSON.stringify(row)).not.toContain(created.key.slice(12));

      const rows = await auditRows("api_key.create");
      expect(rows).toHaveLength(before + 1);
      const audit = rows.at(-1)!;
      expect(audit).toMatchObject({ actorEmail: admin.email, targetType: "api_key", targetId: created.id, ip: IP });
      expect(JSON.stringify(audit)).not.toContain(created.key.slice(12));
      expect(JSON.stringify(audit.summary)).toContain(created.prefix);

      // The list never shows the hash or the key.
      const listed = (await listApiKeys()).keys.find((key) => key.id === created.id)!;
      expect(listed).toMatchObject({ name: "Website importer", prefix: created.prefix, owner: { email: owner.email }, lastUsedAt: null, revokedAt: null });
      expect(JSON.stringify(listed)).not.toContain(row.keyHash);
    });

    it("accepts the owner by email too", async () => {
      const created = await createApiKey({ actor: admin, input: { name: "By email", creator: owner.email.toUpperCase(), scope: "events:write" } });
      expect(created.owner.id).toBe(owner.id);
    });

    it("refuses a bad name, an unknown scope, an admin, a deactivated or unknown owner, writing no key and no audit row", async () => {
      const inactive = await createCreator({ name: "Gone Away" });
      await db.user.update({ where: { id: inactive.id }, data: { isActive: false } });
      const keysBefore = await db.apiKey.count();
      const auditBefore = await db.auditLog.count();
      const attempt = (input: { name: string; creator: string; scope: string }) => createApiKey({ actor: admin, input: input as never });
      await expect(attempt({ name: "x", creator: owner.id, scope: "events:write" })).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fields: { name: asymmetric.stringContaining("2 to 100") },
      });
      await expect(attempt({ name: "y".repeat(101), creator: owner.id, scope: "events:write" })).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fields: { name: asymmetric.any(String) },
      });
      await expect(attempt({ name: "Reader", creator: owner.id, scope: "events:read" })).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fields: { scope: asymmetric.any(String) },
      });
      await expect(attempt({ name: "Admin key", creator: admin.id, scope: "events:write" })).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fields: { creator: asymmetric.any(String) },
      });
      await expect(attempt({ name: "Inactive", creator: inactive.id, scope: "events:write" })).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fields: { creator: asymmetric.any(String) },
      });
      await expect(attempt({ name: "Nobody", creator: "nobody@example.test", scope: "events:write" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
      await expect(attempt({ name: "Junk", creator: "not an id", scope: "events:write" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
      expect(await db.apiKey.count()).toBe(keysBefore);
      expect(await db.auditLog.count()).toBe(auditBefore);
    });
  });

  describe("authenticating", () => {
    it("accepts a valid key with the scope and marks it used (at most once a minute)", async () => {
      const { key, id } = await newKey();
      const principal = await authenticateApiKey({ authorization: `Bearer ${key}`, scope: "events:write" });
      expect(principal).toMatchObject({ keyId: id, owner: { id: owner.id, email: owner.email } });
      const first = (await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;
      expect(first).toBeInstanceOf(Date);
      await authenticateApiKey({ authorization: `bearer ${key}`, scope: "events:write", now: new Date(first!.getTime() + 10_000) });
      expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(first);
      const later = new Date(first!.getTime() + 61_000);
      await authenticateApiKey({ authorization: `Bearer ${key}`, scope: "events:write", now: later });
      expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(later);
    });

    it("refuses missing, malformed, unknown and tampered keys", async () => {
      const { key } = await newKey();
      for (const authorization of [
        null,
        "",
        "Basic abc",
        `Bearer`,
        `Token ${key}`,
        "Bearer zb_live_short",
        `Bearer ${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`,
        `Bearer ${key}x`,
      ]) {
        await expect(authenticateApiKey({ authorization, scope: "events:write" }), String(authorization)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      }
    });

    it("refuses a key without the scope (403) and a key whose owner is deactivated (401)", async () => {
      const { key, id } = await newKey();
      await db.apiKey.update({ where: { id }, data: { scopes: [] } });
      await expect(authenticateApiKey({ authorization: `Bearer ${key}`, scope: "events:write" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      const response = await send({ key });
      expect(response.status).toBe(403);
      expect((response.body as TErrorBody).error.code).toBe("forbidden");

      const other = await createCreator({ name: "Soon Inactive" });
      const otherKey = await newKey("Inactive owner", other.id);
      await db.user.update({ where: { id: other.id }, data: { isActive: false } });
      await expect(authenticateApiKey({ authorization: `Bearer ${otherKey.key}`, scope: "events:write" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      expect((await send({ key: otherKey.key })).status).toBe(401);
    });
  });

  describe("POST /api/v1/events", () => {
    it("creates a published event for the key's creator: 201, Location, the public event shape, live on the listing at once, one audit row", async () => {
      const { key, id: keyId, prefix } = await newKey("Listing sync");
      await listPublicEvents({ query: { q: "moonlit" } }); // warm the listing cache
      const { response, status, body } = await send({ key, body: validBody({ title: "Moonlit Gong Bath", type: "market & bazaar" }) });
      expect(status, JSON.stringify(body)).toBe(201);
      const { event } = body as TEventBody;
      expect(response.headers.get("location")).toBe(`/api/events/${event.slug}`);
      expect(response.headers.get("ratelimit-limit")).toBe("120");

      const publicResponse = await getEventRoute(new NextRequest(`http://localhost:3000/api/events/${event.slug}`), {
        params: Promise.resolve({ slug: event.slug }),
      });
      expect(publicResponse.status).toBe(200);
      const publicEvent = (await publicResponse.json()) as Record<string, unknown>;
      expect(Object.keys(event).sort()).toEqual(Object.keys(publicEvent).sort());
      expect(event).toEqual(publicEvent);
      expect(event).toMatchObject({
        title: "Moonlit Gong Bath",
        status: "PUBLISHED",
        durationMinutes: 150,
        entranceFeeIdr: 150_000,
        venueName: "Yoga Barn",
        location: { slug: "ubud" },
        eventType: { slug: "sound-healing" }, // eventType wins over its alias "type"
        entranceType: { slug: "pay-at-site" },
        participantGroup: { slug: "open" },
        organiser: { id: owner.id },
        image: null,
      });

      const row = await db.event.findUniqueOrThrow({ where: { slug: event.slug } });
      expect(row).toMatchObject({ creatorId: owner.id, status: "PUBLISHED" });
      expect(row.publishedAt).toBeInstanceOf(Date);
      expect((await listPublicEvents({ query: { q: "moonlit" } })).events.map((item) => item.slug)).toContain(event.slug);

      const audits = await db.auditLog.findMany({ where: { action: "api.event.create", targetId: row.id } });
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actorId: owner.id, actorEmail: owner.email, targetType: "event", ip: IP });
      expect(JSON.stringify(audits[0]!.summary)).toContain(keyId);
      expect(JSON.stringify(audits[0]!.summary)).toContain(prefix);
      expect(JSON.stringify(audits[0]!.summary)).toContain(IP);
      expect(JSON.stringify(audits[0])).not.toContain(key.slice(12));
      expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).lastUsedAt).toBeInstanceOf(Date);
    });

    it.each(["market & bazaar", "Market-Bazaar", "MARKET BAZAAR"])(
      "matches the event type %s to Market & Bazaar (slug or name, any case and punctuation)",
      async (value) => {
        const { key } = await newKey();
        const { status, body } = await send({
          key,
          body: validBody({
            eventType: undefined,
            type: value,
            entranceType: undefined,
            entrance: "free",
            entranceFee: 0,
            location: "NUSA-dua",
            participantGroup: "Females only",
          }),
        });
        expect(status, JSON.stringify(body)).toBe(201);
        expect((body as TEventBody).event).toMatchObject({
          eventType: { slug: "market-bazaar" },
          entranceType: { slug: "free" },
          location: { slug: "nusa-dua" },
          participantGroup: { slug: "females-only" },
        });
      },
    );

    it("answers 422 with fields for unknown and inactive reference values, writing nothing", async () => {
      const { key } = await newKey();
      const eventsBefore = await db.event.count();
      const auditBefore = await db.auditLog.count();
      const unknown = await send({ key, body: validBody({ location: "xyz", eventType: "Underwater Chess", entranceType: "???", participantGroup: "Dogs" }) });
      expect(unknown.status).toBe(422);
      const error = (unknown.body as TErrorBody).error;
      expect(error.code).toBe("invalid_input");
      expect(error.fields).toEqual({
        location: "Unknown location: xyz",
        eventType: "Unknown event type: Underwater Chess",
        entranceType: "Unknown entrance type: ???",
        participantGroup: "Unknown participant group: Dogs",
      });

      await db.location.updateMany({ where: { slug: "ubud" }, data: { isActive: false } });
      const inactive = await send({ key, body: validBody({ location: "ubud" }) });
      expect(inactive.status).toBe(422);
      expect((inactive.body as TErrorBody).error.fields).toEqual({ location: "Unknown location: ubud" });
      expect(await db.event.count()).toBe(eventsBefore);
      expect(await db.auditLog.count()).toBe(auditBefore);
    });

    it("validates exactly like the creator form (same messages per field), writing nothing", async () => {
      const { key } = await newKey();
      const eventsBefore = await db.event.count();
      const auditBefore = await db.auditLog.count();
      const fieldsFor = async (body: Record<string, unknown>) => {
        const result = await send({ key, body });
        expect(result.status, JSON.stringify(result.body)).toBe(422);
        return (result.body as TErrorBody).error.fields ?? {};
      };
      expect(await fieldsFor({})).toMatchObject({
        title: "Enter a title.",
        startDate: "Enter the start date.",
        startTime: "Choose a start time.",
        venueName: "Enter the venue name.",
        location: "Choose a location.",
        contactEmail: "Enter a contact email.",
      });
      expect(await fieldsFor(validBody({ startDate: toBaliDate(new Date(Date.now() - 2 * DAY)) }))).toEqual({ startDate: "The start must be in the future." });
      expect(await fieldsFor(validBody({ entranceType: "Free", entranceFee: 50_000 }))).toEqual({ entranceFee: "Free events have no entrance fee." });
      expect(await fieldsFor(validBody({ durationMinutes: 10 }))).toMatchObject({ durationMinutes: "Minutes must be 0, 15, 30 or 45." });
      expect(await fieldsFor(validBody({ durationHours: 0, durationMinutes: 0 }))).toEqual({ duration: "The event must last at least 15 minutes." });
      expect(await fieldsFor(validBody({ startTime: "19:10" }))).toEqual({ startTime: "Choose a start time from the list (15-minute steps)." });
      expect(await fieldsFor(validBody({ contactEmail: "not-an-email" }))).toEqual({ contactEmail: "Enter a valid email address, e.g. name@example.com." });
      expect(await fieldsFor(validBody({ bookingUrl: "javascript:alert(1)" }))).toEqual({ bookingUrl: "Use a link that starts with http:// or https://" });
      expect(await fieldsFor(validBody({ title: ["an", "array"] }))).toMatchObject({ title: asymmetric.stringContaining("string") });
      expect(await fieldsFor(validBody({ imageUrl: "https://example.com/a.jpg" }))).toEqual({ imageUrl: asymmetric.stringContaining("not supported") });
      expect(await db.event.count()).toBe(eventsBefore);
      expect(await db.auditLog.count()).toBe(auditBefore);
    });

    it("answers 401 with WWW-Authenticate: Bearer without a valid key, 415, 413 and 400 for bad bodies, all in the error shape", async () => {
      const { key } = await newKey();
      const missing = await send({ key: null });
      expect(missing.status).toBe(401);
      expect(missing.response.headers.get("www-authenticate")).toBe("Bearer");
      expect((missing.body as TErrorBody).error).toMatchObject({ code: "unauthorized", message: asymmetric.stringContaining("Authorization: Bearer") });
      const wrong = await send({ key: "zb_live_" + "A".repeat(43) });
      expect(wrong.status).toBe(401);
      expect(wrong.response.headers.get("www-authenticate")).toMatch(/^Bearer/);

      const form = await send({ key, contentType: "application/x-www-form-urlencoded", body: "title=Hello" });
      expect(form.status).toBe(415);
      expect((form.body as TErrorBody).error.code).toBe("unsupported_media_type");
      expect((await send({ key, contentType: null, body: "{}" })).status).toBe(415);
      expect((await send({ key, contentType: "application/json; charset=utf-8", body: validBody({ title: "Charset Event" }) })).status).toBe(201);

      const large = await send({ key, body: validBody({ description: "x".repeat(70 * 1024) }) });
      expect(large.status).toBe(413);
      expect((large.body as TErrorBody).error.code).toBe("payload_too_large");

      for (const bad of ["{not json", "", "[1, 2]", "null", '"text"']) {
        const result = await send({ key, body: bad });
        expect(result.status, bad).toBe(400);
        expect((result.body as TErrorBody).error.code).toBe("bad_request");
      }
    });

    it("limits each key to the apiKey policy: invalid requests count too, then 429 with Retry-After; another key is unaffected", async () => {
      const { key } = await newKey("Busy client");
      const { limit } = RATE_LIMIT_POLICIES.apiKey;
      for (let sent = 0; sent < limit; sent += 20) {
        const statuses = await Promise.all(Array.from({ length: Math.min(20, limit - sent) }, () => send({ key, body: {} }).then((result) => result.status)));
        expect(new Set(statuses)).toEqual(new Set([422]));
      }
      const limited = await send({ key, body: validBody() });
      expect(limited.status).toBe(429);
      expect(Number(limited.response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((limited.body as TErrorBody).error.code).toBe("rate_limited");
      const other = await newKey("Quiet client");
      expect((await send({ key: other.key, body: {} })).status).toBe(422);
    });

    it("revoking refuses the key from the next request (401), with one audit row; revoking twice changes nothing", async () => {
      const { key, id } = await newKey("Old integration");
      expect((await send({ key, body: validBody({ title: "Before Revoke" }) })).status).toBe(201);
      const before = (await auditRows("api_key.revoke")).length;
      await revokeApiKey({ actor: admin, keyId: id, ip: IP });
      const rows = await auditRows("api_key.revoke");
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)).toMatchObject({ actorEmail: admin.email, targetType: "api_key", targetId: id, ip: IP });
      expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).revokedAt).toBeInstanceOf(Date);

      const auditBefore = await db.auditLog.count();
      const refused = await send({ key, body: validBody({ title: "After Revoke" }) });
      expect(refused.status).toBe(401);
      expect((refused.body as TErrorBody).error.message).toBe("This API key has been revoked.");
      expect(refused.response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      await expect(authenticateApiKey({ authorization: `Bearer ${key}`, scope: "events:write" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });

      await expect(revokeApiKey({ actor: admin, keyId: id })).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(revokeApiKey({ actor: admin, keyId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(revokeApiKey({ actor: admin, keyId: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await db.auditLog.count()).toBe(auditBefore);
      expect(await db.event.count({ where: { title: "After Revoke" } })).toBe(0);
    });
  });
});
