import { DEFAULT_LOCALE, isLocale, type TLocale } from "@/lib/i18n/languages";

/** The language a user's mail is written in: their `users.language` when it is one of the site's, else English. */
export function recipientLocale(language: string | null | undefined): TLocale {
  return isLocale(language) ? language : DEFAULT_LOCALE;
}
