import "server-only";
import { db, type Prisma } from "@/lib/db";
import { closedDayNote } from "./closed-day-input";
import { invalidateSeriesPages } from "./invalidate-series";
import { lockClosedDays, lockSeries } from "./lock-series";

/** A date just cancelled for a closed day. */
export type TClosedDayCancelled = { id: string; slug: string; creatorId: string };

/**
 * Cancels the dates of one series that fall on an island-wide closed day and still take place: published, not
 * ended, starting on that Bali day. Each gets status CANCELLED and the note "Cancelled: <name>". Call it after
 * anything that publishes or moves a series' dates (keepSeriesDates does, in its own transaction). Idempotent;
 * usually one short statement that finds nothing.
 *
 * It holds the closed-days lock shared, then the series' row (lib/series/lock-series.ts), while it reads and
 * updates, and adding a closed day holds that lock exclusively (lib/series/closed-day-add.ts): a date inserted or
 * moved while a closed day is being added on its day is cancelled by one or the other, never left listed by both.
 */
export async function cancelDatesOnClosedDays(seriesId: string, { now = new Date() }: { now?: Date } = {}): Promise<{ cancelled: TClosedDayCancelled[] }> {
  const cancelled = await db.$transaction(async (tx) => {
    await lockClosedDays(tx, "shared");
    if ((await lockSeries(tx, seriesId)).length === 0) return [];
    return cancelDatesOnClosedDaysIn(tx, seriesId, now);
  });
  if (cancelled.length > 0)
    await invalidateSeriesPages(
      seriesId,
      cancelled.map((date) => date.creatorId),
      { adminStats: true },
    );
  return { cancelled };
}

/**
 * The same inside a writer's transaction, which holds the closed-days lock (shared at least) and the series' row
 * already; the caller clears the pages of what it returns.
 */
export async function cancelDatesOnClosedDaysIn(tx: Prisma.TransactionClient, seriesId: string, now: Date): Promise<TClosedDayCancelled[]> {
  const onClosedDays = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT e.id, c.name
    FROM events e
    JOIN closed_days c ON c.date = (e.starts_at AT TIME ZONE 'Asia/Makassar')::date
    WHERE e.series_id = ${seriesId}::uuid AND e.deleted_at IS NULL AND e.status = 'PUBLISHED'::"EventStatus" AND e.ends_at > ${now}`;
  const dates: TClosedDayCancelled[] = [];
  const idsByName = new Map<string, string[]>();
  for (const row of onClosedDays) idsByName.set(row.name, [...(idsByName.get(row.name) ?? []), row.id]);
  for (const [name, ids] of idsByName) {
    const rows = await tx.event.updateManyAndReturn({
      where: { id: { in: ids }, status: "PUBLISHED" },
      data: { status: "CANCELLED", cancelledAt: now, cancelNote: closedDayNote(name) },
      select: { id: true, slug: true, creatorId: true },
    });
    dates.push(...rows);
  }
  return dates;
}
