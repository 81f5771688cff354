import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TNames } from "@/lib/reference/localized-name";
import { addBaliDays, startOfBaliDay } from "@/lib/time/bali";
import { invalidateSeriesPages } from "./invalidate-series";
import { closedDayColumn, closedDayNote, formatClosedDay, parseClosedDayInput } from "./closed-day-input";
import { notifyClosedDay, type TClosedDayEvent } from "./closed-day-notices";
import { lockClosedDays, lockSeries } from "./lock-series";

export type TClosedDayAdded = {
  closedDay: { id: number; date: string; name: string; names: TNames };
  /** Dates of series on that day, now cancelled with the note "Cancelled: <name>". */
  cancelledDates: TClosedDayEvent[];
  /** One-off events on that day: left as they are, flagged to their creators and the admins. */
  flaggedEvents: TClosedDayEvent[];
};

const EVENT_SELECT = { id: true, slug: true, title: true, startsAt: true, creatorId: true, seriesId: true } as const;

function duplicate(date: string, existingName: string): AppError {
  const message = `${formatClosedDay(date)} is already a closed day: “${existingName}”.`;
  return new AppError("CONFLICT", message, { fields: { date: message } });
}

const byStart = (a: TClosedDayEvent, b: TClosedDayEvent) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id);

/**
 * An admin adds an island-wide closed day (a Bali date, today or later, and a name such as "Nyepi (island-wide day
 * of silence)", and optionally its names in other languages). In one transaction with its audit rows: the closed day (`closed_day.add`), and every date of a
 * series that takes place that day (published, not ended, starting that Bali day) cancelled with the note
 * "Cancelled: <name>" (one `event.cancel_closed_day` row per date). One-off events that day are not touched.
 * Then, outside the transaction: a mail to each creator whose dates were cancelled, one to each creator of a one-off
 * event that day, one to each admin listing those events; and the public pages of the series go stale.
 *
 * INVALID_INPUT for a bad or past date or a missing name; CONFLICT when the date already is a closed day.
 */
export async function addClosedDay({
  actor,
  ip,
  date,
  name,
  names,
  now = new Date(),
}: {
  actor: TAuditActor;
  ip?: string | null;
  date: unknown;
  name: unknown;
  names?: unknown;
  now?: Date;
}): Promise<TClosedDayAdded> {
  const input = parseClosedDayInput({ date, name, names }, now);
  const note = closedDayNote(input.name);
  const onTheDay = {
    deletedAt: null,
    status: "PUBLISHED" as const,
    startsAt: { gte: startOfBaliDay(input.date), lt: startOfBaliDay(addBaliDays(input.date, 1)) },
    endsAt: { gt: now },
  };
  let added: TClosedDayAdded;
  try {
    added = await db.$transaction(async (tx) => {
      // Exclusive: new dates of series wait, then see this day (lib/series/closed-day-dates.ts). The lock order of
      // lib/series/lock-series.ts: this lock, then the rows of the series whose dates change, by id, then the dates.
      await lockClosedDays(tx, "exclusive");
      const existing = await tx.closedDay.findUnique({ where: { date: closedDayColumn(input.date) }, select: { name: true } });
      if (existing) throw duplicate(input.date, existing.name);
      const closedDay = await tx.closedDay.create({
        data: { date: closedDayColumn(input.date), name: input.name, names: input.names, createdById: actor.id },
        select: { id: true },
      });
      const seriesOnTheDay = await tx.event.findMany({ where: { ...onTheDay, seriesId: { not: null } }, select: { seriesId: true }, distinct: ["seriesId"] });
      await lockSeries(
        tx,
        seriesOnTheDay.flatMap((date) => (date.seriesId ? [date.seriesId] : [])),
      );
      // Every date on the day, also one published since the series were found (by a writer that does not take the
      // closed-days lock, such as an admin's "publish" of one date): waiting for its row cannot deadlock, since no
      // writer holding a series' row asks for the closed-days lock after it.
      const cancelledDates = (
        await tx.event.updateManyAndReturn({
          where: { ...onTheDay, seriesId: { not: null } },
          data: { status: "CANCELLED", cancelledAt: now, cancelNote: note },
          select: EVENT_SELECT,
        })
      ).sort(byStart);
      const flaggedEvents = await tx.event.findMany({
        where: { ...onTheDay, seriesId: null },
        select: EVENT_SELECT,
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      });
      for (const event of cancelledDates) {
        await recordAudit(tx, {
          actor,
          action: "event.cancel_closed_day",
          targetType: "event",
          targetId: event.id,
          ip,
          summary: {
            slug: event.slug,
            title: event.title,
            closedDay: { id: closedDay.id, date: input.date, name: input.name },
            before: { status: "PUBLISHED" },
            after: { status: "CANCELLED", cancelNote: note },
          },
        });
      }
      await recordAudit(tx, {
        actor,
        action: "closed_day.add",
        targetType: "closed_day",
        targetId: String(closedDay.id),
        ip,
        summary: {
          date: input.date,
          name: input.name,
          ...(Object.keys(input.names).length > 0 ? { names: input.names } : {}),
          cancelledDates: cancelledDates.length,
          flaggedEvents: flaggedEvents.map((event) => event.slug),
        },
      });
      return { closedDay: { id: closedDay.id, date: input.date, name: input.name, names: input.names }, cancelledDates, flaggedEvents };
    });
  } catch (error) {
    // Another admin added the same date at the same moment.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw duplicate(input.date, input.name);
    throw error;
  }
  await notifyClosedDay(added);
  const seriesIds = [...new Set(added.cancelledDates.flatMap((event) => (event.seriesId ? [event.seriesId] : [])))];
  await invalidateSeriesPages(
    seriesIds,
    added.cancelledDates.map((event) => event.creatorId),
    { adminStats: true },
  );
  return added;
}
