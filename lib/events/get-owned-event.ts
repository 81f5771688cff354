import "server-only";
import { db } from "@/lib/db";
import { eventNotFound, ownedEventWhere, type TEventActor } from "./event-access";

const referenceSelect = { select: { id: true, name: true, slug: true, isActive: true } } as const;

const ownedEventSelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  startsAt: true,
  endsAt: true,
  durationMinutes: true,
  venueName: true,
  venueAddress: true,
  entranceFeeIdr: true,
  ledBy: true,
  contactEmail: true,
  contactPhone: true,
  bookingUrl: true,
  languages: true,
  status: true,
  unpublishReason: true,
  publishedAt: true,
  cancelledAt: true,
  creatorId: true,
  locationId: true,
  eventTypeId: true,
  entranceTypeId: true,
  participantGroupId: true,
  location: referenceSelect,
  eventType: referenceSelect,
  entranceType: referenceSelect,
  participantGroup: referenceSelect,
  seriesId: true,
  seriesDate: true,
  editedAlone: true,
  series: {
    select: { id: true, frequency: true, weekdays: true, monthly: true, untilDate: true, dateCount: true, startDate: true, startTime: true, endedAfter: true },
  },
} as const;

export type TOwnedEvent = NonNullable<Awaited<ReturnType<typeof findOwnedEvent>>>;

function findOwnedEvent(actor: TEventActor, eventId: string) {
  return db.event.findFirst({ where: ownedEventWhere(actor, eventId), select: ownedEventSelect });
}

/** One of the actor's own events (any event for an admin), for the edit form and the dashboard's confirmations. NOT_FOUND otherwise. */
export async function getOwnedEvent({ actor, eventId }: { actor: TEventActor; eventId: string }): Promise<TOwnedEvent> {
  const event = await findOwnedEvent(actor, eventId);
  if (!event) throw eventNotFound();
  return event;
}
