import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { db } from "@/lib/db";
import { statsKeys } from "@/lib/stats/stats-keys";
import { withStatsCounters } from "@/lib/stats/stats-counters";
import { BALI_TIME_ZONE, addBaliDays, startOfBaliDay, toBaliDate } from "@/lib/time/bali";

/** The dashboard charts cover the last 90 Bali days (today included). */
export const CHART_DAYS = 90;
/** …and the 13 Bali ISO weeks (Monday to Sunday) that hold them, the current week so far included. */
export const CHART_WEEKS = 13;

export type TVisitorsDay = { date: string; visitors: number };
export type TEventsWeek = { weekStart: string; isoWeek: string; events: number };
export type TAdminCharts = { today: string; visitorsPerDay: TVisitorsDay[]; eventsPerWeek: TEventsWeek[] };

const DAY_MS = 86_400_000;
const utcDay = (baliDate: string) => new Date(`${baliDate}T00:00:00Z`);

/** The `count` Bali dates ending with `today`, oldest first. */
export function lastBaliDates(today: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addBaliDays(today, index - count + 1));
}

/** The Monday of the ISO week (Monday to Sunday) that holds a Bali date. */
export function mondayOf(baliDate: string): string {
  const weekday = (utcDay(baliDate).getUTCDay() + 6) % 7; // 0 = Monday
  return addBaliDays(baliDate, -weekday);
}

/** "2026-W47": the ISO 8601 week of a Bali date (the week belongs to the year of its Thursday). */
export function isoWeekOf(baliDate: string): string {
  const thursday = utcDay(addBaliDays(mondayOf(baliDate), 3));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Mondays of the last `count` Bali ISO weeks, oldest first, the current week last. */
export function lastWeekStarts(today: string, count: number): string[] {
  const current = mondayOf(today);
  return Array.from({ length: count }, (_, index) => addBaliDays(current, (index - count + 1) * 7));
}

/**
 * Unique visitors per Bali day: the `daily_stats` roll-up for past days, and
 * for today the live HyperLogLog count from Redis when it answers (the roll-up
 * runs only every few minutes).
 */
async function visitorsPerDay(today: string): Promise<TVisitorsDay[]> {
  const dates = lastBaliDates(today, CHART_DAYS);
  const first = addBaliDays(today, 1 - CHART_DAYS); // dates[0]
  const [rows, liveToday] = await Promise.all([
    db.dailyStat.findMany({ where: { date: { gte: utcDay(first), lte: utcDay(today) } }, select: { date: true, uniqueVisitors: true } }),
    withStatsCounters((redis) => redis.pfcount(statsKeys.uniqueVisitors(today)), null, { timeoutMs: 500 }),
  ]);
  const byDate = new Map(rows.map((row) => [row.date.toISOString().slice(0, 10), row.uniqueVisitors]));
  return dates.map((date) => {
    const rolledUp = byDate.get(date) ?? 0;
    const visitors = date === today && liveToday !== null ? Math.max(liveToday, rolledUp) : rolledUp;
    return { date, visitors };
  });
}

/**
 * Events posted per Bali ISO week, by the time they were created (not first
 * published), deleted events left out.
 */
async function eventsPerWeek(today: string): Promise<TEventsWeek[]> {
  const weeks = lastWeekStarts(today, CHART_WEEKS);
  const from = startOfBaliDay(addBaliDays(mondayOf(today), (1 - CHART_WEEKS) * 7)); // weeks[0]
  const until = startOfBaliDay(addBaliDays(today, 1));
  const rows = await db.$queryRaw<{ week: string; count: number }[]>`
    SELECT to_char(date_trunc('week', created_at AT TIME ZONE ${BALI_TIME_ZONE}), 'YYYY-MM-DD') AS week, count(*)::int AS count
    FROM events
    WHERE deleted_at IS NULL AND created_at >= ${from} AND created_at < ${until}
    GROUP BY 1`;
  const byWeek = new Map(rows.map((row) => [row.week, row.count]));
  return weeks.map((weekStart) => ({ weekStart, isoWeek: isoWeekOf(weekStart), events: byWeek.get(weekStart) ?? 0 }));
}

/** The data behind the two dashboard charts, uncached (tests call this directly). */
export async function computeAdminCharts(now = new Date()): Promise<TAdminCharts> {
  const today = toBaliDate(now);
  const [visitors, events] = await Promise.all([visitorsPerDay(today), eventsPerWeek(today)]);
  return { today, visitorsPerDay: visitors, eventsPerWeek: events };
}

/** The dashboard charts, cached with the dashboard figures (30 seconds, cleared on event changes). */
export async function getAdminCharts(now = new Date()): Promise<TAdminCharts> {
  return cached("adminStats", "charts", () => computeAdminCharts(now));
}
