import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LinkifiedText } from "@/components/linkified-text";
import { PriceBadge } from "@/components/price-badge";
import { ShareLinks } from "@/components/share-links";
import { eventJsonLd, serializeJsonLd } from "@/lib/events/event-json-ld";
import { hasEnded } from "@/lib/events/event-status";
import { getCurrentUser } from "@/lib/http/current-user";
import { getEventForPreview, getPublicEvent, type TEventDetail } from "@/lib/events/get-public-event";
import { whatsappNumber } from "@/lib/format/phone";
import { siteUrl } from "@/lib/site";
import { trackPageView } from "@/lib/http/track-request";
import { formatBaliDate, formatBaliDateTime, formatBaliLongDate, formatDuration, toBaliDate, toBaliTime } from "@/lib/time/bali";
import { shortCancelNote } from "@/lib/events/cancel-note";

type TProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const event = await getPublicEvent((await params).slug);
  if (!event) return { title: "Event", robots: { index: false, follow: false } };
  const description =
    `${formatBaliDate(new Date(event.startsAt))} ${toBaliTime(new Date(event.startsAt))} in ${event.location.name}, Bali. ${event.description}`.slice(0, 200);
  const url = siteUrl(`/events/${event.slug}`);
  return {
    title: event.title,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: "website",
      url,
      title: event.title,
      description,
      siteName: "Zen Bali",
      images: event.image ? [{ url: siteUrl(event.image.largeUrl), width: event.image.width, height: event.image.height, alt: event.title }] : undefined,
    },
    twitter: { card: event.image ? "summary_large_image" : "summary", title: event.title, description },
  };
}

/**
 * The public event, or — for its owner or an admin — a preview of an event
 * that is not public (draft, awaiting payment, unpublished). Anyone else: 404.
 */
async function findEventForViewer(slug: string): Promise<{ event: TEventDetail; preview: boolean } | null> {
  const event = await getPublicEvent(slug);
  if (event) return { event, preview: false };
  const candidate = await getEventForPreview(slug);
  if (!candidate) return null;
  const viewer = await getCurrentUser().catch(() => null);
  if (!viewer || (viewer.role !== "ADMIN" && viewer.id !== candidate.creatorId)) return null;
  return { event: candidate, preview: true };
}

export default async function EventPage({ params }: TProps) {
  const found = await findEventForViewer((await params).slug);
  if (!found) notFound();
  const { event, preview } = found;
  if (!preview) await trackPageView({ eventId: event.id });

  const startsAt = new Date(event.startsAt);
  const endsAt = new Date(event.endsAt);
  const ended = hasEnded(event);
  const sameDay = toBaliDate(startsAt) === toBaliDate(new Date(endsAt.getTime() - 1));
  const whatsapp = event.contactPhone ? whatsappNumber(event.contactPhone) : null;
  const url = siteUrl(`/events/${event.slug}`);
  const organiserName = event.organiser.organisation || event.organiser.name;

  return (
    <article className="mx-auto max-w-3xl" data-event-id={preview ? undefined : event.id}>
      {!preview && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(eventJsonLd(event)) }} />}
      <p className="mb-4 text-sm">
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages --
          a plain link: public pages have no client components and are served script-free (docs/lighthouse/README.md) */}
        <a href="/" className="underline">
          ← All events
        </a>
      </p>

      {preview && (
        <p role="status" className="mb-4 rounded-md bg-amber-100 p-3 font-semibold text-amber-950">
          Preview — not public
        </p>
      )}
      {ended && (
        <p role="status" className="mb-4 rounded-md bg-stone-200 p-3 font-semibold text-stone-800">
          This event has ended
        </p>
      )}
      {event.status === "CANCELLED" && (
        <p role="status" className="mb-4 rounded-md bg-red-100 p-3 font-semibold text-red-800">
          {/* The note is text an admin typed (a closed day's name): rendered as text. */}
          {event.cancelNote ? `${event.cancelNote} — this date will not take place.` : "Cancelled — this event will not take place."}
        </p>
      )}

      <div className="tags mb-3">
        {event.isFeatured && <span className="tag tag-brand">Featured</span>}
        {event.status === "CANCELLED" && <span className="tag tag-red">Cancelled</span>}
        <span className="tag">{event.eventType.name}</span>
        <span className="tag">{event.entranceType.name}</span>
        <PriceBadge amountIdr={event.entranceFeeIdr} />
      </div>
      <h1 className="text-3xl font-bold">{event.title}</h1>
      {event.series && (
        <p className="mt-2 font-medium text-brand-800" title={event.series.description}>
          Repeats {event.series.summary.replace(/^Every/, "every")}
        </p>
      )}

      {event.image ? (
        // eslint-disable-next-line @next/next/no-img-element -- sized WebP renditions (640 and 1280 px wide); the browser picks one
        <img
          src={event.image.largeUrl}
          srcSet={`${event.image.url} 640w, ${event.image.largeUrl} 1280w`}
          sizes="(min-width: 48rem) 48rem, 100vw"
          alt={event.title}
          width={event.image.width}
          height={event.image.height}
          className="mt-6 w-full rounded-lg object-cover"
          fetchPriority="high"
        />
      ) : (
        <div
          className="mt-6 flex aspect-[16/7] w-full items-center justify-center rounded-lg bg-gradient-to-br from-amber-200 to-brand-500 text-6xl"
          role="img"
          aria-label={`${event.title} (no picture)`}
        >
          <span aria-hidden="true">🌴</span>
        </div>
      )}

      <dl className="mt-6 grid gap-x-6 gap-y-3 rounded-lg border border-stone-200 bg-white p-5 sm:grid-cols-[10rem_1fr]">
        <dt className="font-semibold">Date</dt>
        <dd>
          <time dateTime={event.startsAt}>{formatBaliLongDate(startsAt)}</time>
          {!sameDay && (
            <>
              {" "}
              – <time dateTime={event.endsAt}>{formatBaliLongDate(endsAt)}</time>
            </>
          )}
        </dd>
        <dt className="font-semibold">Time</dt>
        <dd>
          {toBaliTime(startsAt)} – {toBaliTime(endsAt)}
          {!sameDay && ` (ends ${formatBaliDate(endsAt)})`} <span className="text-stone-600">Bali time (WITA)</span>
        </dd>
        <dt className="font-semibold">Duration</dt>
        <dd>{formatDuration(event.durationMinutes)}</dd>
        <dt className="font-semibold">Location</dt>
        <dd>
          {event.venueName}, {event.location.name}
          {event.venueAddress && (
            <>
              <br />
              <span className="text-stone-700">{event.venueAddress}</span>
            </>
          )}
        </dd>
        <dt className="font-semibold">Event type</dt>
        <dd>{event.eventType.name}</dd>
        <dt className="font-semibold">Entrance</dt>
        <dd>
          {event.entranceType.name} · <PriceBadge amountIdr={event.entranceFeeIdr} />
        </dd>
        <dt className="font-semibold">Participants</dt>
        <dd>{event.participantGroup.name}</dd>
        {event.ledBy && (
          <>
            <dt className="font-semibold">Led by</dt>
            <dd>{event.ledBy}</dd>
          </>
        )}
        <dt className="font-semibold">Organiser</dt>
        <dd>
          <a href={`/creators/${event.organiser.id}`} className="underline">
            {organiserName}
          </a>
        </dd>
      </dl>

      {event.series && event.series.nextDates.length > 0 && (
        <section aria-labelledby="next-dates-heading" className="mt-8">
          <h2 id="next-dates-heading" className="text-lg font-semibold">
            Next dates
          </h2>
          <ul className="mt-2 space-y-1">
            {event.series.nextDates.map((date) => (
              <li key={date.slug}>
                <a href={`/events/${date.slug}`} className="underline">
                  <time dateTime={date.startsAt}>{formatBaliDateTime(new Date(date.startsAt))}</time>
                </a>
                {date.isCancelled && <span className="tag tag-red ml-2">{date.cancelNote ? shortCancelNote(date.cancelNote) : "Cancelled"}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="about-heading" className="mt-8">
        <h2 id="about-heading" className="text-lg font-semibold">
          About this event
        </h2>
        <div className="mt-2 text-stone-800">
          <LinkifiedText text={event.description} />
        </div>
      </section>

      <section aria-labelledby="contact-heading" className="mt-8">
        <h2 id="contact-heading" className="text-lg font-semibold">
          Contact and booking
        </h2>
        <div className="mt-3 flex flex-wrap gap-3">
          <a
            href={`mailto:${event.contactEmail}?subject=${encodeURIComponent(event.title)}`}
            className="rounded-md border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100"
          >
            Email organiser
          </a>
          {whatsapp && (
            <a
              href={`https://wa.me/${whatsapp}`}
              target="_blank"
              rel="noopener noreferrer"
              className="rounded-md border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100"
            >
              WhatsApp / Call
            </a>
          )}
          {event.bookingUrl && (
            <a
              href={event.bookingUrl}
              target="_blank"
              rel="nofollow noopener noreferrer"
              className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
            >
              Book now
            </a>
          )}
          <a
            href={`/events/${event.slug}/event.ics`}
            download={`${event.slug}.ics`}
            className="rounded-md border border-brand-600 px-4 py-2 font-medium text-brand-800 hover:bg-brand-50"
          >
            Add to calendar
          </a>
        </div>
      </section>

      <ShareLinks url={url} title={event.title} />

      <p className="mt-10 text-sm">
        <a href={`/events/${event.slug}/report`} className="text-stone-700 underline">
          Report this event
        </a>
      </p>
    </article>
  );
}
