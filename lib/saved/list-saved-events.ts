import "server-only";
import { db } from "@/lib/db";
import { eventCardSelect, toEventCard, type TEventCard } from "@/lib/events/event-card";
import { PUBLIC_STATUSES } from "@/lib/events/public-visibility";
import { closedDayNamesOfNotes } from "@/lib/series/closed-day-note-names";
import { MAX_SAVED_EVENTS, type TSavedKey } from "./saved-cookie";

export type TSavedEvents = {
  /** Not ended yet, soonest first. */
  upcoming: TEventCard[];
  /** Ended, the latest first. */
  past: TEventCard[];
};

/** The range of ids a cookie key stands for: its 16 hex digits, then all zeros up to all f's. */
function idRange(key: TSavedKey): { gte: string; lte: string } {
  const head = `${key.slice(0, 8)}-${key.slice(8, 12)}-${key.slice(12, 16)}`;
  return { gte: `${head}-0000-000000000000`, lte: `${head}-ffff-ffffffffffff` };
}

/**
 * The saved events a visitor can still see (published or cancelled, not deleted; an event taken down since drops
 * out), as cards: upcoming soonest first, then past ones, the latest first. One query for up to 200 keys, each an id
 * range on the primary key.
 */
export async function listSavedEvents(keys: readonly TSavedKey[], now = new Date()): Promise<TSavedEvents> {
  const wanted = [...new Set(keys)].slice(-MAX_SAVED_EVENTS).filter((key) => /^[0-9a-f]{16}$/.test(key));
  if (wanted.length === 0) return { upcoming: [], past: [] };
  const rows = await db.event.findMany({
    where: { OR: wanted.map((key) => ({ id: idRange(key) })), deletedAt: null, status: { in: PUBLIC_STATUSES } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: MAX_SAVED_EVENTS * 2,
    select: eventCardSelect,
  });
  const noteNames = await closedDayNamesOfNotes(rows);
  const cards = rows.map((row, index) => ({
    ended: row.endsAt <= now,
    card: { ...toEventCard(row), ...(noteNames[index] ? { cancelNoteNames: noteNames[index] } : {}) },
  }));
  return {
    upcoming: cards.filter((entry) => !entry.ended).map((entry) => entry.card),
    past: cards
      .filter((entry) => entry.ended)
      .map((entry) => entry.card)
      .reverse(),
  };
}
