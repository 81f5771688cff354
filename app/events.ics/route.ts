import type { NextRequest } from "next/server";
import { buildEventsCalendar } from "@/lib/feeds/build-feeds";
import { feedLocale, feedQuery, textResponse } from "@/lib/http/feed-response";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const body = await buildEventsCalendar(feedQuery(request), feedLocale(request));
  return textResponse(body, "text/calendar; charset=utf-8", { "Content-Disposition": 'inline; filename="zenbali-events.ics"' });
}
