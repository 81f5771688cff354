import { siteUrl } from "@/lib/site";
import { DEFAULT_LOCALE, LOCALES, localizedPath, type TLocale } from "./languages";

/**
 * The same page in every language, for `<link rel="alternate" hreflang>`: each language's URL of `path` (a site
 * path without language prefix, with its canonical query), and `x-default`, the English one.
 */
export function languageAlternates(path: string): Record<string, string> {
  const alternates: Record<string, string> = {};
  for (const locale of LOCALES) alternates[locale] = localizedUrl(locale, path);
  alternates["x-default"] = localizedUrl(DEFAULT_LOCALE, path);
  return alternates;
}

/**
 * The absolute URL of a site path in a language, as Next writes a canonical URL: the English root without its
 * trailing slash ("https://zenbali.site").
 */
export function localizedUrl(locale: TLocale, path: string): string {
  const localized = localizedPath(locale, path);
  return localized === "/" ? siteUrl("/").replace(/\/$/, "") : siteUrl(localized);
}
