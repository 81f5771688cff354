import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { db } from "@/lib/db";
import { seriesOfEvent, type TEventSeriesInfo } from "@/lib/series/series-of-event";
import { imageUrl } from "./event-card";
import { PUBLIC_STATUSES } from "./public-visibility";
import { namesOf, type TNames } from "@/lib/reference/localized-name";

/** Everything the event page, its JSON-LD, its .ics and /api/events/<slug> show. JSON-safe. */
export type TEventDetail = {
  id: string;
  slug: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  location: { name: string; slug: string };
  venueName: string;
  venueAddress: string | null;
  /** `names`: the reference name in the other languages (localizedName). */
  eventType: { name: string; slug: string; names: TNames };
  entranceType: { name: string; slug: string; names: TNames };
  entranceFeeIdr: number;
  participantGroup: { name: string; slug: string; names: TNames };
  ledBy: string | null;
  contactEmail: string;
  contactPhone: string | null;
  bookingUrl: string | null;
  /** Languages spoken at the event (codes of lib/events/spoken-languages.ts). */
  languages: string[];
  status: "PUBLISHED" | "CANCELLED" | "DRAFT" | "AWAITING_PAYMENT" | "UNPUBLISHED";
  /** Why the site cancelled it, e.g. "Cancelled: Nyepi (island-wide day of silence)" (a closed day); null otherwise. */
  cancelNote: string | null;
  isFeatured: boolean;
  publishedAt: string | null;
  updatedAt: string;
  organiser: { id: string; name: string; organisation: string | null };
  image: { url: string; largeUrl: string; width: number; height: number } | null;
  /** A date of a recurring series: the rule in words and its next dates; null for an event on its own. */
  series: TEventSeriesInfo | null;
};

/**
 * A published or cancelled event by slug, or null (unknown, deleted, draft,
 * awaiting payment, unpublished). Ended events are returned: their page stays
 * reachable and says "This event has ended".
 */
export async function getPublicEvent(slug: string): Promise<TEventDetail | null> {
  if (!/^[a-z0-9-]{1,160}$/.test(slug)) return null;
  return cached("event", slug, () => loadPublicEvent(slug));
}

/**
 * Any status, for the owner's or an admin's preview (never cached; the caller
 * checks who is asking). Deleted events stay gone.
 */
export async function getEventForPreview(slug: string): Promise<(TEventDetail & { creatorId: string }) | null> {
  if (!/^[a-z0-9-]{1,160}$/.test(slug)) return null;
  const event = await loadEvent(slug, { publicOnly: false });
  return event ? { ...event, creatorId: event.organiser.id } : null;
}

function loadPublicEvent(slug: string): Promise<TEventDetail | null> {
  return loadEvent(slug, { publicOnly: true });
}

async function loadEvent(slug: string, { publicOnly }: { publicOnly: boolean }): Promise<TEventDetail | null> {
  const event = await db.event.findFirst({
    where: { slug, deletedAt: null, ...(publicOnly ? { status: { in: PUBLIC_STATUSES } } : {}) },
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      startsAt: true,
      endsAt: true,
      durationMinutes: true,
      venueName: true,
      venueAddress: true,
      entranceFeeIdr: true,
      ledBy: true,
      contactEmail: true,
      contactPhone: true,
      bookingUrl: true,
      languages: true,
      status: true,
      cancelNote: true,
      isFeatured: true,
      publishedAt: true,
      updatedAt: true,
      location: { select: { name: true, slug: true } },
      eventType: { select: { name: true, slug: true, names: true } },
      entranceType: { select: { name: true, slug: true, names: true } },
      participantGroup: { select: { name: true, slug: true, names: true } },
      creator: { select: { id: true, name: true, organisation: true } },
      image: { select: { cardKey: true, largeKey: true, width: true, height: true } },
      seriesId: true,
    },
  });
  if (!event) return null;
  const { seriesId, ...columns } = event;
  const series = await seriesOfEvent({ id: event.id, seriesId });
  return {
    ...columns,
    series,
    status: event.status,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    publishedAt: event.publishedAt?.toISOString() ?? null,
    updatedAt: event.updatedAt.toISOString(),
    eventType: { ...event.eventType, names: namesOf(event.eventType.names) },
    entranceType: { ...event.entranceType, names: namesOf(event.entranceType.names) },
    participantGroup: { ...event.participantGroup, names: namesOf(event.participantGroup.names) },
    organiser: event.creator,
    image: event.image
      ? { url: imageUrl(event.image.cardKey), largeUrl: imageUrl(event.image.largeKey), width: event.image.width, height: event.image.height }
      : null,
  };
}
