import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { db } from "@/lib/db";

export type TSubscriberFigures = {
  /** Confirmed and still subscribed: who the digest may write to. */
  subscribers: number;
  /** Their confirmed alerts. */
  alerts: number;
  /** Confirmed once, then unsubscribed from everything. */
  unsubscribed: number;
};

/**
 * The subscriber figures of /admin (issue 13): counts only, never an address. One statement (subscribers_confirmed_at
 * index, alerts by subscriber), cached with the other dashboard figures for 30 seconds.
 */
export async function getSubscriberFigures(): Promise<TSubscriberFigures> {
  return cached("adminStats", "subscribers", async () => {
    const [row] = await db.$queryRaw<TSubscriberFigures[]>`
      SELECT (SELECT count(*)::int FROM subscribers WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NULL) AS subscribers,
             (SELECT count(*)::int FROM alerts a JOIN subscribers s ON s.id = a.subscriber_id
               WHERE a.confirmed_at IS NOT NULL AND s.confirmed_at IS NOT NULL AND s.unsubscribed_at IS NULL) AS alerts,
             (SELECT count(*)::int FROM subscribers WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NOT NULL) AS unsubscribed`;
    return row ?? { subscribers: 0, alerts: 0, unsubscribed: 0 };
  });
}
