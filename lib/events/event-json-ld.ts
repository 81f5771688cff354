import { siteUrl } from "@/lib/site";
import { toBaliIso } from "@/lib/time/bali";
import type { TEventDetail } from "./get-public-event";

/** schema.org Event for an event page (times with the +08:00 Bali offset). */
export function eventJsonLd(event: TEventDetail): Record<string, unknown> {
  const url = siteUrl(`/events/${event.slug}`);
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: event.title,
    description: event.description.slice(0, 5000),
    startDate: toBaliIso(new Date(event.startsAt)),
    endDate: toBaliIso(new Date(event.endsAt)),
    eventStatus: event.status === "CANCELLED" ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    url,
    image: event.image ? [siteUrl(event.image.largeUrl)] : undefined,
    location: {
      "@type": "Place",
      name: event.venueName,
      address: {
        "@type": "PostalAddress",
        streetAddress: event.venueAddress ?? undefined,
        addressLocality: event.location.name,
        addressRegion: "Bali",
        addressCountry: "ID",
      },
    },
    organizer: {
      "@type": "Organization",
      name: event.organiser.organisation || event.organiser.name,
      url: siteUrl(`/creators/${event.organiser.id}`),
    },
    performer: event.ledBy ? { "@type": "Person", name: event.ledBy } : undefined,
    offers: {
      "@type": "Offer",
      price: event.entranceFeeIdr,
      priceCurrency: "IDR",
      availability: "https://schema.org/InStock",
      url: event.bookingUrl ?? url,
    },
  };
}

/** JSON for a <script type="application/ld+json">: "<" is escaped so user text can never close the tag. */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
