import type { NextRequest } from "next/server";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { buildEventCalendar } from "@/lib/feeds/build-feeds";
import { textResponse } from "@/lib/http/feed-response";

export const dynamic = "force-dynamic";

export async function GET(_request: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const event = await getPublicEvent(slug);
  if (!event) return new Response("Event not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return textResponse(await buildEventCalendar(event), "text/calendar; charset=utf-8", { "Content-Disposition": `attachment; filename="${event.slug}.ics"` });
}
