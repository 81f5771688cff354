import "server-only";
import { db } from "@/lib/db";
import { eventCardSelect } from "@/lib/events/event-card";
import { toSavedEvents, type TSavedEvents } from "./saved-cards";
import { MAX_SAVED_EVENTS, type TSavedKey } from "./saved-cookie";
import { savedKeysFilter } from "./saved-key-ranges";

export type { TSavedEvents } from "./saved-cards";

/**
 * The saved events a visitor can still see (published or cancelled, not deleted; an event taken down since drops
 * out), as cards: upcoming soonest first, then past ones, the latest first. One query for up to 200 keys, each an id
 * range on the primary key.
 */
export async function listSavedEvents(keys: readonly TSavedKey[], now = new Date()): Promise<TSavedEvents> {
  const filter = savedKeysFilter(keys);
  if (!filter) return { upcoming: [], past: [] };
  const rows = await db.event.findMany({
    where: filter.where,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: MAX_SAVED_EVENTS * 2,
    select: eventCardSelect,
  });
  return toSavedEvents(rows, now);
}
