import "server-only";
import { db, Prisma } from "@/lib/db";
import { buildPublicEventConditions } from "@/lib/events/list-public-events";
import type { TEventQuery } from "@/lib/events/event-query";

const FEED_MAX_EVENTS = 500;

/** What a feed item is made of (TFeedEvent): the site's feeds and a subscriber's saved calendar read the same fields. */
export const feedEventSelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  startsAt: true,
  endsAt: true,
  publishedAt: true,
  createdAt: true,
  updatedAt: true,
  venueName: true,
  venueAddress: true,
  status: true,
  contactEmail: true,
  location: { select: { name: true } },
  eventType: { select: { name: true } },
  creator: { select: { name: true, organisation: true } },
} as const;

export type TFeedEvent = {
  id: string;
  slug: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  venueName: string;
  venueAddress: string | null;
  status: string;
  location: { name: string };
  eventType: { name: string };
  creator: { name: string; organisation: string | null };
  contactEmail: string;
};

/** Upcoming public events matching the filters, soonest first, with what feeds need. */
export async function listFeedEvents(query: TEventQuery, now = new Date()): Promise<TFeedEvent[]> {
  const where = Prisma.join(buildPublicEventConditions({ ...query, page: undefined }, now), " AND ");
  const order = query.sort === "newest" ? Prisma.sql`e.published_at DESC NULLS LAST, e.created_at DESC, e.id` : Prisma.sql`e.starts_at ASC, e.id`;
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT e.id FROM events e WHERE ${where} ORDER BY ${order} LIMIT ${FEED_MAX_EVENTS}`;
  if (rows.length === 0) return [];
  const events = await db.event.findMany({
    where: { id: { in: rows.map((row) => row.id) } },
    select: feedEventSelect,
  });
  const byId = new Map(events.map((event) => [event.id, event]));
  return rows.flatMap((row) => byId.get(row.id) ?? []);
}
