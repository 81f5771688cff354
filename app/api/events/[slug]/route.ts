import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { publicApi } from "@/lib/http/api-handler";
import { siteUrl } from "@/lib/site";

export const dynamic = "force-dynamic";

/** One public event, as a JSON object (404 in the error shape for unknown, deleted or unpublished events). */
export const GET = publicApi<{ params: Promise<{ slug: string }> }>(async (_request, { params }) => {
  const { slug } = await params;
  const event = await getPublicEvent(slug);
  if (!event) throw new AppError("NOT_FOUND", "No public event has this address.");
  return NextResponse.json(
    { ...event, url: siteUrl(`/events/${event.slug}`), hasEnded: new Date(event.endsAt).getTime() <= Date.now() },
    { headers: { "Cache-Control": "public, max-age=30" } },
  );
});
