import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { db } from "@/lib/db";
import { eventCardSelect, toEventCard, type TEventCard } from "./event-card";
import { PUBLIC_STATUSES } from "./public-visibility";
import { isUuid } from "@/lib/format/uuid";
import { closedDayNamesOfNotes } from "@/lib/series/closed-day-note-names";

export type TCreatorProfile = {
  id: string;
  name: string;
  organisation: string | null;
  events: TEventCard[];
};

/**
 * An organiser's public profile: name, organisation, upcoming published events
 * (with the names of the closed days their notes speak of, for other languages).
 * Null (the page answers 404) for unknown ids, admin accounts and deactivated
 * accounts: only active creators have a public profile. Deactivating or
 * editing a creator clears the "creator" cache (lib/admin/manage-creator.ts).
 */
export async function getCreatorProfile(creatorId: string): Promise<TCreatorProfile | null> {
  if (!isUuid(creatorId)) return null;
  return cached("creator", creatorId, async () => {
    const creator = await db.user.findFirst({
      where: { id: creatorId, role: "CREATOR", isActive: true },
      select: { id: true, name: true, organisation: true },
    });
    if (!creator) return null;
    const events = await db.event.findMany({
      where: { creatorId, deletedAt: null, status: { in: PUBLIC_STATUSES }, endsAt: { gt: new Date() } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: 100,
      select: eventCardSelect,
    });
    // A date cancelled for a closed day: its note in the reader's language (one query for them all).
    const noteNames = await closedDayNamesOfNotes(events);
    return {
      ...creator,
      events: events.map((event, index) => ({ ...toEventCard(event), ...(noteNames[index] ? { cancelNoteNames: noteNames[index] } : {}) })),
    };
  });
}
