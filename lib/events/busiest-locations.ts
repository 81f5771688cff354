import "server-only";
import { db } from "@/lib/db";
import type { TReferenceItem } from "@/lib/reference/list-reference-data";

/** The ranking changes slowly: each process works it out at most this often. */
const REFRESH_MS = 10 * 60_000;
/** How far ahead "busiest" looks. */
const HORIZON_MS = 30 * 86_400_000;

/**
 * On globalThis, like the Prisma client: the light render path and Next's pages are bundled apart, and both must
 * show the same links in one process.
 */
const shared = globalThis as unknown as {
  zenbaliBusiestLocations?: { ranking: { items: TReferenceItem[]; at: number } | null; pending: Promise<TReferenceItem[]> | null };
};
const memo = (shared.zenbaliBusiestLocations ??= { ranking: null, pending: null });

/**
 * The active locations with the most visible events in the coming 30 days, most first (ties in the admin's order):
 * the quick links under the heading of "/". One statement of index-only counts (events_public_location_idx), at
 * most every ten minutes per process, whether or not the shared caches are on: it is a ranking, not content, and
 * a few minutes' lag is invisible.
 */
export async function busiestLocations(count = 3): Promise<TReferenceItem[]> {
  if (memo.ranking && Date.now() - memo.ranking.at < REFRESH_MS) return memo.ranking.items.slice(0, count);
  memo.pending ??= rankLocations().finally(() => {
    memo.pending = null;
  });
  return (await memo.pending).slice(0, count);
}

async function rankLocations(): Promise<TReferenceItem[]> {
  const now = new Date();
  const items = await db.$queryRaw<TReferenceItem[]>`
    SELECT l.id, l.name, l.slug
    FROM locations l
    WHERE l.is_active
    ORDER BY (SELECT count(*) FROM events e
              WHERE e.location_id = l.id AND e.deleted_at IS NULL AND e.status IN ('PUBLISHED'::"EventStatus", 'CANCELLED'::"EventStatus")
                AND e.ends_at > ${now} AND e.starts_at < ${new Date(now.getTime() + HORIZON_MS)}) DESC,
             l.sort_order, l.name
    LIMIT 8`;
  memo.ranking = { items, at: Date.now() };
  return items;
}
