import "server-only";
import { db, type EventStatus } from "@/lib/db";
import { isPubliclyVisible, PUBLIC_STATUSES } from "@/lib/events/public-visibility";
import { invalidatePublicChange } from "./public-cache";

/**
 * What a write affects, in one place: each use case says what it changed and
 * these decide which public pages and data-cache entries go stale
 * (invalidatePublicChange). Nothing else is touched: a draft, or a profile
 * with no public events, leaves the listings' cached pages alone.
 */

type TEventState = { status: EventStatus; deletedAt?: Date | null };

/** Whether visitors can see an event in this state. */
export function isPublicState(state: TEventState | null | undefined): boolean {
  return Boolean(state && isPubliclyVisible({ status: state.status, deletedAt: state.deletedAt ?? null }));
}

/**
 * After a change to one event. An event that is public neither before nor
 * after (a draft, one awaiting payment or unpublished) affects no public page
 * (only the admin figures); otherwise the listings and feeds, its page and
 * its organiser's page(s) (`creatorIds`: more than one when it changed hands).
 */
export async function invalidateEventChange({
  slug,
  creatorIds,
  before,
  after,
}: {
  slug: string;
  creatorIds: string[];
  before: TEventState | null;
  after: TEventState | null;
}): Promise<void> {
  if (!isPublicState(before) && !isPublicState(after)) return invalidatePublicChange({ adminStats: true });
  await invalidatePublicChange({ lists: true, eventSlugs: [slug], creatorIds: [...new Set(creatorIds)], adminStats: true });
}

/** Above this many public events, a creator's change clears everything rather than naming each page. */
export const MAX_SCOPED_EVENTS = 200;

/**
 * After a change to what is shown of a creator (name, organisation, phone,
 * account state): their organiser page, and — only if they have public events,
 * which show the organiser — those events' pages and the listings.
 */
export async function invalidateCreatorChange(creatorId: string, { adminStats = false } = {}): Promise<void> {
  const events = await db.event.findMany({
    where: { creatorId, deletedAt: null, status: { in: PUBLIC_STATUSES } },
    select: { slug: true },
    take: MAX_SCOPED_EVENTS + 1,
  });
  if (events.length > MAX_SCOPED_EVENTS) return invalidatePublicChange({ all: true, adminStats: true });
  await invalidatePublicChange({
    creatorIds: [creatorId],
    ...(events.length > 0 ? { lists: true, eventSlugs: events.map((event) => event.slug) } : {}),
    adminStats,
  });
}
