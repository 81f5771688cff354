/**
 * The short form of a cancel note for a card, a calendar line or a list of dates:
 * "Cancelled: Nyepi (island-wide day of silence)" → "Cancelled: Nyepi". The event page shows the whole note.
 */
export function shortCancelNote(note: string): string {
  const withoutAside = note.replace(/\s*\([^()]*\)$/, "");
  const short = withoutAside.endsWith(":") ? note : withoutAside;
  return short.length > 40 ? `${short.slice(0, 39)}…` : short;
}
