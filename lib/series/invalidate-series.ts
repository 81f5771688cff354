import "server-only";
import { invalidatePublicChange } from "@/lib/cache/public-cache";
import { db } from "@/lib/db";
import { SERIES_LIMITS } from "./repeat-words";

/** A change to a series or to one of its dates: the listings, the organiser's page and every date's page (their "Next dates"). */
export async function invalidateSeriesPages(seriesId: string, creatorId: string): Promise<void> {
  const pages = await db.event.findMany({ where: { seriesId }, select: { slug: true }, take: SERIES_LIMITS.countMax + 100 });
  await invalidatePublicChange({ lists: true, eventSlugs: pages.map((page) => page.slug), creatorIds: [creatorId] });
}
