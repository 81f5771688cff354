import { withStatsCounters, type TStatsBatch } from "./stats-counters";
import { startOfBaliDay, toBaliDate } from "@/lib/time/bali";
import { STATS_DAY_TTL_SECONDS, statsKeys } from "./stats-keys";
import { isBot, visitorHash } from "./visitor-hash";

// No "server-only": used by the page cache in server.mjs, outside Next's bundle.

type TBufferedDay = { views: number; visitors: Set<string>; eventViews: Map<string, number> };

type TPipeline = TStatsBatch;

/**
 * The Redis commands that count views of one Bali day: page views, unique
 * visitors of the day and of all time (HyperLogLog), views per event. Shared
 * by a single rendered view (record-page-view.ts) and a buffered batch.
 */
export function addViewCounts(
  pipeline: TPipeline,
  { date, views, visitors, eventViews }: { date: string; views: number; visitors: [string, ...string[]]; eventViews: Iterable<[string, number]> },
): void {
  pipeline.incrby(statsKeys.pageViews(date), views);
  pipeline.expire(statsKeys.pageViews(date), STATS_DAY_TTL_SECONDS);
  pipeline.pfadd(statsKeys.uniqueVisitors(date), ...visitors);
  pipeline.expire(statsKeys.uniqueVisitors(date), STATS_DAY_TTL_SECONDS);
  pipeline.pfadd(statsKeys.uniqueVisitorsAllTime(), ...visitors);
  for (const [eventId, count] of eventViews) pipeline.hincrby(statsKeys.eventViewsPending(), eventId, count);
}

/**
 * Page views answered from the page cache are counted here and written to
 * Redis in one pipeline per flush (default: every second), instead of one
 * pipeline per request: the same counters as lib/stats/record-page-view.ts
 * (views per day, unique visitors per day and all time as HyperLogLog, views
 * per event), at a fraction of the Redis round trips under load. At most one
 * flush interval of counts can be lost if the process dies.
 */
export class PageViewBuffer {
  private days = new Map<string, TBufferedDay>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly flushEveryMs = 1_000) {}

  /** The Bali date of the last view, valid until that day ends: one comparison per view instead of a date's formatting. */
  private lastDay: { date: string; from: number; until: number } | null = null;

  private baliDateOf(now: Date): string {
    const time = now.getTime();
    if (this.lastDay && time >= this.lastDay.from && time < this.lastDay.until) return this.lastDay.date;
    const date = toBaliDate(now);
    const from = startOfBaliDay(date).getTime();
    this.lastDay = { date, from, until: from + 86_400_000 };
    return date;
  }

  record({ ip, userAgent, eventId, now = new Date() }: { ip: string; userAgent: string; eventId?: string; now?: Date }): void {
    if (isBot(userAgent)) return;
    const date = this.baliDateOf(now);
    let day = this.days.get(date);
    if (!day) {
      day = { views: 0, visitors: new Set(), eventViews: new Map() };
      this.days.set(date, day);
    }
    day.views++;
    day.visitors.add(visitorHash(ip, userAgent));
    if (eventId) day.eventViews.set(eventId, (day.eventViews.get(eventId) ?? 0) + 1);
    this.timer ??= setTimeout(() => void this.flush(), this.flushEveryMs);
    this.timer.unref();
  }

  /** Writes everything buffered so far (also called on shutdown and by tests). */
  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.days.size === 0) return;
    const days = this.days;
    this.days = new Map();
    this.flushing = withStatsCounters(
      async (redis) => {
        const pipeline = redis.pipeline();
        for (const [date, day] of days) {
          // Never empty: a day is only buffered with its first view.
          addViewCounts(pipeline, { date, views: day.views, visitors: [...day.visitors] as [string, ...string[]], eventViews: day.eventViews });
        }
        await pipeline.exec();
        return true;
      },
      false,
      { timeoutMs: 1_000 },
    ).then(() => undefined);
    await this.flushing;
    this.flushing = null;
  }
}
