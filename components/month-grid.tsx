import { localizedCancelNote, shortCancelNote } from "@/lib/events/cancel-note";
import type { TCalendarDay } from "@/lib/events/list-calendar-events";
import { formatterFor } from "@/lib/i18n/format";
import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { baliWeekday } from "@/lib/time/bali";

/**
 * A month as a table: the caption is the month, the columns Monday to Sunday,
 * one row per week. Each day lists its first events by time and title, and
 * "+N more" links to that day's full listing.
 */
export function MonthGrid({
  caption,
  days,
  moreHref,
  locale = DEFAULT_LOCALE,
}: {
  caption: string;
  days: TCalendarDay[];
  moreHref: (date: string) => string;
  locale?: TLocale;
}) {
  const [t, format] = [translatorFor(locale), formatterFor(locale)];
  const first = days[0];
  // Empty cells before the 1st, so that it falls under its weekday.
  const leading = first ? (baliWeekday(first.date) + 6) % 7 : 0;
  const cells: (TCalendarDay | null)[] = [...Array.from({ length: leading }, () => null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, index) => cells.slice(index * 7, index * 7 + 7));
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[42rem] table-fixed border-collapse text-sm">
        <caption className="mb-2 text-left text-lg font-semibold">{caption}</caption>
        <thead>
          <tr>
            {format.weekdays().map((weekday) => (
              <th key={weekday.short} scope="col" className="border border-stone-200 bg-stone-50 px-2 py-1 text-left font-semibold">
                <abbr title={weekday.long} className="no-underline">
                  {weekday.short}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.find((day) => day)?.date ?? "empty"}>
              {week.map((day, index) =>
                day ? (
                  <td key={day.date} className="h-28 border border-stone-200 px-1.5 py-1 align-top">
                    <p className="font-semibold">
                      <time dateTime={day.date}>
                        <span aria-hidden="true">{Number(day.date.slice(8))}</span>
                        <span className="sr-only">{format.shortDay(day.date)}</span>
                      </time>
                    </p>
                    {day.events.length > 0 && (
                      <ul className="mt-1 space-y-0.5">
                        {day.events.map((event) => (
                          <li key={event.id} className="truncate" data-testid="month-event">
                            <time dateTime={event.startsAt} className="font-mono text-xs text-stone-700">
                              {format.time(new Date(event.startsAt))}
                            </time>{" "}
                            <a href={localizedPath(locale, `/events/${event.slug}`)} className="text-brand-800 hover:underline">
                              {event.isCancelled
                                ? `${event.title} (${event.cancelNote ? shortCancelNote(localizedCancelNote(event.cancelNote, event.cancelNoteNames, locale)) : t("calendar.cancelledShort")})`
                                : event.title}
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                    {day.total > day.events.length && (
                      <a href={moreHref(day.date)} className="mt-0.5 block text-xs text-brand-800 underline">
                        {t("calendar.more", { count: day.total - day.events.length })}
                      </a>
                    )}
                  </td>
                ) : (
                  <td key={`empty-${String(index)}`} className="border border-stone-200 bg-stone-50" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
