import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { db } from "@/lib/db";
import { eventQueryToSearchParams, type TEventQuery } from "@/lib/events/event-query";
import type { TEventDetail } from "@/lib/events/get-public-event";
import { SITE_DESCRIPTION, SITE_NAME, siteUrl } from "@/lib/site";
import { formatBaliDateTime } from "@/lib/time/bali";
import { buildCalendar, type TIcsEvent } from "./ics";
import { listFeedEvents, type TFeedEvent } from "./list-feed-events";
import { buildRss } from "./rss";
import { escapeXml } from "./xml";

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

/**
 * /events/<slug>/event.ics for one event (ended events still download). A date of a series offers the whole
 * series: one VEVENT with its RRULE and its cancelled dates as EXDATEs, under the series' UID.
 */
export function buildEventCalendar(event: TEventDetail): string {
  return buildCalendar({
    name: event.title,
    events: [
      {
        uid: icsUid(event.series ? event.series.id : event.id),
        recurrence: event.series?.recurrence,
        title: event.title,
        description: event.description,
        startsAt: new Date(event.startsAt),
        endsAt: new Date(event.endsAt),
        location: [event.venueName, event.venueAddress, event.location.name, "Bali"].filter(Boolean).join(", "),
        url: siteUrl(`/events/${event.slug}`),
        organiser: { name: event.organiser.organisation || event.organiser.name, email: event.contactEmail },
        updatedAt: new Date(event.updatedAt),
        cancelled: event.status === "CANCELLED",
      },
    ],
  });
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

/** /sitemap.xml: the home page, the calendar pages and every upcoming published event. */
export async function buildSitemap(): Promise<string> {
  return cached("feed", "sitemap", async () => {
    const events = await db.event.findMany({
      where: { deletedAt: null, status: "PUBLISHED", endsAt: { gt: new Date() } },
      orderBy: { startsAt: "asc" },
      select: { slug: true, updatedAt: true },
      take: 45_000,
    });
    const urls = [
      `  <url><loc>${escapeXml(siteUrl("/"))}</loc><changefreq>hourly</changefreq><priority>1.0</priority></url>`,
      `  <url><loc>${escapeXml(siteUrl("/calendar"))}</loc><changefreq>hourly</changefreq><priority>0.8</priority></url>`,
      `  <url><loc>${escapeXml(siteUrl("/calendar/month"))}</loc><changefreq>daily</changefreq><priority>0.6</priority></url>`,
      ...events.map((event) => `  <url><loc>${escapeXml(siteUrl(`/events/${event.slug}`))}</loc><lastmod>${event.updatedAt.toISOString()}</lastmod></url>`),
    ];
    return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, "</urlset>", ""].join("\n");
  });
}
