import "server-only";
import type { TEventFormReference } from "@/components/event-form";
import { listReferenceData } from "./list-reference-data";
import { namesOf, type TNames } from "./localized-name";

type TOption = { name: string; slug: string; names?: TNames };
type TItem = { name: string; slug: string; isActive: boolean; names?: unknown };

/**
 * Active items (with their translations: localizedName in lib/reference/localized-name.ts), plus the event's current
 * one when an admin has deactivated it since (it stays selectable for this event).
 */
function withCurrent(items: TOption[], current: TItem): TOption[] {
  if (current.isActive || items.some((item) => item.slug === current.slug)) return items;
  return [...items, { name: current.name, slug: current.slug, names: namesOf(current.names) }];
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
