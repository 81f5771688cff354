import type { NextRequest } from "next/server";
import { canonicalFeedQuery } from "@/lib/events/event-query";

/** Feed filters are the page's filters, parsed leniently (a bad value is ignored); the page cache keys feeds by the same parse. */
export function feedQuery(request: NextRequest) {
  return canonicalFeedQuery(request.nextUrl.searchParams).query;
}

export function textResponse(body: string, contentType: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(body, {
    headers: { "Content-Type": contentType, "Cache-Control": "public, max-age=60, stale-while-revalidate=300", ...extraHeaders },
  });
}
