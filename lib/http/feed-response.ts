import type { NextRequest } from "next/server";
import { parsePageEventQuery } from "@/lib/events/event-query";

/** Feed filters are the page's filters, parsed leniently (a bad value is ignored). */
export function feedQuery(request: NextRequest) {
  const record: Record<string, string> = {};
  request.nextUrl.searchParams.forEach((value, name) => {
    record[name] ??= value;
  });
  return parsePageEventQuery(record).query;
}

export function textResponse(body: string, contentType: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(body, {
    headers: { "Content-Type": contentType, "Cache-Control": "public, max-age=60, stale-while-revalidate=300", ...extraHeaders },
  });
}
