import type { TEventQuery } from "@/lib/events/event-query";
import { spokenLanguageLabel } from "@/lib/events/spoken-language-names";
import { formatterFor } from "@/lib/i18n/format";
import { localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import type { TReferenceData, TReferenceItem } from "@/lib/reference/list-reference-data";
import { localizedName } from "@/lib/reference/localized-name";
import { startOfBaliDay } from "@/lib/time/bali";
import { alertQueryOf } from "./match-digest-events";

/**
 * An alert in words and its "see all" link, in a language: a query alert by its filters ("Canggu · Ecstatic Dance",
 * "“breathwork” · Ubud · Free"), an organiser's alert as "Posts by <name>" (their page). For the mail and /alerts/<token>.
 */

export type TAlertForWords = { kind: "QUERY" | "CREATOR"; query: string | null; creatorId: string | null; creatorName?: string | null };

export type TAlertWords = { label: string; path: string };

function nameOf(items: readonly TReferenceItem[], slug: string, locale: TLocale): string {
  const item = items.find((candidate) => candidate.slug === slug);
  // A slug that names no active item (renamed, hidden): the slug itself, readable enough ("ecstatic-dance").
  return item ? localizedName(item, locale) : slug;
}

/** The filters of a listing query in words, in the order of the filter form; "All events" when there is none. */
export function describeQuery(query: TEventQuery, locale: TLocale, reference: TReferenceData): string {
  const t = translatorFor(locale);
  const format = formatterFor(locale);
  const parts: string[] = [];
  if (query.q) parts.push(t("digest.search", { q: query.q }));
  if (query.location) parts.push(nameOf(reference.locations, query.location, locale));
  if (query.type) parts.push(nameOf(reference.eventTypes, query.type, locale));
  if (query.entrance) parts.push(nameOf(reference.entranceTypes, query.entrance, locale));
  if (query.price) parts.push(t(query.price === "free" ? "filters.priceFree" : "filters.pricePaid"));
  if (query.lang) parts.push(spokenLanguageLabel(locale, query.lang));
  if (query.when) parts.push(t(`when.${query.when}`));
  if (query.from) parts.push(t("digest.fromDate", { date: format.date(startOfBaliDay(query.from)) }));
  if (query.to) parts.push(t("digest.toDate", { date: format.date(startOfBaliDay(query.to)) }));
  return parts.length > 0 ? parts.join(" · ") : t("digest.allEvents");
}

/** An alert's words and the site path of everything it stands for (the listing of its query, or the organiser's page). */
export function describeAlert(alert: TAlertForWords, locale: TLocale, reference: TReferenceData): TAlertWords {
  if (alert.kind === "CREATOR") {
    const name = alert.creatorName?.trim() || "?";
    return { label: translatorFor(locale)("digest.creatorAlert", { name }), path: localizedPath(locale, `/creators/${alert.creatorId ?? ""}`) };
  }
  const { query, key } = alertQueryOf(alert.query ?? "");
  return { label: describeQuery(query, locale, reference), path: localizedPath(locale, key ? `/?${key}` : "/") };
}
