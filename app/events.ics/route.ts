import type { NextRequest } from "next/server";
import { buildEventsCalendar } from "@/lib/feeds/build-feeds";
import { feedQuery, textResponse } from "@/lib/http/feed-response";
import { requestLocale } from "../request-locale";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const body = await buildEventsCalendar(feedQuery(request), await requestLocale());
  return textResponse(body, "text/calendar; charset=utf-8", { "Content-Disposition": 'inline; filename="zenbali-events.ics"' });
}
