/**
 * Test data for the end-to-end suite, written straight into the e2e database
 * with `pg` (not through the app), plus the Redis housekeeping that direct SQL
 * needs: the app invalidates its public caches on its own writes, but a row
 * inserted here is invisible until `clearPublicCaches()` runs.
 *
 * Every row inserted here is remembered and removed by `deleteInsertedData()`
 * (call it in afterAll).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { Redis } from "ioredis";
import { E2E_DATABASE_URL, E2E_REDIS_PREFIX, TEST_REDIS_URL } from "../../tests/support/test-config";

export const DEMO_CREATOR_EMAIL = "demo.organiser@zenbali.example";

let pool: pg.Pool | undefined;

export function db(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 3 });
  return pool;
}

export async function closeDb(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.end();
}

export async function query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await db().query<T>(sql, params);
  return result.rows;
}

// ─── Redis ───────────────────────────────────────────────────────────────────

async function deleteRedisKeys(patterns: string[]): Promise<number> {
  const client = new Redis(TEST_REDIS_URL);
  let deleted = 0;
  try {
    for (const pattern of patterns) {
      for await (const keys of client.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>) {
        if (keys.length) deleted += await client.del(...keys);
      }
    }
  } finally {
    await client.quit();
  }
  return deleted;
}

/**
 * Empties the public page and data caches (listing, event, feed, reference,
 * creator) of the e2e servers: the main one (prefix "zbe2e:") and any extra
 * server started with a sub-prefix such as "zbe2e:tz:".
 */
export async function clearPublicCaches(): Promise<void> {
  const client = new Redis(TEST_REDIS_URL);
  try {
    // Every server's page-cache generation key: the main server's, extra servers' (sub-prefixes), and any seen so far.
    const generationKeys = new Set([
      `${E2E_REDIS_PREFIX}cache:page-generation`,
      `${E2E_REDIS_PREFIX}tz:cache:page-generation`,
      `${E2E_REDIS_PREFIX}pay:cache:page-generation`,
    ]);
    for await (const keys of client.scanStream({ match: `${E2E_REDIS_PREFIX}*cache:page-generation`, count: 500 }) as AsyncIterable<string[]>)
      for (const name of keys) generationKeys.add(name);
    await deleteRedisKeys([`${E2E_REDIS_PREFIX}cache:*`, `${E2E_REDIS_PREFIX}*:cache:*`]);
    // A new generation makes each server drop its in-memory copies of pages;
    // servers re-read the generation at most every 200 ms.
    const generation = String(Date.now());
    for (const name of generationKeys) await client.set(name, generation);
  } finally {
    await client.quit();
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}

/** How many entries a public cache bucket of the main e2e server holds ("listing", "event", "feed", …). */
export async function cacheEntryCount(bucket: string): Promise<number> {
  const client = new Redis(TEST_REDIS_URL);
  try {
    return await client.hlen(`${E2E_REDIS_PREFIX}cache:${bucket}`);
  } finally {
    await client.quit();
  }
}

/** Forgets every rate-limit counter of the e2e servers. */
export async function clearRateLimits(): Promise<void> {
  await deleteRedisKeys([`${E2E_REDIS_PREFIX}rl:*`, `${E2E_REDIS_PREFIX}*:rl:*`]);
}

// ─── Reference data and people ───────────────────────────────────────────────

type TReferenceTable = "locations" | "event_types" | "entrance_types" | "participant_groups";

async function referenceId(table: TReferenceTable, slug: string): Promise<number> {
  const rows = await query<{ id: number }>(`SELECT id FROM ${table} WHERE slug = $1`, [slug]);
  const row = rows[0];
  if (!row) throw new Error(`${table}: no row with slug ${slug} (is the e2e database seeded?)`);
  return row.id;
}

export async function demoCreatorId(): Promise<string> {
  const rows = await query<{ id: string }>("SELECT id FROM users WHERE email = $1", [DEMO_CREATOR_EMAIL]);
  const row = rows[0];
  if (!row) throw new Error(`The demo organiser ${DEMO_CREATOR_EMAIL} is missing (is the e2e database seeded?)`);
  return row.id;
}

const createdUserIds: string[] = [];

/** A creator who cannot sign in (the password hash is not a real hash). */
export async function insertCreator({ name, organisation = null }: { name: string; organisation?: string | null }): Promise<string> {
  const email = `e2e-${uniqueWord()}@example.com`;
  const rows = await query<{ id: string }>(
    `INSERT INTO users (id, email, password_hash, email_verified_at, name, organisation, updated_at)
     VALUES (gen_random_uuid(), $1, 'not-a-real-hash', now(), $2, $3, now()) RETURNING id`,
    [email, name, organisation],
  );
  const id = rows[0]!.id;
  createdUserIds.push(id);
  return id;
}

// ─── Events ──────────────────────────────────────────────────────────────────

export type TEventStatus = "DRAFT" | "AWAITING_PAYMENT" | "PUBLISHED" | "CANCELLED" | "UNPUBLISHED";

export type TNewEvent = {
  title: string;
  description?: string;
  startsAt: Date;
  durationMinutes?: number;
  location?: string;
  eventType?: string;
  entrance?: string;
  feeIdr?: number;
  participantGroup?: string;
  venueName?: string;
  venueAddress?: string | null;
  ledBy?: string | null;
  contactEmail?: string;
  contactPhone?: string | null;
  bookingUrl?: string | null;
  /** Languages spoken (default English). */
  languages?: string[];
  status?: TEventStatus;
  isFeatured?: boolean;
  deleted?: boolean;
  creatorId?: string;
  /** Defaults to now() for published and cancelled events. */
  publishedAt?: Date | null;
};

export type TInsertedEvent = { id: string; slug: string; title: string; startsAt: Date; endsAt: Date };

const createdEventIds: string[] = [];

/** A short random lower-case word, unique enough to find one event by search. */
export function uniqueWord(prefix = "zq"): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz";
  return prefix + Array.from(randomBytes(8), (byte) => alphabet[byte % alphabet.length]).join("");
}

function slugFor(title: string): string {
  const base =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80)
      .replace(/-+$/, "") || "event";
  return `${base}-${uniqueWord("e2e")}`;
}

export async function insertEvent(event: TNewEvent): Promise<TInsertedEvent> {
  const durationMinutes = event.durationMinutes ?? 90;
  // Whole minutes, as the app's forms produce (and as iCalendar can express).
  const startsAt = new Date(Math.floor(event.startsAt.getTime() / 60_000) * 60_000);
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  const status = event.status ?? "PUBLISHED";
  const isPublic = status === "PUBLISHED" || status === "CANCELLED";
  const publishedAt = event.publishedAt === undefined ? (isPublic ? new Date() : null) : event.publishedAt;
  const slug = slugFor(event.title);
  const [locationId, eventTypeId, entranceTypeId, participantGroupId, creatorId] = await Promise.all([
    referenceId("locations", event.location ?? "ubud"),
    referenceId("event_types", event.eventType ?? "yoga"),
    referenceId("entrance_types", event.entrance ?? ((event.feeIdr ?? 0) === 0 ? "free" : "pay-at-site")),
    referenceId("participant_groups", event.participantGroup ?? "open"),
    event.creatorId ?? demoCreatorId(),
  ]);
  const rows = await query<{ id: string }>(
    `INSERT INTO events (
       id, slug, title, description, starts_at, ends_at, duration_minutes,
       location_id, venue_name, venue_address, event_type_id, entrance_type_id, entrance_fee_idr,
       participant_group_id, led_by, contact_email, contact_phone, booking_url,
       status, is_featured, published_at, cancelled_at, creator_id, deleted_at, updated_at, languages
     ) VALUES (
       gen_random_uuid(), $1, $2, $3, $4, $5, $6,
       $7, $8, $9, $10, $11, $12,
       $13, $14, $15, $16, $17,
       $18::"EventStatus", $19, $20, $21, $22, $23, now(), $24::varchar[]
     ) RETURNING id`,
    [
      slug,
      event.title,
      event.description ?? "An event written by the end-to-end tests.",
      startsAt,
      endsAt,
      durationMinutes,
      locationId,
      event.venueName ?? "E2E Test Pavilion",
      event.venueAddress === undefined ? "Jl. Test No. 1" : event.venueAddress,
      eventTypeId,
      entranceTypeId,
      event.feeIdr ?? 0,
      participantGroupId,
      event.ledBy === undefined ? "Ketut Tester" : event.ledBy,
      event.contactEmail ?? "organiser@example.com",
      event.contactPhone === undefined ? "0812 1111 2222" : event.contactPhone,
      event.bookingUrl ?? null,
      status,
      event.isFeatured ?? false,
      publishedAt,
      status === "CANCELLED" ? new Date() : null,
      creatorId,
      event.deleted ? new Date() : null,
      event.languages ?? ["en"],
    ],
  );
  const id = rows[0]!.id;
  createdEventIds.push(id);
  return { id, slug, title: event.title, startsAt, endsAt };
}

export async function setEventTitle(id: string, title: string): Promise<void> {
  await query("UPDATE events SET title = $1, updated_at = now() WHERE id = $2", [title, id]);
}

/** Removes every event and creator this worker inserted, then clears the caches that may still show them. */
export async function deleteInsertedData(): Promise<void> {
  const eventIds = createdEventIds.splice(0);
  const userIds = createdUserIds.splice(0);
  if (eventIds.length) {
    await query("DELETE FROM event_view_counts WHERE event_id = ANY($1::uuid[])", [eventIds]);
    await query("DELETE FROM events WHERE id = ANY($1::uuid[])", [eventIds]);
  }
  if (userIds.length) {
    await query("DELETE FROM events WHERE creator_id = ANY($1::uuid[])", [userIds]);
    await query("DELETE FROM users WHERE id = ANY($1::uuid[])", [userIds]);
  }
  if (eventIds.length || userIds.length) await clearPublicCaches();
}

/** Upcoming events a visitor can see, a recurring series once (what "/" counts without filters). */
export async function countPublicUpcomingEvents(): Promise<number> {
  const rows = await query<{ count: string }>(
    `SELECT count(DISTINCT COALESCE(series_id, id)) FROM events WHERE deleted_at IS NULL AND status IN ('PUBLISHED', 'CANCELLED') AND ends_at > now()`,
  );
  return Number(rows[0]!.count);
}

// ─── Bali time, computed independently of the app ────────────────────────────

const BALI_OFFSET_MS = 8 * 3_600_000;

/** "2031-03-14" for the calendar day in Bali (UTC+8, no daylight saving) of an instant. */
export function baliDate(instant: Date = new Date()): string {
  return new Date(instant.getTime() + BALI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of 00:00 in Bali on a Bali date. */
export function startOfBaliDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - BALI_OFFSET_MS);
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
