import "server-only";
import { invalidateEventChange } from "@/lib/cache/public-changes";
import { assertCanChange } from "./creator-change-limit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { invalidateSeriesPages } from "@/lib/series/invalidate-series";
import { eventNotFound, ownedEventWhere, type TEventActor } from "./event-access";

/**
 * Cancels a published event that has not ended ("Cancel this date" for a date
 * of a series). It stays listed, and on its page, with a "Cancelled" badge
 * until it ends.
 */
export async function cancelEvent({
  actor,
  eventId,
  now = new Date(),
}: {
  actor: TEventActor;
  eventId: string;
  now?: Date;
}): Promise<{ id: string; slug: string }> {
  const where = ownedEventWhere(actor, eventId);
  await assertCanChange(actor);
  const event = await db.event.findFirst({ where, select: { id: true, slug: true, status: true, endsAt: true, creatorId: true, seriesId: true } });
  if (!event) throw eventNotFound();
  if (event.status === "CANCELLED") throw new AppError("CONFLICT", "This event is already cancelled.");
  if (event.status !== "PUBLISHED") throw new AppError("CONFLICT", "Only a published event can be cancelled. Delete a draft instead.");
  if (event.endsAt.getTime() <= now.getTime()) throw new AppError("CONFLICT", "This event has ended and can no longer be cancelled.");

  // "Cancel this date" of a series: the date stands on its own from now on (later changes to the series pass it by).
  const { count } = await db.event.updateMany({
    where: { ...where, status: "PUBLISHED" },
    data: { status: "CANCELLED", cancelledAt: now, ...(event.seriesId ? { editedAlone: true } : {}) },
  });
  if (count === 0) throw new AppError("CONFLICT", "This event changed in the meantime. Reload the page and try again.");
  await invalidateEventChange({ slug: event.slug, creatorIds: [event.creatorId], before: event, after: { status: "CANCELLED" } });
  // Its siblings' pages list it among their next dates.
  if (event.seriesId) await invalidateSeriesPages(event.seriesId, event.creatorId);
  return { id: event.id, slug: event.slug };
}
