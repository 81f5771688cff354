import "server-only";
import { invalidateEventChange } from "@/lib/cache/public-changes";
import { assertCanChange } from "./creator-change-limit";
import { db, type EventStatus } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { eventNotFound, ownedEventWhere, type TEventActor } from "./event-access";
import { parseEventForm, toEventColumns } from "./event-form-data";
import type { TEventFormValues } from "./event-form-schema";

/** Drafts (and events awaiting payment) have never been public: they stay editable whatever their dates, e.g. a copy of a past event. */
export function isEditable(event: { status: EventStatus; endsAt: Date }, now = new Date()): boolean {
  return event.status === "DRAFT" || event.status === "AWAITING_PAYMENT" || event.endsAt.getTime() > now.getTime();
}

/**
 * Saves the edit form over one of the actor's events. Allowed until the event
 * ends (drafts: always); the change is live at once (public caches are cleared). Every field
 * is replaced, so optional ones can be emptied. The slug never changes: the
 * public URL stays stable.
 */
export async function editOwnedEvent({
  actor,
  eventId,
  input,
  now = new Date(),
}: {
  actor: TEventActor;
  eventId: string;
  input: Partial<TEventFormValues>;
  now?: Date;
}): Promise<{ id: string; slug: string; status: EventStatus }> {
  const where = ownedEventWhere(actor, eventId);
  await assertCanChange(actor);
  const event = await db.event.findFirst({
    where,
    select: { id: true, slug: true, status: true, creatorId: true, startsAt: true, endsAt: true, locationId: true, eventTypeId: true, entranceTypeId: true, participantGroupId: true },
  });
  if (!event) throw eventNotFound();
  const ended = event.endsAt.getTime() <= now.getTime();
  if (!isEditable(event, now)) throw new AppError("CONFLICT", "This event has ended and can no longer be edited.");

  // An event under way may keep its start; a new start must be in the future.
  const data = parseEventForm(input, { now, keepStartsAt: ended ? null : event.startsAt });
  const columns = await toEventColumns(data, event);
  const { count } = await db.event.updateMany({ where, data: columns });
  if (count === 0) throw eventNotFound(); // deleted meanwhile
  // A draft's edit affects no public page; a public event's shows at once.
  await invalidateEventChange({ slug: event.slug, creatorIds: [event.creatorId], before: event, after: event });
  return { id: event.id, slug: event.slug, status: event.status };
}
