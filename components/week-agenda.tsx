import { PriceBadge } from "@/components/price-badge";
import type { TCalendarDay } from "@/lib/events/list-calendar-events";
import { formatBaliDayHeading, toBaliTime } from "@/lib/time/bali";

/**
 * The week's agenda: one heading per day, Monday to Sunday, and under it every
 * event that starts that day as "start time – title – location – price".
 */
export function WeekAgenda({ days, moreHref }: { days: TCalendarDay[]; moreHref: (date: string) => string }) {
  return (
    <ol className="space-y-6" aria-label="Days of the week">
      {days.map((day) => (
        <li key={day.date}>
          <section aria-labelledby={`day-${day.date}`}>
            <h2 id={`day-${day.date}`} className="mb-2 border-b border-stone-200 pb-1 text-lg font-semibold">
              <time dateTime={day.date}>{formatBaliDayHeading(day.date)}</time>
            </h2>
            {day.events.length === 0 ? (
              <p className="text-sm text-stone-600">Nothing listed on this day.</p>
            ) : (
              <ul className="divide-y divide-stone-100">
                {day.events.map((event) => (
                  <li key={event.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2" data-testid="agenda-event">
                    <time dateTime={event.startsAt} className="w-12 shrink-0 font-mono text-sm text-stone-700">
                      {toBaliTime(new Date(event.startsAt))}
                    </time>
                    <a href={`/events/${event.slug}`} className="font-medium text-brand-800 underline-offset-2 hover:underline">
                      {event.title}
                    </a>
                    <span className="text-sm text-stone-700">
                      <span className="sr-only">Location: </span>
                      {event.location}
                    </span>
                    <span className="flex gap-1">
                      {/* A closed day's note ("Cancelled: Nyepi (island-wide day of silence)") is text an admin typed: rendered as text. */}
                      {event.isCancelled && <span className="tag tag-red">{event.cancelNote ?? "Cancelled"}</span>}
                      <PriceBadge amountIdr={event.entranceFeeIdr} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {day.total > day.events.length && (
              <p className="mt-1 text-sm">
                <a href={moreHref(day.date)} className="text-brand-800 underline">
                  {`+${String(day.total - day.events.length)} more on this day`}
                </a>
              </p>
            )}
          </section>
        </li>
      ))}
    </ol>
  );
}
