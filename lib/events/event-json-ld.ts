import { localizedUrl } from "@/lib/i18n/alternates";
import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/languages";
import { siteUrl } from "@/lib/site";
import { toBaliIso } from "@/lib/time/bali";
import type { TEventDetail } from "./get-public-event";
import { orderedSpokenLanguages } from "./spoken-languages";

/**
 * schema.org Event for an event page in a language (times with the +08:00 Bali offset). `inLanguage`: the languages
 * the event is held in (its "Languages spoken"), as IETF tags.
 */
export function eventJsonLd(event: TEventDetail, locale: TLocale = DEFAULT_LOCALE): Record<string, unknown> {
  const url = localizedUrl(locale, `/events/${event.slug}`);
  const languages = orderedSpokenLanguages(event.languages);
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: event.title,
    inLanguage: languages.length === 1 ? languages[0] : languages,
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
      url: localizedUrl(locale, `/creators/${event.organiser.id}`),
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
