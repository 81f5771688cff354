import Link from "next/link";
import type { TEventCard } from "@/lib/events/event-card";
import { formatBaliDate, toBaliTime } from "@/lib/time/bali";
import { PriceBadge } from "./price-badge";

export function EventCard({ event, headingLevel = "h3" }: { event: TEventCard; headingLevel?: "h2" | "h3" }) {
  const Heading = headingLevel;
  const startsAt = new Date(event.startsAt);
  return (
    <article className="flex w-full flex-col overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm" data-testid="event-card">
      {event.image ? (
        // eslint-disable-next-line @next/next/no-img-element -- already a sized WebP rendition; no optimiser round trip needed
        <img src={event.image.url} alt={event.title} width={event.image.width} height={event.image.height} loading="lazy" decoding="async" className="aspect-[16/10] w-full object-cover" />
      ) : (
        <div className="flex aspect-[16/10] w-full items-center justify-center bg-gradient-to-br from-amber-200 to-brand-500 text-4xl" role="img" aria-label={`${event.title} (no picture)`}>
          <span aria-hidden="true">🌴</span>
        </div>
      )}
      <div className="flex flex-1 flex-col gap-2 p-4">
        <div className="flex flex-wrap gap-2">
          {event.isFeatured && <span className="rounded-full bg-brand-100 px-2.5 py-0.5 text-xs font-semibold text-brand-800">Featured</span>}
          {event.isCancelled && <span className="rounded-full bg-red-100 px-2.5 py-0.5 text-xs font-semibold text-red-800">Cancelled</span>}
          <PriceBadge amountIdr={event.entranceFeeIdr} />
        </div>
        <Heading className="text-lg font-semibold leading-snug">
          <Link href={`/events/${event.slug}`} className="hover:text-brand-700 hover:underline">
            {event.title}
          </Link>
        </Heading>
        <p className="text-sm text-stone-700">
          <time dateTime={event.startsAt}>{formatBaliDate(startsAt)} · {toBaliTime(startsAt)}</time>
        </p>
        <p className="text-sm text-stone-700">
          <span className="sr-only">Location: </span>
          {event.location.name}
          <span aria-hidden="true"> · </span>
          <span className="sr-only">Event type: </span>
          {event.eventType.name}
        </p>
        <p className="mt-auto text-sm text-stone-600">
          <span className="sr-only">Organiser: </span>
          {event.organiser}
        </p>
      </div>
    </article>
  );
}
