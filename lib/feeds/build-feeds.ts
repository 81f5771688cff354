import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { eventQueryToSearchParams, type TEventQuery } from "@/lib/events/event-query";
import type { TEventDetail } from "@/lib/events/get-public-event";
import { localizedUrl } from "@/lib/i18n/alternates";
import { formatterFor } from "@/lib/i18n/format";
import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { siteUrl } from "@/lib/site";
import { loadSeriesCalendar, type TSeriesCalendarData } from "@/lib/series/series-of-event";
import { fromBaliDateTime } from "@/lib/time/bali";
import { buildCalendar, type TIcsEvent } from "./ics";
import { listFeedEvents, type TFeedEvent } from "./list-feed-events";
import { buildRss } from "./rss";
import { planSeriesRecurrence, seriesOverrides, seriesSequence } from "./series-calendar";

function icsUid(eventId: string): string {
  return `${eventId}@zenbali`;
}

/** The cache field of a feed in a language: English keeps the field it had before languages ("rss?…"). */
function feedField(kind: "ics" | "rss", locale: TLocale, query: TEventQuery): string {
  return `${locale === DEFAULT_LOCALE ? kind : `${kind}-${locale}`}?${eventQueryToSearchParams({ ...query, page: undefined })}`;
}

/** An event as the feeds write it: its UID (`<id>@zenbali`, the same in every feed, so calendar apps update it), text, place and link in a language. */
export function feedEventToIcs(event: TFeedEvent, locale: TLocale): TIcsEvent {
  return {
    uid: icsUid(event.id),
    title: event.title,
    description: event.description,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    location: [event.venueName, event.venueAddress, event.location.name, "Bali"].filter(Boolean).join(", "),
    url: localizedUrl(locale, `/events/${event.slug}`),
    organiser: { name: event.creator.organisation || event.creator.name },
    updatedAt: event.updatedAt,
    cancelled: event.status === "CANCELLED",
  };
}

/** /events.ics (/id/events.ics, …): upcoming published events matching the same filters as "/", named and linked in a language. */
export async function buildEventsCalendar(query: TEventQuery, locale: TLocale = DEFAULT_LOCALE): Promise<string> {
  return cached("feed", feedField("ics", locale, query), async () => {
    const events = await listFeedEvents(query);
    return buildCalendar({ name: translatorFor(locale)("site.defaultTitle"), events: events.map((event) => feedEventToIcs(event, locale)) });
  });
}

function locationOf(event: { venueName: string; venueAddress: string | null; locationName: string }): string {
  return [event.venueName, event.venueAddress, event.locationName, "Bali"].filter(Boolean).join(", ");
}

/**
 * /events/<slug>/event.ics for one event (ended events still download). A date of a series offers the whole
 * series under the series' UID, read as it is now: one master VEVENT (DTSTART, RRULE, EXDATEs, RDATEs) with the
 * text of the series' template date, and an override VEVENT per date moved or edited on its own (see
 * lib/feeds/series-calendar.ts), so that a calendar app expands it to exactly the dates the site lists.
 */
export async function buildEventCalendar(event: TEventDetail): Promise<string> {
  const series = event.series ? await loadSeriesCalendar(event.series.id) : null;
  if (series) return buildCalendar({ name: event.title, events: [seriesToIcs(series, event)] });
  return buildCalendar({
    name: event.title,
    events: [
      {
        uid: icsUid(event.id),
        title: event.title,
        description: event.description,
        startsAt: new Date(event.startsAt),
        endsAt: new Date(event.endsAt),
        location: locationOf({ ...event, locationName: event.location.name }),
        url: siteUrl(`/events/${event.slug}`),
        organiser: { name: event.organiser.organisation || event.organiser.name, email: event.contactEmail },
        updatedAt: new Date(event.updatedAt),
        cancelled: event.status === "CANCELLED",
      },
    ],
  });
}

/** The whole series as one recurring VEVENT and its overrides. `event` (the date downloaded) stands in for a template if none is left. */
function seriesToIcs(series: TSeriesCalendarData, event: TEventDetail): TIcsEvent {
  const dates = series.dates.map((date) => ({
    seriesDate: date.seriesDate,
    takesPlace: date.takesPlace,
    title: date.title,
    description: date.description,
    startsAt: date.startsAt,
    endsAt: date.endsAt,
    location: locationOf(date),
    url: siteUrl(`/events/${date.slug}`),
    organiser: date.organiser,
    updatedAt: date.updatedAt,
  }));
  // The template: the latest date not edited on its own (new dates are copied from it), as keepSeriesDates has it.
  const templateIndex = series.dates.findLastIndex((date) => date.followsSeries);
  const template = dates[templateIndex] ?? {
    title: event.title,
    description: event.description,
    location: locationOf({ ...event, locationName: event.location.name }),
    url: siteUrl(`/events/${event.slug}`),
    organiser: { name: event.organiser.organisation || event.organiser.name, email: event.contactEmail },
  };
  const plan = planSeriesRecurrence(series.shape, dates);
  const start = fromBaliDateTime(plan.start.slice(0, 10), plan.start.slice(11, 16));
  return {
    uid: icsUid(series.id),
    title: template.title,
    description: template.description,
    startsAt: start,
    endsAt: new Date(start.getTime() + plan.durationMinutes * 60_000),
    location: template.location,
    url: template.url,
    organiser: template.organiser,
    updatedAt: series.latestChange,
    sequence: seriesSequence(series.latestChange),
    recurrence: { ...plan, overrides: seriesOverrides(plan, template, dates) },
  };
}

/** /feed.xml (/id/feed.xml, …): RSS 2.0 of upcoming published events, same filters as "/", in a language. */
export async function buildRssFeed(query: TEventQuery, locale: TLocale = DEFAULT_LOCALE): Promise<string> {
  return cached("feed", feedField("rss", locale, query), async () => {
    const events = await listFeedEvents(query);
    const t = translatorFor(locale);
    const format = formatterFor(locale);
    return buildRss({
      title: t("site.defaultTitle"),
      link: localizedUrl(locale, "/"),
      description: t("site.description"),
      language: locale,
      selfLink: siteUrl(localizedPath(locale, "/feed.xml")),
      items: events.map((event) => ({
        title: event.title,
        link: localizedUrl(locale, `/events/${event.slug}`),
        description: `${format.dateTime(event.startsAt)} (${t("feeds.baliTime")}) · ${event.location.name} · ${event.eventType.name}\n\n${event.description}`,
        category: event.eventType.name,
        pubDate: event.publishedAt ?? event.createdAt,
      })),
    });
  });
}
