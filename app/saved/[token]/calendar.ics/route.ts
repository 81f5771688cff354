import { buildSavedCalendar } from "@/lib/subscriptions/build-saved-calendar";
import { findSubscriberByToken } from "@/lib/subscriptions/find-subscriber";

export const dynamic = "force-dynamic";

/**
 * /saved/<token>.ics, the subscriber's calendar feed (next.config.mjs rewrites it here: the app router cannot name
 * a folder "[token].ics"). Private: never cached by anyone in between, not indexed; an unknown token is a 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const subscriber = await findSubscriberByToken((await params).token);
  const headers = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };
  if (!subscriber) return new Response("Not found", { status: 404, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(await buildSavedCalendar(subscriber), {
    headers: { ...headers, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="zenbali-saved.ics"' },
  });
}
