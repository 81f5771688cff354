import { key } from "@/lib/redis";

/** Redis keys for visitor stats, in one place. Day keys expire after 120 days (rolled up into PostgreSQL long before). */
export const STATS_DAY_TTL_SECONDS = 120 * 86_400;

export const statsKeys = {
  pageViews: (baliDate: string) => key("stats", "pv", baliDate),
  uniqueVisitors: (baliDate: string) => key("stats", "uv", baliDate),
  uniqueVisitorsAllTime: () => key("stats", "uv", "all"),
  /** Hash eventId → views not yet rolled up into event_view_counts. */
  eventViewsPending: () => key("stats", "event-views", "pending"),
  rollUpLock: () => key("stats", "rollup-lock"),
};
