import "server-only";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getClientIp } from "@/lib/http/client-ip";
import { isSameOriginPost } from "@/lib/http/same-origin";
import { LOCALE_HEADER, localeOfHeader, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { parseSavedCookie, savedCookieOf } from "@/lib/saved/saved-cookie";
import { alertTargetOf, type TAlertTarget } from "./alert-target";
import { confirmSubscription } from "./confirm-subscription";
import { mergeSavedList } from "./merge-saved-list";
import { removeSubscriberSavedEvent } from "./remove-subscriber-saved-event";
import { requestSubscription } from "./request-subscription";
import { eventIdsOfSavedKeys } from "./saved-event-ids";
import { subscriberCookieHeader } from "./subscriber-cookie";

/**
 * The posts of subscriptions, for their route handlers (plain HTML forms, no JavaScript): read the page's language
 * (x-zb-locale, set by proxy.ts), refuse posts from other sites (403), read the form (400 when it is not one), call
 * one use case, and send the browser on with a 303 (or a short text in the page's language for a refusal).
 * Every answer says `Cache-Control: no-store`.
 */

/** Runs work after the response has gone (next/server's `after`, passed by the route). */
export type TDefer = (task: () => Promise<void>) => void;

function plain(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}

function seeOther(location: string, setCookie?: string): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  if (setCookie) headers.set("Set-Cookie", setCookie);
  return new Response(null, { status: 303, headers });
}

function localeOf(request: Request): TLocale {
  return localeOfHeader(request.headers.get(LOCALE_HEADER));
}

async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/** Where a refused address goes: /subscribe with the message and the same form again (what it was for). */
function retryPath(locale: TLocale, target: { saved: true } | TAlertTarget): string {
  const fields: Record<string, string> =
    "saved" in target ? { for: "saved" } : target.kind === "query" ? { for: "query", query: target.query } : { for: "creator", creator: target.creatorId };
  const params = new URLSearchParams({ notice: "email", ...fields });
  return `${localizedPath(locale, "/subscribe")}?${params.toString()}`;
}

/**
 * POST /saved/subscribe (the form on /saved: `email`) and POST /subscribe/alert (the alert forms: `email` and
 * `query` or `creator`): requestSubscription with the browser's saved list or the alert, then /subscribe?notice=sent
 * ("Check your inbox") whatever the address. (No honeypot field: the listing's form stays one named field and a button;
 * what a bot can do is what anyone can, one confirmation mail within the limits.)
 * Refusals: 303 back to the form for an address that is not one; 429 with Retry-After past 5 subscriptions an hour
 * from one IP; 503 when the limits cannot be checked; 404 for an organiser without a page.
 */
export async function handleSubscribePost(request: Request, source: "saved" | "alert", defer?: TDefer): Promise<Response> {
  const locale = localeOf(request);
  const t = translatorFor(locale);
  if (!isSameOriginPost(request.headers, getEnv().APP_URL)) return plain(403, t("subscribe.crossSite"));
  const form = await readForm(request);
  const email = form?.get("email");
  if (!form || typeof email !== "string") return plain(400, t("subscribe.badForm"));
  const sent = `${localizedPath(locale, "/subscribe")}?notice=sent`;

  let alert: TAlertTarget | undefined;
  let savedEventIds: string[] | undefined;
  if (source === "alert") {
    alert = alertTargetOf({ query: form.get("query") ?? undefined, creator: form.get("creator") ?? undefined }) ?? undefined;
    if (!alert) return plain(400, t("subscribe.badForm"));
  } else {
    savedEventIds = await eventIdsOfSavedKeys(parseSavedCookie(savedCookieOf(request.headers.get("cookie"))));
  }
  try {
    await requestSubscription({ email, locale, ip: getClientIp(request.headers), savedEventIds, alert, defer });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "INVALID_INPUT") return seeOther(retryPath(locale, alert ?? { saved: true }));
    if (error.code === "NOT_FOUND") return plain(404, t("subscribe.noOrganiser"));
    if (error.code === "RATE_LIMITED") {
      const seconds = Math.max(1, Math.ceil(error.retryAfterSeconds ?? 60));
      return plain(429, t("subscribe.tooMany", { minutes: Math.max(1, Math.ceil(seconds / 60)) }), { "Retry-After": String(seconds) });
    }
    if (error.code === "SERVICE_UNAVAILABLE") return plain(503, t("subscribe.unavailable"), { "Retry-After": "60" });
    throw error;
  }
  return seeOther(sent);
}

/**
 * POST /subscribe/confirm/submit (the button on the page the mail's link opens; field `token`): confirms, remembers
 * the subscriber in this browser (lib/subscriptions/subscriber-cookie.ts) and goes to /saved/<token>?confirmed=1 or
 * /alerts/<token>. A link that no longer works: back to the page, which says so.
 */
export async function handleConfirmPost(request: Request): Promise<Response> {
  const locale = localeOf(request);
  const t = translatorFor(locale);
  if (!isSameOriginPost(request.headers, getEnv().APP_URL)) return plain(403, t("subscribe.crossSite"));
  const form = await readForm(request);
  if (!form) return plain(400, t("subscribe.badForm"));
  const confirmed = await confirmSubscription(form.get("token"));
  if (!confirmed) return seeOther(`${localizedPath(locale, "/subscribe/confirm")}?expired=1`);
  const next =
    confirmed.destination === "alerts"
      ? localizedPath(locale, `/alerts/${confirmed.token}`)
      : `${localizedPath(locale, `/saved/${confirmed.token}`)}?confirmed=1`;
  return seeOther(next, subscriberCookieHeader(confirmed.token));
}

/** POST /saved/<token>/remove (field `event`, an event id): the event off the subscriber's list, then the list again. */
export async function handleRemovePost(request: Request, token: string): Promise<Response> {
  const locale = localeOf(request);
  const t = translatorFor(locale);
  if (!isSameOriginPost(request.headers, getEnv().APP_URL)) return plain(403, t("subscribe.crossSite"));
  const form = await readForm(request);
  if (!form) return plain(400, t("subscribe.badForm"));
  const result = await removeSubscriberSavedEvent({ token, eventId: form.get("event") });
  if (!result) return plain(404, t("notFound.title"));
  return seeOther(`${localizedPath(locale, `/saved/${token}`)}?removed=${result.removed ? 1 : 0}`);
}

/**
 * POST /saved/<token>/merge: the browser's saved list (its cookie) merged into the subscriber's, then the list
 * with how many were added; this browser now knows the subscriber (its /saved shows the calendar feed).
 */
export async function handleMergePost(request: Request, token: string): Promise<Response> {
  const locale = localeOf(request);
  const t = translatorFor(locale);
  if (!isSameOriginPost(request.headers, getEnv().APP_URL)) return plain(403, t("subscribe.crossSite"));
  const result = await mergeSavedList({ token, savedKeys: parseSavedCookie(savedCookieOf(request.headers.get("cookie"))) });
  if (!result) return plain(404, t("notFound.title"));
  const params = new URLSearchParams({ merged: String(result.added) });
  if (result.leftOut > 0) params.set("leftOut", String(result.leftOut));
  return seeOther(`${localizedPath(locale, `/saved/${token}`)}?${params.toString()}`, subscriberCookieHeader(token));
}
