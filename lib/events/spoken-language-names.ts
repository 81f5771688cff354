import { capitalized } from "@/lib/i18n/format";
import type { TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { orderedSpokenLanguages, type TSpokenLanguage } from "./spoken-languages";

/**
 * The name of a spoken language in a page's language, as a label on its own: "Russian", "Rusia", "Русский".
 * Russian writes language names in lower case inside a sentence ("английский, русский"), so the catalogue holds them
 * that way and a label starts with a capital.
 */
export function spokenLanguageLabel(locale: TLocale, code: TSpokenLanguage): string {
  return capitalized(locale, translatorFor(locale)(`spokenLanguages.${code}`));
}

/** What an event page says about the languages of an event: "In English, Russian", "Dalam bahasa Inggris, Rusia". */
export function languagesSpokenLine(locale: TLocale, codes: readonly string[]): string | null {
  const languages = orderedSpokenLanguages(codes);
  if (languages.length === 0) return null;
  const t = translatorFor(locale);
  return t("event.languagesSpoken", { count: languages.length, languages: languages.map((code) => t(`spokenLanguages.${code}`)).join(", ") });
}
