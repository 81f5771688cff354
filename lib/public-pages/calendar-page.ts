import {
  calendarHref,
  calendarPeriod,
  canonicalCalendarQuery,
  type TCalendarFilters,
  type TCalendarPeriod,
  type TCalendarView,
} from "@/lib/events/calendar-query";
import { eventQueryToSearchParams } from "@/lib/events/event-query";
import { formatterFor } from "@/lib/i18n/format";
import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { addBaliDays, mondayOfBaliWeek, toBaliDate } from "@/lib/time/bali";

/** What a calendar page shows, from its URL: its period (null: 404), filters and words. */
export type TCalendarPage = {
  view: TCalendarView;
  period: TCalendarPeriod;
  /** The period parameter as given (absent: the current week or month). */
  periodValue: string | undefined;
  filters: TCalendarFilters;
  invalidFields: string[];
  key: string;
  title: string;
  /** "7 – 13 December 2026" under a week's heading. */
  subtitle: string | null;
};

/**
 * Reads a calendar URL as the page and the page cache both do (canonicalCalendarQuery); null when the week or
 * month is not one, or lies outside what the calendar covers.
 */
export function readCalendarPage(
  view: TCalendarView,
  params: URLSearchParams | Record<string, string | string[] | undefined>,
  now = new Date(),
  locale: TLocale = DEFAULT_LOCALE,
): TCalendarPage | null {
  const { filters, invalidFields, period: periodValue, key } = canonicalCalendarQuery(view, params);
  const period = calendarPeriod(view, periodValue, now);
  if (!period) return null;
  const subtitle = view === "week" ? formatterFor(locale).weekRange(period.start) : null;
  return { view, period, periodValue, filters, invalidFields, key, title: titleOf(period, now, locale), subtitle };
}

function titleOf(period: TCalendarPeriod, now: Date, locale: TLocale): string {
  const [t, format] = [translatorFor(locale), formatterFor(locale)];
  if (period.view === "month") return format.monthHeading(period.start);
  if (period.isCurrent) return t("calendar.weekTitle");
  if (period.start === addBaliDays(mondayOfBaliWeek(toBaliDate(now)), 7)) return t("calendar.nextWeekTitle");
  return t("calendar.weekOfTitle", { day: format.weekStart(period.start) });
}

/** The full listing of one day on "/", with the calendar's filters: where "+N more" leads. */
export function dayListingHref(filters: TCalendarFilters, date: string, locale: TLocale = DEFAULT_LOCALE): string {
  return localizedPath(locale, `/?${eventQueryToSearchParams({ ...filters, from: date, to: date }).toString()}`);
}

/** Links to the previous and next period, with the same filters; null at the edges of what the calendar covers. */
export function neighbourLinks(page: TCalendarPage, locale: TLocale = DEFAULT_LOCALE): { previous: string | null; next: string | null } {
  const { view, period, filters } = page;
  return {
    previous: period.previous ? localizedPath(locale, calendarHref(view, filters, period.previous)) : null,
    next: period.next ? localizedPath(locale, calendarHref(view, filters, period.next)) : null,
  };
}
