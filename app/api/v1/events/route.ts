import { NextResponse } from "next/server";
import { createApiEvent } from "@/lib/api-keys/create-api-event";
import { readJsonObjectBody } from "@/lib/api-keys/read-json-body";
import { EVENTS_WRITE_SCOPE } from "@/lib/api-keys/scopes";
import { withApiKey } from "@/lib/http/with-api-key";
import { AppError } from "@/lib/errors";
import { getEventForPreview, getPublicEvent } from "@/lib/events/get-public-event";
import { siteUrl } from "@/lib/site";

export const dynamic = "force-dynamic";

/**
 * Creates a published event for the API key's creator (docs/api.md).
 * 201 { event } (the shape of GET /api/events/<slug>) with a Location header.
 */
export const POST = withApiKey(EVENTS_WRITE_SCOPE, async (request, { principal, ip }) => {
  const body = await readJsonObjectBody(request);
  const { slug } = await createApiEvent({ principal, body, ip });
  const event = (await getPublicEvent(slug)) ?? (await getEventForPreview(slug));
  if (!event) throw new AppError("INTERNAL", "The event was created but could not be read back.");
  const { creatorId: _creatorId, ...shape } = event as typeof event & { creatorId?: string };
  return NextResponse.json(
    { event: { ...shape, url: siteUrl(`/events/${event.slug}`), hasEnded: new Date(event.endsAt).getTime() <= Date.now() } },
    { status: 201, headers: { Location: `/api/events/${event.slug}`, "Cache-Control": "no-store" } },
  );
});
