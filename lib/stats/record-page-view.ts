import "server-only";
import { toBaliDate } from "@/lib/time/bali";
import { maybeRollUpStats } from "./roll-up-stats";

import { addViewCounts } from "./page-view-buffer";
import { withStatsCounters } from "./stats-counters";
import { isBot, visitorHash } from "./visitor-hash";

export { visitorHash };

type TPageView = { ip: string; userAgent: string; eventId?: string; now?: Date };

/** Counts one page view (and an event view when eventId is given). Never throws. */
export async function recordPageView({ ip, userAgent, eventId, now = new Date() }: TPageView): Promise<void> {
  if (isBot(userAgent)) return;
  const day = toBaliDate(now);
  const visitor = visitorHash(ip, userAgent);
  await withStatsCounters(
    async (redis) => {
      const pipeline = redis.pipeline();
      addViewCounts(pipeline, { date: day, views: 1, visitors: [visitor], eventViews: eventId ? [[eventId, 1]] : [] });
      await pipeline.exec();
      return true;
    },
    false,
    { timeoutMs: 300 },
  );
  await maybeRollUpStats();
}
