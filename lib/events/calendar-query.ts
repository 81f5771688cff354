import { addBaliDays, addMonths, firstDayOfMonth, isoWeekOf, monthOf, mondayOfBaliWeek, mondayOfIsoWeek, toBaliDate } from "@/lib/time/bali";
import { parsePageEventQuery, type TEventQuery } from "./event-query";

/** What the calendar pages filter by: what an event is, not when (the page's week or month says when). */
export type TCalendarFilters = Pick<TEventQuery, "q" | "location" | "type" | "entrance" | "price" | "lang">;

export type TCalendarView = "week" | "month";

/** A week (from its Monday) or a month (from its first day) of Bali dates; `end` is the day after the last. */
export type TCalendarPeriod = { view: TCalendarView; start: string; end: string; isCurrent: boolean; previous: string | null; next: string | null };

const FILTER_KEYS = ["q", "location", "type", "entrance", "price", "lang"] as const;

type TParams = URLSearchParams | Record<string, string | string[] | undefined>;

function firstValue(params: TParams, key: string): string | undefined {
  const value = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The period a calendar page shows: `?week=2026-W50` (an ISO week) on /calendar, `?month=2026-12` on
 * /calendar/month, or the current one when the parameter is absent or empty. Null when the parameter is not a
 * week or month, or when it lies outside what the calendar covers (one month back to twelve months ahead): the
 * page answers 404.
 */
export function calendarPeriod(view: TCalendarView, value: string | undefined, now: Date): TCalendarPeriod | null {
  const today = toBaliDate(now);
  const earliest = sameDayMonthsLater(today, -1);
  const latest = sameDayMonthsLater(today, 12);
  if (view === "week") {
    const start = value ? mondayOfIsoWeek(value) : mondayOfBaliWeek(today);
    if (!start) return null;
    const end = addBaliDays(start, 7);
    if (end <= earliest || start > latest) return null;
    return {
      view,
      start,
      end,
      isCurrent: start === mondayOfBaliWeek(today),
      previous: start <= earliest ? null : isoWeekOf(addBaliDays(start, -7)),
      next: end > latest ? null : isoWeekOf(end),
    };
  }
  const start = value ? firstDayOfMonth(value) : `${monthOf(today)}-01`;
  if (!start) return null;
  const end = addMonths(start, 1);
  if (end <= earliest || start > latest) return null;
  return {
    view,
    start,
    end,
    isCurrent: start === `${monthOf(today)}-01`,
    previous: start <= earliest ? null : monthOf(addMonths(start, -1)),
    next: end > latest ? null : monthOf(end),
  };
}

/** The same day of the month `months` later (or earlier), or that month's last day when it is shorter. */
function sameDayMonthsLater(baliDate: string, months: number): string {
  const first = addMonths(baliDate, months);
  const lastDay = Number(addBaliDays(addMonths(first, 1), -1).slice(8));
  return `${first.slice(0, 8)}${String(Math.min(Number(baliDate.slice(8)), lastDay)).padStart(2, "0")}`;
}

/**
 * THE canonical form of a calendar URL, as canonicalListingQuery is for "/": the filters parsed as "/" parses
 * them (a bad one is dropped and reported), the period parameter as given (calendarPeriod decides whether it is
 * one). `key` is what the page cache keys the page by.
 */
export function canonicalCalendarQuery(
  view: TCalendarView,
  params: TParams,
): { filters: TCalendarFilters; invalidFields: string[]; period: string | undefined; key: string } {
  const record: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = firstValue(params, key);
    if (value !== undefined) record[key] = value;
  }
  const { query, invalidFields } = parsePageEventQuery(record);
  const filters: TCalendarFilters = {};
  for (const key of FILTER_KEYS) if (query[key] !== undefined) Object.assign(filters, { [key]: query[key] });
  const periodValue = firstValue(params, view)?.trim().slice(0, 16) || undefined;
  const search = calendarSearchParams(view, filters, periodValue);
  const canonical = search.toString();
  return { filters, invalidFields, period: periodValue, key: invalidFields.length > 0 ? `${canonical}#invalid=${invalidFields.join(",")}` : canonical };
}

/** The query of a calendar link: the period first, then the filters in a fixed order. */
export function calendarSearchParams(view: TCalendarView, filters: TCalendarFilters, period?: string | null): URLSearchParams {
  const params = new URLSearchParams();
  if (period) params.set(view, period);
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** A calendar path with its query: "/calendar?week=2026-W51&location=ubud". */
export function calendarHref(view: TCalendarView, filters: TCalendarFilters, period?: string | null): string {
  const query = calendarSearchParams(view, filters, period).toString();
  const path = view === "week" ? "/calendar" : "/calendar/month";
  return query ? `${path}?${query}` : path;
}
