import "server-only";
import { db } from "@/lib/db";
import { eventCardSelect } from "@/lib/events/event-card";
import { PUBLIC_STATUSES } from "@/lib/events/public-visibility";
import { toSavedEvents, type TSavedEvents } from "@/lib/saved/saved-cards";
import { MAX_SAVED_EVENTS } from "@/lib/saved/saved-cookie";

/**
 * /saved/<token>: the subscriber's confirmed saved events a visitor can still see (published or cancelled, not
 * deleted), as cards: upcoming soonest first, then past ones, the latest first (as /saved lists a cookie's).
 * Pending rows (a request not confirmed yet) are not shown. One query.
 */
export async function listSubscriberSavedEvents(subscriberId: string, now = new Date()): Promise<TSavedEvents> {
  const rows = await db.event.findMany({
    where: { savedBy: { some: { subscriberId, confirmedAt: { not: null } } }, deletedAt: null, status: { in: PUBLIC_STATUSES } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: MAX_SAVED_EVENTS,
    select: eventCardSelect,
  });
  return toSavedEvents(rows, now);
}
