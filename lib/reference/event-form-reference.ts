import "server-only";
import type { TEventFormReference } from "@/components/event-form";
import { listReferenceData } from "./list-reference-data";

type TItem = { name: string; slug: string; isActive: boolean };

/** Active items, plus the event's current one when an admin has deactivated it since (it stays selectable for this event). */
function withCurrent(items: { name: string; slug: string }[], current: TItem) {
  return current.isActive || items.some((item) => item.slug === current.slug) ? items : [...items, { name: current.name, slug: current.slug }];
}

/** The choices of the event form when editing an event (creator's and admin's edit pages). */
export async function eventFormReference(event: {
  location: TItem;
  eventType: TItem;
  entranceType: TItem;
  participantGroup: TItem;
}): Promise<TEventFormReference> {
  const active = await listReferenceData();
  return {
    locations: withCurrent(active.locations, event.location),
    eventTypes: withCurrent(active.eventTypes, event.eventType),
    entranceTypes: withCurrent(active.entranceTypes, event.entranceType),
    participantGroups: withCurrent(active.participantGroups, event.participantGroup),
  };
}
