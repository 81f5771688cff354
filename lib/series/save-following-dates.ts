import "server-only";
import { db, Prisma, type EventStatus } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCanChange } from "@/lib/events/creator-change-limit";
import { eventNotFound, ownedEventWhere, type TEventActor } from "@/lib/events/event-access";
import { INVALID_FORM_MESSAGE, parseEventFormWithRepeat, toEventColumns } from "@/lib/events/event-form-data";
import type { TEventFormValues } from "@/lib/events/event-form-schema";
import { isEditable } from "@/lib/events/event-status";
import { toBaliTime } from "@/lib/time/bali";
import { invalidateSeriesPages } from "./invalidate-series";
import { keepSeriesDates } from "./keep-series-dates";
import { lockSeries } from "./lock-series";
import { dateColumn, seriesDates, validateRepeatRule } from "./repeat-rule";
import { storedRuleOf } from "./create-series";
import { SERIES_LIMITS } from "./repeat-words";

/**
 * "Save this and following dates" on a date of a published series: the form's fields, its start time and its
 * duration apply to this date and to every later date of the series that was not edited one by one ("Save this date
 * only") and has not ended; each keeps its own day. Past dates never change. A changed rule (Repeats, On, Ends)
 * becomes the series' rule: later dates it no longer gives are removed (soft-deleted), the ones it adds are created.
 * The series remembers the new start time and duration, so dates created later have them too.
 *
 * Its writes are one transaction under the series' row lock; the dates the new rule adds are created after it, by
 * keepSeriesDates (its own transaction, under the same lock).
 *
 * Refusals: AppError INVALID_INPUT (a message per field), NOT_FOUND (not the actor's, or not a date of a series),
 * CONFLICT (ended), RATE_LIMITED.
 */
export async function saveFollowingDates({
  actor,
  eventId,
  input,
  now = new Date(),
}: {
  actor: TEventActor;
  eventId: string;
  input: Partial<TEventFormValues>;
  now?: Date;
}): Promise<{ id: string; slug: string; status: EventStatus; seriesDate: string; updated: number; removed: number }> {
  await assertCanChange(actor);
  const current = await db.event.findFirst({ where: ownedEventWhere(actor, eventId), include: { series: true } });
  if (!current?.series || !current.seriesDate) throw eventNotFound();
  const series = current.series;
  if (!isEditable(current, now)) throw new AppError("CONFLICT", "This date has ended and can no longer be edited.");

  const ended = current.endsAt.getTime() <= now.getTime();
  const { data, rule } = parseEventFormWithRepeat(input, { now, keepStartsAt: ended ? null : current.startsAt });
  if (!rule) {
    throw new AppError("INVALID_INPUT", INVALID_FORM_MESSAGE, { fields: { repeat: "A series keeps repeating: use “End the series” to stop it." } });
  }
  const startTime = toBaliTime(data.startsAt);
  const seriesStart = { date: dateColumn(series.startDate), time: startTime };
  try {
    // The end is measured from the series' first date: one posting fee covers 12 months.
    validateRepeatRule(rule, seriesStart);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError("INVALID_INPUT", INVALID_FORM_MESSAGE, { fields: error.fields });
  }
  const columns = await toEventColumns(data, current);
  const { startsAt: _startsAt, endsAt: _endsAt, ...sameOnEveryDate } = columns;
  const fromDate = current.seriesDate;
  const ruleDates = new Set(seriesDates(rule, seriesStart, { limit: SERIES_LIMITS.countMax + 400 }));

  const result = await db.$transaction(async (tx) => {
    // The series' row first (lib/series/lock-series.ts): the keep-dates job, a whole-series moderation or "End the
    // series" at the same moment runs before or after this, never in between. Then this date, read again under it:
    // deleted meanwhile (on its own, by an admin, by "End the series") it is not found.
    await lockSeries(tx, series.id);
    if ((await tx.event.count({ where: { ...ownedEventWhere(actor, current.id), seriesId: series.id } })) === 0) throw eventNotFound();
    await tx.eventSeries.update({ where: { id: series.id }, data: { ...storedRuleOf(rule), startTime, durationMinutes: columns.durationMinutes } });
    // This date, and the later ones that follow the series; none that has ended.
    const following = await tx.event.findMany({
      where: {
        seriesId: series.id,
        deletedAt: null,
        seriesDate: { gte: fromDate },
        endsAt: { gt: now },
        OR: [{ id: current.id }, { editedAlone: false }],
      },
      select: { id: true, seriesDate: true },
    });
    const gone = following.filter((date) => date.seriesDate && !ruleDates.has(dateColumn(date.seriesDate)) && date.id !== current.id);
    const kept = following.filter((date) => !gone.includes(date));
    await tx.event.updateMany({ where: { id: { in: kept.map((date) => date.id) } }, data: { ...sameOnEveryDate, editedAlone: false } });
    // Each keeps its day, at the new time in Bali, for the new duration.
    if (kept.length > 0) {
      await tx.$executeRaw`
        UPDATE events SET starts_at = (series_date + ${startTime}::time) AT TIME ZONE 'Asia/Makassar',
                          ends_at = (series_date + ${startTime}::time) AT TIME ZONE 'Asia/Makassar' + make_interval(mins => ${columns.durationMinutes})
        WHERE id IN (${Prisma.join(kept.map((date) => Prisma.sql`${date.id}::uuid`))})`;
    }
    if (gone.length > 0) await tx.event.updateMany({ where: { id: { in: gone.map((date) => date.id) } }, data: { deletedAt: now } });
    return { updated: kept.length, removed: gone.length };
  });
  // Dates the new rule adds; then every page that shows a date of the series.
  await keepSeriesDates(series.id);
  await invalidateSeriesPages(series.id, current.creatorId);
  return { id: current.id, slug: current.slug, status: current.status, seriesDate: dateColumn(fromDate), ...result };
}
