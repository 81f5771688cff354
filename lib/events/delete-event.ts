import "server-only";
import { invalidateEventChange } from "@/lib/cache/public-changes";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { invalidateSeriesPages } from "@/lib/series/invalidate-series";
import { assertCanChange } from "./creator-change-limit";
import { eventNotFound, ownedEventWhere, type TEventActor } from "./event-access";

/**
 * Soft delete: the event leaves every public page and the dashboard at once
 * (deletedAt is set). Nothing else changes; its payments stay as they are.
 */
export async function deleteEvent({ actor, eventId, now = new Date() }: { actor: TEventActor; eventId: string; now?: Date }): Promise<{ id: string }> {
  const where = ownedEventWhere(actor, eventId);
  await assertCanChange(actor);
  const event = await db.event.findFirst({ where, select: { slug: true, creatorId: true, status: true, seriesId: true } });
  if (!event) throw eventNotFound();
  // Its status as read: what the invalidation below relies on (public or not).
  // A date of a series deleted on its own stays deleted (keepSeriesDates restores only dates a change of rule removed).
  const { count } = await db.event.updateMany({
    where: { ...where, status: event.status },
    data: { deletedAt: now, ...(event.seriesId ? { editedAlone: true } : {}) },
  });
  if (count === 0) throw new AppError("CONFLICT", "This event changed in the meantime. Reload the page and try again.");
  await invalidateEventChange({ slug: event.slug, creatorIds: [event.creatorId], before: event, after: null });
  if (event.seriesId) await invalidateSeriesPages(event.seriesId, event.creatorId);
  return { id: eventId };
}
