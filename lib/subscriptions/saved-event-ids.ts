import "server-only";
import { db } from "@/lib/db";
import { PUBLIC_STATUSES } from "@/lib/events/public-visibility";
import { MAX_SAVED_EVENTS, type TSavedKey } from "@/lib/saved/saved-cookie";

const KEY_PATTERN = /^[0-9a-f]{16}$/;

/** The range of ids a cookie key stands for (lib/saved/saved-cookie.ts keeps an id's first 16 hex digits). */
function idRange(key: TSavedKey): { gte: string; lte: string } {
  const head = `${key.slice(0, 8)}-${key.slice(8, 12)}-${key.slice(12, 16)}`;
  return { gte: `${head}-0000-000000000000`, lte: `${head}-ffff-ffffffffffff` };
}

/**
 * The ids of the events a saved-list cookie names that a visitor can still see (published or cancelled, not
 * deleted), in the cookie's order (oldest saved first). One query for up to 200 keys, each an id range on the
 * primary key, as lib/saved/list-saved-events.ts reads them; a key that two events share (a one-in-a-trillion
 * collision of 64-bit prefixes) gives both.
 */
export async function eventIdsOfSavedKeys(keys: readonly TSavedKey[]): Promise<string[]> {
  const wanted = [...new Set(keys)].slice(-MAX_SAVED_EVENTS).filter((key) => KEY_PATTERN.test(key));
  if (wanted.length === 0) return [];
  const rows = await db.event.findMany({
    where: { OR: wanted.map((key) => ({ id: idRange(key) })), deletedAt: null, status: { in: PUBLIC_STATUSES } },
    take: MAX_SAVED_EVENTS * 2,
    select: { id: true },
  });
  const order = new Map(wanted.map((key, index) => [key, index]));
  const position = (id: string) => order.get(id.replace(/-/g, "").slice(0, 16)) ?? 0;
  return rows.map((row) => row.id).sort((a, b) => position(a) - position(b) || a.localeCompare(b));
}
