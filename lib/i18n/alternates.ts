import { siteUrl } from "@/lib/site";
import { DEFAULT_LOCALE, LOCALES, localizedPath } from "./languages";

/**
 * The same page in every language, for `<link rel="alternate" hreflang>`: each language's URL of `path` (a site
 * path without language prefix, with its canonical query), and `x-default`, the English one.
 */
export function languageAlternates(path: string): Record<string, string> {
  const alternates: Record<string, string> = {};
  for (const locale of LOCALES) alternates[locale] = absolute(localizedPath(locale, path));
  alternates["x-default"] = absolute(localizedPath(DEFAULT_LOCALE, path));
  return alternates;
}

/** As Next writes a canonical URL: the site's root without its trailing slash. */
function absolute(path: string): string {
  return path === "/" ? siteUrl("/").replace(/\/$/, "") : siteUrl(path);
}
