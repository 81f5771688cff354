import { PriceBadge } from "@/components/price-badge";
import { localizedCancelNote } from "@/lib/events/cancel-note";
import type { TCalendarDay } from "@/lib/events/list-calendar-events";
import { formatterFor } from "@/lib/i18n/format";
import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";

/**
 * The week's agenda: one heading per day, Monday to Sunday, and under it every
 * event that starts that day as "start time – title – location – price".
 */
export function WeekAgenda({ days, moreHref, locale = DEFAULT_LOCALE }: { days: TCalendarDay[]; moreHref: (date: string) => string; locale?: TLocale }) {
  const [t, format] = [translatorFor(locale), formatterFor(locale)];
  return (
    <ol className="space-y-6" aria-label={t("calendar.daysOfWeek")}>
      {days.map((day) => (
        <li key={day.date}>
          <section aria-labelledby={`day-${day.date}`}>
            <h2 id={`day-${day.date}`} className="mb-2 border-b border-stone-200 pb-1 text-lg font-semibold">
              <time dateTime={day.date}>{format.dayHeading(day.date)}</time>
            </h2>
            {day.events.length === 0 ? (
              <p className="text-sm text-stone-600">{t("calendar.nothingOnThisDay")}</p>
            ) : (
              <ul className="divide-y divide-stone-100">
                {day.events.map((event) => (
                  <li key={event.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2" data-testid="agenda-event">
                    <time dateTime={event.startsAt} className="w-12 shrink-0 font-mono text-sm text-stone-700">
                      {format.time(new Date(event.startsAt))}
                    </time>
                    <a href={localizedPath(locale, `/events/${event.slug}`)} className="font-medium text-brand-800 underline-offset-2 hover:underline">
                      {event.title}
                    </a>
                    <span className="text-sm text-stone-700">
                      <span className="sr-only">{`${t("card.location")} `}</span>
                      {event.location}
                    </span>
                    <span className="flex gap-1">
                      {/* A closed day's note ("Cancelled: Nyepi (island-wide day of silence)") is text an admin typed: rendered as text. */}
                      {event.isCancelled && (
                        <span className="tag tag-red">
                          {event.cancelNote ? localizedCancelNote(event.cancelNote, event.cancelNoteNames, locale) : t("card.cancelled")}
                        </span>
                      )}
                      <PriceBadge amountIdr={event.entranceFeeIdr} locale={locale} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {day.total > day.events.length && (
              <p className="mt-1 text-sm">
                <a href={moreHref(day.date)} className="text-brand-800 underline">
                  {t("calendar.moreOnThisDay", { count: day.total - day.events.length })}
                </a>
              </p>
            )}
          </section>
        </li>
      ))}
    </ol>
  );
}
