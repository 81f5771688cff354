import "server-only";
import { getEnv } from "@/lib/env";
import { escapeXml } from "@/lib/feeds/xml";
import { isSameOriginPost } from "@/lib/http/same-origin";
import { LOCALE_HEADER, localeOfHeader, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { isSubscriberToken } from "@/lib/subscriptions/subscriber-token";
import { findSubscriberByToken } from "@/lib/subscriptions/find-subscriber";
import { deleteSubscriberAlert, unsubscribeEverything } from "./manage-alerts";

/**
 * The requests of /alerts/<token>, for their route handlers (no JavaScript; plain forms):
 *
 * - POST /alerts/<token>/unsubscribe — the one-click unsubscribe of RFC 8058, which a mail client POSTs with the body
 *   `List-Unsubscribe=One-Click` and no cookie: unsubscribes at once and answers 200 (also the second time; never a
 *   redirect, which RFC 8058 forbids), in the subscriber's language. No CSRF token and no field is needed: the
 *   256-bit token in the path is the credential. The buttons of our own pages send `via=page` and are sent back to
 *   /alerts/<token> with the notice instead.
 * - GET /alerts/<token>/unsubscribe — changes nothing (mail scanners follow links): 303 to the page with only the
 *   confirmation button, which POSTs to the same URL.
 * - POST /alerts/<token>/delete (field `alert`, an alert id) — from our own page only (403 otherwise), then 303 back.
 *
 * Unknown token (or not a token's shape: looked at before anything else) → 404. Every answer is `no-store`.
 */

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store", "Referrer-Policy": "same-origin" } });
}

function pageLocale(request: Request): TLocale {
  return localeOfHeader(request.headers.get(LOCALE_HEADER));
}

function notFound(locale: TLocale): Response {
  return plain(404, translatorFor(locale)("notFound.title"));
}

/** The form fields, when the body is a small form; null otherwise (a one-click POST may send anything or nothing). */
async function formOf(request: Request): Promise<FormData | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return null;
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

const alertsPath = (locale: TLocale, token: string) => localizedPath(locale, `/alerts/${token}`);

/** The answer to a one-click unsubscribe: a short page in the subscriber's language. */
function unsubscribedPage(locale: TLocale, token: string): Response {
  const t = translatorFor(locale);
  const html = [
    `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="robots" content="noindex"><title>${escapeXml(t("manageAlerts.confirmButton"))} · Zen Bali</title></head>`,
    `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5">`,
    `<p role="status">${escapeXml(t("manageAlerts.unsubscribedNotice"))}</p>`,
    `<p><a href="${escapeXml(alertsPath(locale, token))}">${escapeXml(t("manageAlerts.manageLink"))}</a></p>`,
    `</body></html>`,
  ].join("");
  return new Response(html, {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "same-origin", "X-Robots-Tag": "noindex" },
  });
}

export async function handleUnsubscribePost(request: Request, token: string): Promise<Response> {
  if (!isSubscriberToken(token)) return notFound(pageLocale(request));
  const done = await unsubscribeEverything(token);
  if (!done) return notFound(pageLocale(request));
  const form = await formOf(request);
  if (form?.get("via") === "page") return seeOther(`${alertsPath(pageLocale(request), token)}?done=unsubscribed`);
  return unsubscribedPage(done.locale, token);
}

export async function handleUnsubscribeGet(request: Request, token: string): Promise<Response> {
  const locale = pageLocale(request);
  if (!(await findSubscriberByToken(token))) return notFound(locale);
  return seeOther(localizedPath(locale, `/alerts/${token}/unsubscribe/confirm`));
}

export async function handleDeleteAlertPost(request: Request, token: string): Promise<Response> {
  const locale = pageLocale(request);
  if (!isSubscriberToken(token)) return notFound(locale);
  if (!isSameOriginPost(request.headers, getEnv().APP_URL)) return plain(403, translatorFor(locale)("manageAlerts.crossSite"));
  const form = await formOf(request);
  const result = await deleteSubscriberAlert({ token, alertId: form?.get("alert") });
  if (!result) return notFound(locale);
  return seeOther(`${alertsPath(locale, token)}?done=${result}`);
}
