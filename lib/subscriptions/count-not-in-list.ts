import "server-only";
import { db } from "@/lib/db";
import type { TSavedKey } from "@/lib/saved/saved-cookie";
import { eventIdsOfSavedKeys } from "./saved-event-ids";

/** How many events of a browser's saved list (its cookie) are not on the subscriber's confirmed list: what a merge would add. */
export async function countNotInList(subscriberId: string, savedKeys: readonly TSavedKey[]): Promise<number> {
  const eventIds = await eventIdsOfSavedKeys(savedKeys);
  if (eventIds.length === 0) return 0;
  const listed = await db.savedEvent.count({ where: { subscriberId, eventId: { in: eventIds }, confirmedAt: { not: null } } });
  return eventIds.length - listed;
}
