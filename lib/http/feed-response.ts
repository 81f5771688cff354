import type { NextRequest } from "next/server";
import { canonicalFeedQuery } from "@/lib/events/event-query";
import { LOCALE_HEADER, localeOfHeader, type TLocale } from "@/lib/i18n/languages";

/** Feed filters are the page's filters, parsed leniently (a bad value is ignored); the page cache keys feeds by the same parse. */
export function feedQuery(request: NextRequest) {
  return canonicalFeedQuery(request.nextUrl.searchParams).query;
}

/** The language of a feed's URL (/ru/feed.xml), as proxy.ts set it on the request; English without one. */
export function feedLocale(request: Request): TLocale {
  return localeOfHeader(request.headers.get(LOCALE_HEADER));
}

export function textResponse(body: string, contentType: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(body, {
    headers: { "Content-Type": contentType, "Cache-Control": "public, max-age=60, stale-while-revalidate=300", ...extraHeaders },
  });
}
