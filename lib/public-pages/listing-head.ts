import { SITE_NAME, siteUrl } from "@/lib/site";

/** The listing's title: in Next's metadata (app/page.tsx) and in the light path's head alike. */
export const LISTING_TITLE = `${SITE_NAME} — events in Bali`;

/**
 * The canonical URL of a listing from its canonical query key: the query itself, or the site's root for no query
 * or one with invalid fields. Written as Next writes it: the root without its trailing slash ("https://zenbali.site").
 */
export function listingCanonicalUrl(key: string): string {
  if (key && !key.includes("#")) return siteUrl(`/?${key}`);
  return siteUrl("/").replace(/\/$/, "");
}
