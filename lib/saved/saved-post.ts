import "server-only";
import { toSafeRedirectPath } from "@/lib/auth/safe-redirect";
import { getEnv } from "@/lib/env";
import { isSameOriginPost } from "@/lib/http/same-origin";
import { LOCALE_HEADER, localeOfHeader, localizedPath } from "@/lib/i18n/languages";
import type { TSavedChange } from "./change-saved-list";
import { parseSavedCookie, savedCookieHeader, savedCookieOf, type TSavedKey } from "./saved-cookie";

/** The longest "back" path kept for the link on /saved (longer ones are dropped). */
const MAX_BACK_PATH = 1_000;

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * What the Save and Remove posts share (POST /saved/add and /saved/remove, field `event` = the event's slug): refuse
 * posts from other sites (403), read the form (400 when it is not one), apply the change to the list in the cookie,
 * and send the browser to /saved in the page's language with what happened ("Saved: <title>") and a link back to the
 * page the button was on (the Referer, when it is one of our own pages).
 */
export async function handleSavedPost(request: Request, change: (keys: TSavedKey[], slug: unknown) => Promise<TSavedChange>): Promise<Response> {
  const appUrl = getEnv().APP_URL;
  if (!isSameOriginPost(request.headers, appUrl)) return plain(403, "Saving works from Zen Bali's own pages only.");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return plain(400, "Send the form of a Save or Remove button (field “event”).");
  }
  const slug = form.get("event");
  if (typeof slug !== "string" || slug === "") return plain(400, "Choose an event: the form needs the field “event”.");
  const locale = localeOfHeader(request.headers.get(LOCALE_HEADER));
  const result = await change(parseSavedCookie(savedCookieOf(request.headers.get("cookie"))), slug);

  const params = new URLSearchParams();
  if (result.outcome === "saved") params.set("saved", result.event.slug);
  else if (result.outcome === "removed") params.set("removed", result.event.slug);
  else params.set("notice", result.outcome);
  const back = toSafeRedirectPath(request.headers.get("referer"), appUrl);
  if (back && back.length <= MAX_BACK_PATH && !/^\/(?:[a-z]{2}\/)?saved(?:[/?#]|$)/.test(back)) params.set("back", back);
  const headers = new Headers({ Location: `${localizedPath(locale, "/saved")}?${params.toString()}`, "Cache-Control": "no-store" });
  if (result.outcome === "saved" || result.outcome === "removed") headers.set("Set-Cookie", savedCookieHeader(result.keys));
  return new Response(null, { status: 303, headers });
}
