import { localizedUrl } from "@/lib/i18n/alternates";
import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/languages";
import english from "@/lib/i18n/messages/en.json";

/** The listing's title in English: in Next's metadata (app/page.tsx) and in the light path's head alike. */
export const LISTING_TITLE = english.listing.title;

/**
 * The path of a listing from its canonical query key: the query itself, or the root for no query or one with
 * invalid fields ("#" marks them). Its canonical URL and its hreflang alternates are this path in each language.
 */
export function listingPath(key: string): string {
  return key && !key.includes("#") ? `/?${key}` : "/";
}

/** The canonical URL of a listing from its canonical query key, in a language. */
export function listingCanonicalUrl(key: string, locale: TLocale = DEFAULT_LOCALE): string {
  return localizedUrl(locale, listingPath(key));
}
