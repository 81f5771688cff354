import type { Prisma } from "@/lib/db";
import { PUBLIC_STATUSES } from "@/lib/events/public-visibility";
import { MAX_SAVED_EVENTS, type TSavedKey } from "./saved-cookie";

const KEY_PATTERN = /^[0-9a-f]{16}$/;

/** The range of ids a cookie key stands for: its 16 hex digits, then all zeros up to all f's. */
function idRange(key: TSavedKey): { gte: string; lte: string } {
  const head = `${key.slice(0, 8)}-${key.slice(8, 12)}-${key.slice(12, 16)}`;
  return { gte: `${head}-0000-000000000000`, lte: `${head}-ffff-ffffffffffff` };
}

/**
 * The events a saved-list cookie names that a visitor can still see (published or cancelled, not deleted), as one
 * Prisma filter: each key an id range on the primary key, at most the newest 200 keys. `keys` are the ones used, in
 * the cookie's order (oldest saved first); null when there is none. A key two events share (a one-in-a-trillion
 * collision of 64-bit prefixes) matches both.
 */
export function savedKeysFilter(keys: readonly TSavedKey[]): { keys: TSavedKey[]; where: Prisma.EventWhereInput } | null {
  const wanted = [...new Set(keys)].slice(-MAX_SAVED_EVENTS).filter((key) => KEY_PATTERN.test(key));
  if (wanted.length === 0) return null;
  return { keys: wanted, where: { OR: wanted.map((key) => ({ id: idRange(key) })), deletedAt: null, status: { in: PUBLIC_STATUSES } } };
}
