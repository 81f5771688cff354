import "server-only";
import { toEventCard, type TCardRow, type TEventCard } from "@/lib/events/event-card";
import { closedDayNamesOfNotes } from "@/lib/series/closed-day-note-names";

export type TSavedEvents = {
  /** Not ended yet, soonest first. */
  upcoming: TEventCard[];
  /** Ended, the latest first. */
  past: TEventCard[];
};

/**
 * A saved list's events (read soonest first) as cards, split as /saved and /saved/<token> show them: upcoming soonest
 * first, then past ones, the latest first. Cancelled dates' closed-day notes come with their names in other languages.
 */
export async function toSavedEvents(rows: readonly (TCardRow & { cancelNote: string | null })[], now = new Date()): Promise<TSavedEvents> {
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
