// No "server-only": the page cache (server.mjs) writes the count into cached pages.
import type { TLocale } from "./languages";
import { translatorFor } from "./translator";

/** The footer's "Visitors: 1,234" in a language: rendered with the page, and rewritten by the page cache as it grows. */
export function visitorCountText(locale: TLocale, count: number): string {
  return translatorFor(locale)("site.visitors", { count });
}
