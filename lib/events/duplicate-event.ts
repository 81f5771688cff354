import "server-only";
import { db } from "@/lib/db";
import { assertCanChange } from "./creator-change-limit";
import { assertCanCreateEvent } from "./event-create-limit";
import { eventNotFound, ownedEventWhere, type TEventActor } from "./event-access";
import type { TEventFormColumns } from "./event-form-data";
import { insertDraftEvent } from "./insert-event";

/**
 * A copy of one of the actor's events as a new DRAFT: every field kept
 * (dates too; the edit form asks for a future start before it saves), a new
 * slug, no image, no payment. The copy belongs to the original's creator.
 * Counts against the daily allowance like a new event.
 */
export async function duplicateEvent({ actor, eventId }: { actor: TEventActor; eventId: string }): Promise<{ id: string; slug: string }> {
  const original = await db.event.findFirst({
    where: ownedEventWhere(actor, eventId),
    select: {
      creatorId: true,
      title: true,
      description: true,
      startsAt: true,
      endsAt: true,
      durationMinutes: true,
      locationId: true,
      venueName: true,
      venueAddress: true,
      eventTypeId: true,
      entranceTypeId: true,
      entranceFeeIdr: true,
      participantGroupId: true,
      ledBy: true,
      contactEmail: true,
      contactPhone: true,
      bookingUrl: true,
      languages: true,
    },
  });
  if (!original) throw eventNotFound();
  await assertCanChange(actor);
  await assertCanCreateEvent(actor.id);
  const { creatorId, ...columns } = original;
  return insertDraftEvent(columns satisfies TEventFormColumns, creatorId);
}
