import { getEnv } from "@/lib/env";
import { escapeXml } from "@/lib/feeds/xml";
import { formatterFor } from "@/lib/i18n/format";
import { localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import type { TMail } from "@/lib/mail/types";
import { siteUrl } from "@/lib/site";
import type { TAlertWords } from "./describe-alert";

/**
 * The weekly digest mail, in the subscriber's language (catalogue section "digest"): the new events (title, date and
 * time in Bali, place, a link to the event page in that language), "N more" when there were more than it lists, a
 * "see all" link per alert that matched, the link to /alerts/<token>, and the one-click unsubscribe.
 *
 * Headers (RFC 2369 and RFC 8058): `List-Unsubscribe` with the unsubscribe URL and a mailto, and
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, so a mail client's "Unsubscribe" POSTs that URL directly.
 */

export type TDigestMailEvent = { slug: string; title: string; startsAt: Date; location: string };

export type TDigestMailInput = {
  to: string;
  locale: TLocale;
  /** The subscriber's private token (their links). */
  token: string;
  /** Soonest first, at most 20. */
  events: readonly TDigestMailEvent[];
  /** How many events matched in all (more than `events` when the mail lists only the first 20). */
  total: number;
  /** The alerts that matched, for the "see all" links. */
  alerts: readonly TAlertWords[];
};

const SIGNATURE = "Zen Bali";

/** The absolute URL of the one-click unsubscribe (no language prefix: the answer is in the subscriber's language anyway). */
export function unsubscribeUrl(token: string): string {
  return siteUrl(`/alerts/${encodeURIComponent(token)}/unsubscribe`);
}

/** The address of MAIL_FROM ("Zen Bali <no-reply@zenbali.site>" → no-reply@zenbali.site), for the mailto. */
function senderAddress(): string {
  const from = getEnv().MAIL_FROM;
  return /<([^>\s]+@[^>\s]+)>/.exec(from)?.[1] ?? from.trim();
}

/** The RFC 8058 headers of a mail to a subscriber. */
export function listUnsubscribeHeaders(token: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${unsubscribeUrl(token)}>, <mailto:${senderAddress()}?subject=unsubscribe>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

/** Text typed by an organiser, on one line (a title cannot break the mail's layout). */
const oneLine = (text: string) => text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, " ").trim();

export function digestMail({ to, locale, token, events, total, alerts }: TDigestMailInput): TMail {
  const t = translatorFor(locale);
  const format = formatterFor(locale);
  const link = (path: string) => siteUrl(localizedPath(locale, path));
  const manageLink = link(`/alerts/${encodeURIComponent(token)}`);
  const unsubscribe = unsubscribeUrl(token);
  const listed = events.map((event) => ({
    title: oneLine(event.title),
    when: `${format.dateTime(event.startsAt)} · ${oneLine(event.location)}`,
    url: link(`/events/${encodeURIComponent(event.slug)}`),
  }));
  const more = total > listed.length ? t("digest.more", { count: total - listed.length }) : null;
  const seeAll = alerts.map((alert) => ({ label: alert.label, url: siteUrl(alert.path) }));

  const text = [
    `${t("digest.intro")}\n${t("digest.timeNote")}`,
    ...listed.map((event) => `${event.title}\n${event.when}\n${event.url}`),
    ...(more ? [more] : []),
    ...(seeAll.length > 0 ? [[t("digest.seeAll"), ...seeAll.map((item) => `${item.label}: ${item.url}`)].join("\n")] : []),
    `${t("digest.manage", { link: manageLink })}\n${t("digest.unsubscribe", { link: unsubscribe })}`,
    t("digest.footer"),
    SIGNATURE,
  ].join("\n\n");

  const a = (url: string, label: string) => `<a href="${escapeXml(url)}">${escapeXml(label)}</a>`;
  const html = [
    `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeXml(t("digest.subject", { count: total }))}</title></head>`,
    `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1c1917">`,
    `<p>${escapeXml(t("digest.intro"))}<br><small>${escapeXml(t("digest.timeNote"))}</small></p>`,
    `<ul style="padding-left:1.2em">`,
    ...listed.map((event) => `<li style="margin-bottom:0.8em">${a(event.url, event.title)}<br>${escapeXml(event.when)}</li>`),
    `</ul>`,
    more ? `<p>${escapeXml(more)}</p>` : "",
    seeAll.length > 0 ? `<p>${escapeXml(t("digest.seeAll"))}<br>${seeAll.map((item) => a(item.url, item.label)).join("<br>")}</p>` : "",
    `<p><small>${a(manageLink, t("manageAlerts.manageLink"))} · ${a(unsubscribe, t("manageAlerts.confirmButton"))}</small></p>`,
    `<p><small>${escapeXml(t("digest.footer"))}</small></p>`,
    `</body></html>`,
  ].join("");

  return { kind: "digest", to, subject: t("digest.subject", { count: total }), text, html, headers: listUnsubscribeHeaders(token) };
}
