import "server-only";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { db } from "@/lib/db";
import { eventNotFound, ownedEventWhere, type TEventActor } from "./event-access";

/**
 * Soft delete: the event leaves every public page and the dashboard at once
 * (deletedAt is set). Nothing else changes; its payments stay as they are.
 */
export async function deleteEvent({ actor, eventId, now = new Date() }: { actor: TEventActor; eventId: string; now?: Date }): Promise<{ id: string }> {
  const { count } = await db.event.updateMany({ where: ownedEventWhere(actor, eventId), data: { deletedAt: now } });
  if (count === 0) throw eventNotFound();
  await invalidatePublicCaches("event");
  return { id: eventId };
}
