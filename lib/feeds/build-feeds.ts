import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { eventQueryToSearchParams, type TEventQuery } from "@/lib/events/event-query";
import type { TEventDetail } from "@/lib/events/get-public-event";
import { SITE_DESCRIPTION, SITE_NAME, siteUrl } from "@/lib/site";
import { loadSeriesCalendar, type TSeriesCalendarData } from "@/lib/series/series-of-event";
import { formatBaliDateTime, fromBaliDateTime } from "@/lib/time/bali";
import { buildCalendar, type TIcsEvent } from "./ics";
import { listFeedEvents, type TFeedEvent } from "./list-feed-events";
import { buildRss } from "./rss";
import { planSeriesRecurrence, seriesOverrides, seriesSequence } from "./series-calendar";

function icsUid(eventId: string): string {
  return `${eventId}@zenbali`;
}

function feedEventToIcs(event: TFeedEvent): TIcsEvent {
  return {
    uid: icsUid(event.id),
    title: event.title,
    description: event.description,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    location: [event.venueName, event.venueAddress, event.location.name, "Bali"].filter(Boolean).join(", "),
    url: siteUrl(`/events/${event.slug}`),
    organiser: { name: event.creator.organisation || event.creator.name },
    updatedAt: event.updatedAt,
    cancelled: event.status === "CANCELLED",
  };
}

/** /events.ics: upcoming published events matching the same filters as "/". */
export async function buildEventsCalendar(query: TEventQuery): Promise<string> {
  return cached("feed", `ics?${eventQueryToSearchParams({ ...query, page: undefined })}`, async () => {
    const events = await listFeedEvents(query);
    return buildCalendar({ name: "Zen Bali — events in Bali", events: events.map(feedEventToIcs) });
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

/** /feed.xml: RSS 2.0 of upcoming published events, same filters as "/". */
export async function buildRssFeed(query: TEventQuery): Promise<string> {
  return cached("feed", `rss?${eventQueryToSearchParams({ ...query, page: undefined })}`, async () => {
    const events = await listFeedEvents(query);
    return buildRss({
      title: `${SITE_NAME} — events in Bali`,
      link: siteUrl("/"),
      description: SITE_DESCRIPTION,
      selfLink: siteUrl("/feed.xml"),
      items: events.map((event) => ({
        title: event.title,
        link: siteUrl(`/events/${event.slug}`),
        description: `${formatBaliDateTime(event.startsAt)} (Bali time) · ${event.location.name} · ${event.eventType.name}\n\n${event.description}`,
        category: event.eventType.name,
        pubDate: event.publishedAt ?? event.createdAt,
      })),
    });
  });
}
