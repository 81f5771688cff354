import "server-only";
import { db } from "@/lib/db";
import { CLOSED_DAYS_LOCK, closedDayNote } from "./closed-day-input";
import { invalidateSeriesPages } from "./invalidate-series";

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
  if (cancelled.length > 0)
    await invalidateSeriesPages(
      seriesId,
      cancelled.map((date) => date.creatorId),
      { adminStats: true },
    );
  return { cancelled: cancelled.length };
}
