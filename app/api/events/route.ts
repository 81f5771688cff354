import { NextResponse } from "next/server";
import { parseApiEventQuery, PAGE_SIZE } from "@/lib/events/event-query";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { publicApi } from "@/lib/http/api-handler";
import { siteUrl } from "@/lib/site";

export const dynamic = "force-dynamic";

export const GET = publicApi(async (request) => {
  const { limit = PAGE_SIZE, ...query } = parseApiEventQuery(request.nextUrl.searchParams);
  const listing = await listPublicEvents({ query, limit, exactTotal: true });
  const events = listing.events.map((event) => ({ ...event, url: siteUrl(`/events/${event.slug}`) }));
  return NextResponse.json({ ...listing, events }, { headers: { "Cache-Control": "public, max-age=30" } });
});
