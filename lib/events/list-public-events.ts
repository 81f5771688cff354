import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { db, Prisma } from "@/lib/db";
import { startOfBaliDay, addBaliDays, windowForWhen } from "@/lib/time/bali";
import { eventCardSelect, toEventCard, type TEventCard } from "./event-card";
import { eventQueryToSearchParams, PAGE_SIZE, type TEventQuery } from "./event-query";
import { toPrefixTsQuery } from "./search-terms";

export type TEventListing = {
  events: TEventCard[];
  total: number;
  page: number;
  limit: number;
  totalPages: number;
};

type TListOptions = { query: TEventQuery; limit?: number; now?: Date };

/**
 * Upcoming public events matching a visitor's filters, featured first, then
 * by the chosen sort. Cached per canonical query; see lib/cache/policies.ts.
 */
export async function listPublicEvents({ query, limit = PAGE_SIZE, now }: TListOptions): Promise<TEventListing> {
  const cacheField = `${eventQueryToSearchParams(query, { page: query.page ?? 1, limit }).toString()}`;
  // `now` is only passed by tests that need a fixed clock; those skip the cache.
  if (now) return loadPublicEvents({ query, limit, now });
  return cached("listing", cacheField, () => loadPublicEvents({ query, limit, now: new Date() }));
}

export function buildPublicEventConditions(query: TEventQuery, now: Date): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`e.deleted_at IS NULL`,
    Prisma.sql`e.status IN ('PUBLISHED'::"EventStatus", 'CANCELLED'::"EventStatus")`,
    Prisma.sql`e.ends_at > ${now}`,
  ];
  const window = query.when ? windowForWhen(query.when, now) : null;
  if (window) conditions.push(Prisma.sql`e.starts_at < ${window.end} AND e.ends_at > ${window.start}`);
  if (query.from) conditions.push(Prisma.sql`e.ends_at > ${startOfBaliDay(query.from)}`);
  if (query.to) conditions.push(Prisma.sql`e.starts_at < ${startOfBaliDay(addBaliDays(query.to, 1))}`);
  if (query.location) conditions.push(Prisma.sql`e.location_id = (SELECT id FROM locations WHERE slug = ${query.location})`);
  if (query.type) conditions.push(Prisma.sql`e.event_type_id = (SELECT id FROM event_types WHERE slug = ${query.type})`);
  if (query.entrance) conditions.push(Prisma.sql`e.entrance_type_id = (SELECT id FROM entrance_types WHERE slug = ${query.entrance})`);
  if (query.price === "free") conditions.push(Prisma.sql`e.entrance_fee_idr = 0`);
  if (query.price === "paid") conditions.push(Prisma.sql`e.entrance_fee_idr > 0`);
  if (query.q) {
    // Stemmed words ("dances" finds "dance") OR word prefixes ("medit" finds
    // "meditation"); both are answered by the GIN index on search_vector.
    const prefix = toPrefixTsQuery(query.q);
    if (prefix) {
      conditions.push(
        Prisma.sql`e.search_vector @@ (websearch_to_tsquery('english', ${query.q}) || to_tsquery('simple', ${prefix}))`,
      );
    }
  }
  return conditions;
}

function orderBy(query: TEventQuery): Prisma.Sql {
  return query.sort === "newest"
    ? Prisma.sql`e.is_featured DESC, e.published_at DESC NULLS LAST, e.created_at DESC, e.id`
    : Prisma.sql`e.is_featured DESC, e.starts_at ASC, e.id`;
}

async function loadPublicEvents({ query, limit, now }: Required<Omit<TListOptions, "now">> & { now: Date }): Promise<TEventListing> {
  const page = query.page ?? 1;
  const where = Prisma.join(buildPublicEventConditions(query, now), " AND ");
  const offset = (page - 1) * limit;
  const rows = await db.$queryRaw<{ id: string; total: bigint }[]>`
    SELECT e.id, count(*) OVER () AS total
    FROM events e
    WHERE ${where}
    ORDER BY ${orderBy(query)}
    LIMIT ${limit} OFFSET ${offset}`;
  let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && page > 1) {
    const counted = await db.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM events e WHERE ${where}`;
    total = Number(counted[0]?.total ?? 0);
  }
  const ids = rows.map((row) => row.id);
  const details = ids.length ? await db.event.findMany({ where: { id: { in: ids } }, select: eventCardSelect }) : [];
  const byId = new Map(details.map((event) => [event.id, event]));
  const events = ids.flatMap((id) => {
    const event = byId.get(id);
    return event ? [toEventCard(event)] : [];
  });
  return { events, total, page, limit, totalPages: Math.max(1, Math.ceil(total / limit)) };
}
