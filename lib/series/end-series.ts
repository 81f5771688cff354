import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCanChange } from "@/lib/events/creator-change-limit";
import { eventNotFound, ownedEventWhere, type TEventActor } from "@/lib/events/event-access";
import { isValidBaliDate, toBaliDate } from "@/lib/time/bali";
import { invalidateSeriesPages } from "./invalidate-series";
import { lockSeries } from "./lock-series";
import { dateColumn } from "./repeat-rule";

/**
 * "End the series": no date after `lastDate` (a Bali date, today or later). The later dates are removed (soft
 * delete: their pages answer 404, the feeds drop them, the whole-series .ics ends there); dates up to it, and every
 * past date, stay as they are. Ending and restarting a series is a new series (a new posting fee).
 *
 * `eventId` is any date of the series. Refusals: NOT_FOUND (not the actor's, or not a series), INVALID_INPUT
 * (`lastDate`), CONFLICT (already ended on or before that date), RATE_LIMITED.
 */
export async function endSeries({
  actor,
  eventId,
  lastDate,
  now = new Date(),
}: {
  actor: TEventActor;
  eventId: string;
  lastDate: string;
  now?: Date;
}): Promise<{ seriesId: string; removed: number }> {
  const where = ownedEventWhere(actor, eventId);
  await assertCanChange(actor);
  const date = await db.event.findFirst({ where, select: { seriesId: true, creatorId: true } });
  if (!date?.seriesId) throw eventNotFound();
  const today = toBaliDate(now);
  if (!isValidBaliDate(lastDate))
    throw new AppError("INVALID_INPUT", "Enter the last date as YYYY-MM-DD.", { fields: { lastDate: "Enter the last date as YYYY-MM-DD." } });
  if (lastDate < today) throw new AppError("INVALID_INPUT", "The last date cannot be in the past.", { fields: { lastDate: "Choose today or a later date." } });
  const seriesId = date.seriesId;
  const removed = await db.$transaction(async (tx) => {
    // The series' row first (lib/series/lock-series.ts): the keep-dates job, a whole-series moderation or another
    // "End the series" at the same moment runs before or after this, never in between; its end is read under the lock.
    await lockSeries(tx, seriesId);
    const series = await tx.eventSeries.findUniqueOrThrow({ where: { id: seriesId }, select: { endedAfter: true } });
    if (series.endedAfter && dateColumn(series.endedAfter) <= lastDate) {
      throw new AppError("CONFLICT", `This series already ends on ${dateColumn(series.endedAfter)}.`);
    }
    await tx.eventSeries.update({ where: { id: seriesId }, data: { endedAfter: new Date(`${lastDate}T00:00:00Z`) } });
    const { count } = await tx.event.updateMany({
      where: { seriesId, deletedAt: null, seriesDate: { gt: new Date(`${lastDate}T00:00:00Z`) }, startsAt: { gt: now } },
      data: { deletedAt: now },
    });
    return count;
  });
  await invalidateSeriesPages(seriesId, date.creatorId);
  return { seriesId, removed };
}
