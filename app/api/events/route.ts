import { NextResponse } from "next/server";
import { parseApiEventQuery, PAGE_SIZE } from "@/lib/events/event-query";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { publicApi } from "@/lib/http/api-handler";
import { seriesSummaries } from "@/lib/series/series-of-event";
import { siteUrl } from "@/lib/site";

export const dynamic = "force-dynamic";

export const GET = publicApi(async (request) => {
  const { limit = PAGE_SIZE, ...query } = parseApiEventQuery(request.nextUrl.searchParams);
  const listing = await listPublicEvents({ query, limit, exactTotal: true });
  const series = await seriesSummaries(listing.events.map((event) => event.seriesId));
  // A date of a recurring series carries its series (the product contract's "API"); other events carry null.
  const events = listing.events.map(({ seriesId, ...event }) => ({
    ...event,
    series: seriesId ? (series.get(seriesId) ?? null) : null,
    url: siteUrl(`/events/${event.slug}`),
  }));
  return NextResponse.json({ ...listing, events }, { headers: { "Cache-Control": "public, max-age=30" } });
});
