import type { Metadata } from "next";
import { SaveButton } from "@/components/save-button";
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
import { toBaliDate } from "@/lib/time/bali";
import { localizedCancelNote, shortCancelNote } from "@/lib/events/cancel-note";
import { closedDayNamesOfNotes } from "@/lib/series/closed-day-note-names";
import { languagesSpokenLine } from "@/lib/events/spoken-language-names";
import { describeRepeat } from "@/lib/series/repeat-rule";
import { languageAlternates, localizedUrl } from "@/lib/i18n/alternates";
import { formatterFor } from "@/lib/i18n/format";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { localizedName } from "@/lib/reference/localized-name";
import { requestLocale } from "../../request-locale";

type TProps = { params: Promise<{ slug: string }> };

/** "Every Tue and Thu" inside a sentence: "Repeats every Tue and Thu", "Berulang setiap Selasa dan Kamis". */
const lowerFirst = (words: string) => words.charAt(0).toLowerCase() + words.slice(1);

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const event = await getPublicEvent((await params).slug);
  if (!event) return { title: t("event.metaTitle"), robots: { index: false, follow: false } };
  const format = formatterFor(locale);
  const startsAt = new Date(event.startsAt);
  const description = t("event.metaDescription", {
    date: format.date(startsAt),
    time: format.time(startsAt),
    location: event.location.name,
    description: event.description,
  }).slice(0, 200);
  const path = `/events/${event.slug}`;
  const url = localizedUrl(locale, path);
  return {
    title: event.title,
    description,
    alternates: { canonical: url, languages: languageAlternates(path) },
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
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const format = formatterFor(locale);
  const found = await findEventForViewer((await params).slug);
  if (!found) notFound();
  const { event, preview } = found;
  if (!preview) await trackPageView({ eventId: event.id });

  const startsAt = new Date(event.startsAt);
  const endsAt = new Date(event.endsAt);
  const ended = hasEnded(event);
  const sameDay = toBaliDate(startsAt) === toBaliDate(new Date(endsAt.getTime() - 1));
  const whatsapp = event.contactPhone ? whatsappNumber(event.contactPhone) : null;
  const url = localizedUrl(locale, `/events/${event.slug}`);
  const languagesSpoken = languagesSpokenLine(locale, event.languages);
  // A date cancelled for a closed day, this one or one of its next dates, says so in the page's language (the closed
  // day's name in it, when an admin gave one): one look-up for them all, on a page in another language only.
  const nextDates = event.series?.nextDates ?? [];
  const noteNames =
    locale === "en"
      ? []
      : await closedDayNamesOfNotes([
          { cancelNote: event.cancelNote, startsAt },
          ...nextDates.map((date) => ({ cancelNote: date.cancelNote, startsAt: new Date(date.startsAt) })),
        ]);
  const inLanguage = (note: string, index: number) => (locale === "en" ? note : localizedCancelNote(note, noteNames[index], locale));
  const cancelNote = event.cancelNote && inLanguage(event.cancelNote, 0);
  const nextDateNotes = new Map(nextDates.flatMap((date, index) => (date.cancelNote ? [[date.slug, inLanguage(date.cancelNote, index + 1)] as const] : [])));
  const organiserName = event.organiser.organisation || event.organiser.name;

  return (
    <article className="mx-auto max-w-3xl" data-event-id={preview ? undefined : event.id}>
      {!preview && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(eventJsonLd(event, locale)) }} />}
      <p className="mb-4 text-sm">
        {/* A plain link: public pages have no client components and are served script-free (docs/lighthouse/README.md). */}
        <a href={localizedPath(locale, "/")} className="underline">
          {t("event.allEvents")}
        </a>
      </p>

      {preview && (
        <p role="status" className="mb-4 rounded-md bg-amber-100 p-3 font-semibold text-amber-950">
          {t("event.preview")}
        </p>
      )}
      {ended && (
        <p role="status" className="mb-4 rounded-md bg-stone-200 p-3 font-semibold text-stone-800">
          {t("event.ended")}
        </p>
      )}
      {event.status === "CANCELLED" && (
        <p role="status" className="mb-4 rounded-md bg-red-100 p-3 font-semibold text-red-800">
          {/* The note is text an admin typed (a closed day's name): rendered as text. */}
          {cancelNote ? t("event.cancelledWithNote", { note: cancelNote }) : t("event.cancelled")}
        </p>
      )}

      <div className="tags mb-3">
        {event.isFeatured && <span className="tag tag-brand">{t("card.featured")}</span>}
        {event.status === "CANCELLED" && <span className="tag tag-red">{t("card.cancelled")}</span>}
        <span className="tag">{localizedName(event.eventType, locale)}</span>
        <span className="tag">{localizedName(event.entranceType, locale)}</span>
        <PriceBadge amountIdr={event.entranceFeeIdr} locale={locale} />
      </div>
      <h1 className="text-3xl font-bold">{event.title}</h1>
      {event.series && (
        <p
          className="mt-2 font-medium text-brand-800"
          title={locale === "en" ? event.series.description : describeRepeat(event.series.rule, event.series.start, { full: true, locale })}
        >
          {t("event.repeats", {
            summary:
              locale === "en" ? event.series.summary.replace(/^Every/, "every") : lowerFirst(describeRepeat(event.series.rule, event.series.start, { locale })),
          })}
        </p>
      )}
      {languagesSpoken && <p className="mt-2 text-stone-700">{languagesSpoken}</p>}

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
          aria-label={t("card.noPicture", { title: event.title })}
        >
          <span aria-hidden="true">🌴</span>
        </div>
      )}

      <dl className="mt-6 grid gap-x-6 gap-y-3 rounded-lg border border-stone-200 bg-white p-5 sm:grid-cols-[10rem_1fr]">
        <dt className="font-semibold">{t("event.date")}</dt>
        <dd>
          <time dateTime={event.startsAt}>{format.longDate(startsAt)}</time>
          {!sameDay && (
            <>
              {" "}
              – <time dateTime={event.endsAt}>{format.longDate(endsAt)}</time>
            </>
          )}
        </dd>
        <dt className="font-semibold">{t("event.time")}</dt>
        <dd>
          {format.time(startsAt)} – {format.time(endsAt)}
          {!sameDay && ` ${t("event.endsOn", { date: format.date(endsAt) })}`} <span className="text-stone-600">{t("event.baliTime")}</span>
        </dd>
        <dt className="font-semibold">{t("event.duration")}</dt>
        <dd>{format.duration(event.durationMinutes)}</dd>
        <dt className="font-semibold">{t("event.location")}</dt>
        <dd>
          {event.venueName}, {event.location.name}
          {event.venueAddress && (
            <>
              <br />
              <span className="text-stone-700">{event.venueAddress}</span>
            </>
          )}
        </dd>
        <dt className="font-semibold">{t("event.eventType")}</dt>
        <dd>{localizedName(event.eventType, locale)}</dd>
        <dt className="font-semibold">{t("event.entrance")}</dt>
        <dd>
          {localizedName(event.entranceType, locale)} · <PriceBadge amountIdr={event.entranceFeeIdr} locale={locale} />
        </dd>
        <dt className="font-semibold">{t("event.participants")}</dt>
        <dd>{localizedName(event.participantGroup, locale)}</dd>
        {event.ledBy && (
          <>
            <dt className="font-semibold">{t("event.ledBy")}</dt>
            <dd>{event.ledBy}</dd>
          </>
        )}
        <dt className="font-semibold">{t("event.organiser")}</dt>
        <dd>
          <a href={localizedPath(locale, `/creators/${event.organiser.id}`)} className="underline">
            {organiserName}
          </a>
        </dd>
      </dl>

      {event.series && event.series.nextDates.length > 0 && (
        <section aria-labelledby="next-dates-heading" className="mt-8">
          <h2 id="next-dates-heading" className="text-lg font-semibold">
            {t("event.nextDates")}
          </h2>
          <ul className="mt-2 space-y-1">
            {event.series.nextDates.map((date) => (
              <li key={date.slug}>
                <a href={localizedPath(locale, `/events/${date.slug}`)} className="underline">
                  <time dateTime={date.startsAt}>{format.dateTime(new Date(date.startsAt))}</time>
                </a>
                {date.isCancelled && (
                  <span className="tag tag-red ml-2">
                    {date.cancelNote ? shortCancelNote(nextDateNotes.get(date.slug) ?? date.cancelNote) : t("card.cancelled")}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="about-heading" className="mt-8">
        <h2 id="about-heading" className="text-lg font-semibold">
          {t("event.about")}
        </h2>
        <div className="mt-2 text-stone-800">
          <LinkifiedText text={event.description} />
        </div>
      </section>

      <section aria-labelledby="contact-heading" className="mt-8">
        <h2 id="contact-heading" className="text-lg font-semibold">
          {t("event.contact")}
        </h2>
        <div className="mt-3 flex flex-wrap gap-3">
          <a
            href={`mailto:${event.contactEmail}?subject=${encodeURIComponent(event.title)}`}
            className="rounded-md border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100"
          >
            {t("event.emailOrganiser")}
          </a>
          {whatsapp && (
            <a
              href={`https://wa.me/${whatsapp}`}
              target="_blank"
              rel="noopener noreferrer"
              className="rounded-md border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100"
            >
              {t("event.whatsapp")}
            </a>
          )}
          {event.bookingUrl && (
            <a
              href={event.bookingUrl}
              target="_blank"
              rel="nofollow noopener noreferrer"
              className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
            >
              {t("event.bookNow")}
            </a>
          )}
          <a
            href={`/events/${event.slug}/event.ics`}
            download={`${event.slug}.ics`}
            className="rounded-md border border-brand-600 px-4 py-2 font-medium text-brand-800 hover:bg-brand-50"
          >
            {t("event.addToCalendar")}
          </a>
          <SaveButton slug={event.slug} locale={locale} className="save-page" />
        </div>
      </section>

      <ShareLinks url={url} title={event.title} locale={locale} />

      <p className="mt-10 text-sm">
        <a href={localizedPath(locale, `/events/${event.slug}/report`)} className="text-stone-700 underline">
          {t("event.report")}
        </a>
      </p>
    </article>
  );
}
