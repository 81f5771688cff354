import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import type { TNames } from "@/lib/reference/localized-name";

/**
 * The short form of a cancel note for a card, a calendar line or a list of dates:
 * "Cancelled: Nyepi (island-wide day of silence)" → "Cancelled: Nyepi". The event page shows the whole note.
 */
export function shortCancelNote(note: string): string {
  const withoutAside = note.replace(/\s*\([^()]*\)$/, "");
  const short = withoutAside.endsWith(":") ? note : withoutAside;
  return short.length > 40 ? `${short.slice(0, 39)}…` : short;
}

/**
 * A cancel note in the page's language. A date cancelled for a closed day keeps its note in English ("Cancelled:
 * Nyepi (island-wide day of silence)", lib/series/closed-day-input.ts); `closedDayNames` are that closed day's names
 * in other languages, read beside the note (lib/series/closed-day-note-names.ts). With one in the page's language the
 * note is said in that language ("Отменено: Ньепи (день тишины)"); otherwise (English, no translation, a note of
 * another kind, a closed day since removed) it is the stored note, as written.
 */
export function localizedCancelNote(note: string, closedDayNames: TNames | null | undefined, locale: TLocale): string {
  const name = locale === DEFAULT_LOCALE ? undefined : closedDayNames?.[locale]?.trim();
  return name ? translatorFor(locale)("closedDay.cancelledNote", { name }) : note;
}
