import "server-only";
import { invalidatePublicChange } from "@/lib/cache/public-cache";
import { MAX_SCOPED_EVENTS } from "@/lib/cache/public-changes";
import { db } from "@/lib/db";

/**
 * A change to one or more series or to their dates: the listings and feeds, the organisers' pages, and every date's
 * page (their "Next dates" list each other; deleted dates' pages too, so they stop being served), or everything
 * when that is too many pages to name. `adminStats`: the admin figures changed too.
 */
export async function invalidateSeriesPages(
  seriesIds: string | string[],
  creatorIds: string | string[],
  { adminStats = false }: { adminStats?: boolean } = {},
): Promise<void> {
  const series = typeof seriesIds === "string" ? [seriesIds] : seriesIds;
  if (series.length === 0) return;
  const pages = await db.event.findMany({ where: { seriesId: { in: series } }, select: { slug: true }, take: MAX_SCOPED_EVENTS + 1 });
  if (pages.length > MAX_SCOPED_EVENTS) return invalidatePublicChange({ all: true, adminStats });
  const creators = [...new Set(typeof creatorIds === "string" ? [creatorIds] : creatorIds)];
  await invalidatePublicChange({ lists: true, eventSlugs: pages.map((page) => page.slug), creatorIds: creators, adminStats });
}
