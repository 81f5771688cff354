import type { TEventCard } from "@/lib/events/event-card";
import type { TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import type { TSavedEvents } from "@/lib/saved/saved-cards";
import { EventCard } from "./event-card";

type TRemove = {
  /** Where each Remove button posts (in the page's language). */
  action: string;
  /** What it sends as `event`: the slug (/saved) or the id (/saved/<token>). */
  value: (event: TEventCard) => string;
};

function SavedList({ events, locale, remove }: { events: TEventCard[]; locale: TLocale; remove: TRemove }) {
  const t = translatorFor(locale);
  return (
    <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
      {events.map((event) => (
        <li key={event.id} className="flex flex-col gap-2">
          <EventCard event={event} locale={locale} saveButton={false} />
          <form method="post" action={remove.action}>
            <input type="hidden" name="event" value={remove.value(event)} />
            <button type="submit" className="save">
              {t("saved.remove")}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}

/**
 * A saved list as /saved and /saved/<token> show it: how many, "Upcoming" soonest first, then "Past", each card with
 * Remove (a plain form); `empty` when there is nothing.
 */
export function SavedEventSections({ events, locale, remove, empty }: { events: TSavedEvents; locale: TLocale; remove: TRemove; empty: string }) {
  const t = translatorFor(locale);
  const { upcoming, past } = events;
  const count = upcoming.length + past.length;
  if (count === 0) return <p className="mt-8 text-stone-700">{empty}</p>;
  return (
    <>
      <p className="mt-4 text-sm text-stone-600">{t("saved.count", { count })}</p>
      {upcoming.length > 0 && (
        <section aria-labelledby="saved-upcoming" className="mt-6">
          <h2 id="saved-upcoming" className="mb-4 text-xl font-semibold">
            {t("saved.upcoming")}
          </h2>
          <SavedList events={upcoming} locale={locale} remove={remove} />
        </section>
      )}
      {past.length > 0 && (
        <section aria-labelledby="saved-past" className="mt-10">
          <h2 id="saved-past" className="mb-4 text-xl font-semibold">
            {t("saved.past")}
          </h2>
          <SavedList events={past} locale={locale} remove={remove} />
        </section>
      )}
    </>
  );
}
