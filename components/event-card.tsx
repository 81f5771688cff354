import { localizedCancelNote, shortCancelNote } from "@/lib/events/cancel-note";
import { cardRepeats } from "@/lib/events/card-repeats";
import type { TEventCard } from "@/lib/events/event-card";
import { formatterFor } from "@/lib/i18n/format";
import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { localizedName } from "@/lib/reference/localized-name";
import { PriceBadge } from "./price-badge";
import { SaveButton } from "./save-button";

/**
 * One event in a listing. A server component with no client component inside
 * (a plain link, no next/link): 24 of these are on every listing page, and
 * each one is written twice (HTML and the inline RSC payload), so the markup
 * stays small — the repeated class lists are the short names in globals.css.
 */
export function EventCard({
  event,
  headingLevel = "h3",
  locale = DEFAULT_LOCALE,
  saveButton = true,
}: {
  event: TEventCard;
  headingLevel?: "h2" | "h3";
  locale?: TLocale;
  /** "Save" (a form to /saved/add); off on /saved itself, where each card has "Remove" instead. */
  saveButton?: boolean;
}) {
  const Heading = headingLevel;
  const startsAt = new Date(event.startsAt);
  const t = translatorFor(locale);
  const cancelNote = event.cancelNote && localizedCancelNote(event.cancelNote, event.cancelNoteNames, locale);
  const repeats = cardRepeats(event, locale);
  return (
    <article className="card" data-testid="event-card">
      {event.image ? (
        // eslint-disable-next-line @next/next/no-img-element -- already a sized WebP rendition; no optimiser round trip needed
        <img src={event.image.url} alt={event.title} width={event.image.width} height={event.image.height} loading="lazy" className="card-img" />
      ) : (
        <div className="card-ph" role="img" aria-label={t("card.noPicture", { title: event.title })}>
          <span aria-hidden="true">🌴</span>
        </div>
      )}
      <div className="card-body">
        <div className="tags">
          {event.isFeatured && <span className="tag tag-brand">{t("card.featured")}</span>}
          {event.isCancelled && (
            <span className="tag tag-red" title={cancelNote}>
              {cancelNote ? shortCancelNote(cancelNote) : t("card.cancelled")}
            </span>
          )}
          <PriceBadge amountIdr={event.entranceFeeIdr} locale={locale} />
        </div>
        <Heading>
          <a href={localizedPath(locale, `/events/${event.slug}`)}>{event.title}</a>
        </Heading>
        <p>
          <time dateTime={event.startsAt}>{formatterFor(locale).dateTime(startsAt)}</time>
        </p>
        {repeats && <p className="card-repeats">{repeats}</p>}
        <p>
          <span className="sr-only">{`${t("card.location")} `}</span>
          {event.location.name}
          <span aria-hidden="true"> · </span>
          <span className="sr-only">{`${t("card.eventType")} `}</span>
          {localizedName(event.eventType, locale)}
        </p>
        <p className="card-by">
          <span className="sr-only">{`${t("card.organiser")} `}</span>
          {event.organiser}
        </p>
        {saveButton && <SaveButton slug={event.slug} locale={locale} />}
      </div>
    </article>
  );
}
