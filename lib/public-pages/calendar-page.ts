import {
  calendarHref,
  calendarPeriod,
  canonicalCalendarQuery,
  type TCalendarFilters,
  type TCalendarPeriod,
  type TCalendarView,
} from "@/lib/events/calendar-query";
import { eventQueryToSearchParams } from "@/lib/events/event-query";
import { addBaliDays, BALI_TIME_ZONE, formatBaliDayHeading, formatBaliMonth, mondayOfBaliWeek, startOfBaliDay, toBaliDate } from "@/lib/time/bali";

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
): TCalendarPage | null {
  const { filters, invalidFields, period: periodValue, key } = canonicalCalendarQuery(view, params);
  const period = calendarPeriod(view, periodValue, now);
  if (!period) return null;
  return { view, period, periodValue, filters, invalidFields, key, title: titleOf(period, now), subtitle: view === "week" ? weekRange(period) : null };
}

function titleOf(period: TCalendarPeriod, now: Date): string {
  if (period.view === "month") return formatBaliMonth(period.start);
  if (period.isCurrent) return "This week in Bali";
  if (period.start === addBaliDays(mondayOfBaliWeek(toBaliDate(now)), 7)) return "Next week in Bali";
  return `Week of ${formatBaliDayHeading(period.start)}`;
}

const dayMonth = new Intl.DateTimeFormat("en-GB", { timeZone: BALI_TIME_ZONE, day: "numeric", month: "long" });

/** "7 – 13 December 2026", "30 November – 6 December 2026", "28 December 2026 – 3 January 2027". */
function weekRange(period: TCalendarPeriod): string {
  const sunday = addBaliDays(period.start, 6);
  const [firstYear, lastYear] = [period.start.slice(0, 4), sunday.slice(0, 4)];
  const last = `${dayMonth.format(startOfBaliDay(sunday))} ${lastYear}`;
  if (period.start.slice(0, 7) === sunday.slice(0, 7)) return `${String(Number(period.start.slice(8)))} – ${last}`;
  const first = dayMonth.format(startOfBaliDay(period.start));
  return firstYear === lastYear ? `${first} – ${last}` : `${first} ${firstYear} – ${last}`;
}

/** The full listing of one day on "/", with the calendar's filters: where "+N more" leads. */
export function dayListingHref(filters: TCalendarFilters, date: string): string {
  return `/?${eventQueryToSearchParams({ ...filters, from: date, to: date }).toString()}`;
}

/** Links to the previous and next period, with the same filters; null at the edges of what the calendar covers. */
export function neighbourLinks(page: TCalendarPage): { previous: string | null; next: string | null } {
  const { view, period, filters } = page;
  return {
    previous: period.previous ? calendarHref(view, filters, period.previous) : null,
    next: period.next ? calendarHref(view, filters, period.next) : null,
  };
}
