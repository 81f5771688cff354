/**
 * The languages an event can be held in ("Languages spoken"): English, Indonesian and Russian, the site's own, then
 * the others Bali's organisers teach in. Codes are ISO 639-1 and appear in URLs (`?lang=ru`) and the API; their names
 * are in every catalogue under "spokenLanguages". To add one: its code here and its name in each catalogue.
 */
export const SPOKEN_LANGUAGE_CODES = ["en", "id", "ru", "de", "fr", "es", "it", "nl", "uk", "zh", "ja", "ko"] as const;

export type TSpokenLanguage = (typeof SPOKEN_LANGUAGE_CODES)[number];

/** What a new event is held in until its creator says otherwise. */
export const DEFAULT_SPOKEN_LANGUAGES: readonly TSpokenLanguage[] = ["en"];

export function isSpokenLanguage(value: unknown): value is TSpokenLanguage {
  return typeof value === "string" && (SPOKEN_LANGUAGE_CODES as readonly string[]).includes(value);
}

/** Stored languages in the list's order, unknown codes dropped (a code removed from the list stays in old rows). */
export function orderedSpokenLanguages(codes: readonly string[]): TSpokenLanguage[] {
  return SPOKEN_LANGUAGE_CODES.filter((code) => codes.includes(code));
}
