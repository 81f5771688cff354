import "server-only";
import { invalidatePublicChange } from "@/lib/cache/public-cache";
import { MAX_SCOPED_EVENTS } from "@/lib/cache/public-changes";
import { db } from "@/lib/db";
import { CLOSED_DAYS_LOCK, closedDayNote } from "./closed-day-input";

/**
 * Cancels the dates of one series that fall on an island-wide closed day and still take place: published, not
 * ended, starting on that Bali day. Each gets status CANCELLED and the note "Cancelled: <name>". Called at the end
 * of keepSeriesDates, so a date created on a closed day is listed cancelled from the start; call it too after
 * anything that publishes or moves a series' dates. Idempotent; usually one short statement that finds nothing.
 *
 * It holds the closed-days lock shared while it reads and updates, and adding a closed day holds it exclusively
 * (lib/series/closed-day-add.ts): a date inserted while a closed day is being added on its day is cancelled by
 * one or the other, never left listed by both.
 */
export async function cancelDatesOnClosedDays(seriesId: string, { now = new Date() }: { now?: Date } = {}): Promise<{ cancelled: number }> {
  const cancelled = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${CLOSED_DAYS_LOCK}::bigint)`;
    const onClosedDays = await tx.$queryRaw<{ id: string; name: string }[]>`
      SELECT e.id, c.name
      FROM events e
      JOIN closed_days c ON c.date = (e.starts_at AT TIME ZONE 'Asia/Makassar')::date
      WHERE e.series_id = ${seriesId}::uuid AND e.deleted_at IS NULL AND e.status = 'PUBLISHED'::"EventStatus" AND e.ends_at > ${now}`;
    const dates: { slug: string; creatorId: string }[] = [];
    const idsByName = new Map<string, string[]>();
    for (const row of onClosedDays) idsByName.set(row.name, [...(idsByName.get(row.name) ?? []), row.id]);
    for (const [name, ids] of idsByName) {
      const rows = await tx.event.updateManyAndReturn({
        where: { id: { in: ids }, status: "PUBLISHED" },
        data: { status: "CANCELLED", cancelledAt: now, cancelNote: closedDayNote(name) },
        select: { slug: true, creatorId: true },
      });
      dates.push(...rows);
    }
    return dates;
  });
  if (cancelled.length > 0) await invalidateClosedDayPages([seriesId], { creatorIds: cancelled.map((date) => date.creatorId) });
  return { cancelled: cancelled.length };
}

/**
 * After dates of these series were cancelled: the listings and feeds, and every date's page of each series (their
 * "Next dates" mark the cancelled ones), or everything when that is too many pages to name.
 */
export async function invalidateClosedDayPages(seriesIds: string[], { creatorIds = [] }: { creatorIds?: string[] } = {}): Promise<void> {
  if (seriesIds.length === 0) return;
  const pages = await db.event.findMany({
    where: { seriesId: { in: seriesIds }, deletedAt: null },
    select: { slug: true },
    take: MAX_SCOPED_EVENTS + 1,
  });
  if (pages.length > MAX_SCOPED_EVENTS) return invalidatePublicChange({ all: true, adminStats: true });
  await invalidatePublicChange({ lists: true, eventSlugs: pages.map((page) => page.slug), creatorIds: [...new Set(creatorIds)], adminStats: true });
}
