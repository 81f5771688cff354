import "server-only";
import { db } from "@/lib/db";
import { MAX_SAVED_EVENTS, type TSavedKey } from "@/lib/saved/saved-cookie";
import { savedKeysFilter } from "@/lib/saved/saved-key-ranges";

/**
 * The ids of the events a saved-list cookie names that a visitor can still see (published or cancelled, not
 * deleted), in the cookie's order (oldest saved first). One query (savedKeysFilter, as /saved reads them).
 */
export async function eventIdsOfSavedKeys(keys: readonly TSavedKey[]): Promise<string[]> {
  const filter = savedKeysFilter(keys);
  if (!filter) return [];
  const rows = await db.event.findMany({ where: filter.where, take: MAX_SAVED_EVENTS * 2, select: { id: true } });
  const order = new Map(filter.keys.map((key, index) => [key, index]));
  const position = (id: string) => order.get(id.replace(/-/g, "").slice(0, 16)) ?? 0;
  return rows.map((row) => row.id).sort((a, b) => position(a) - position(b) || a.localeCompare(b));
}
