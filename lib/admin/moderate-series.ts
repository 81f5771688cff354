import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { invalidatePublicChange } from "@/lib/cache/public-cache";
import { db, type EventStatus, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/format/uuid";
import { cancelDatesOnClosedDaysIn } from "@/lib/series/closed-day-dates";
import { invalidateSeriesPages } from "@/lib/series/invalidate-series";
import { keepSeriesDates } from "@/lib/series/keep-series-dates";
import { lockClosedDays, lockSeries } from "@/lib/series/lock-series";
import { dateColumn } from "@/lib/series/repeat-rule";
import { addBaliDays, toBaliDate } from "@/lib/time/bali";
import type { TModeration } from "./moderation-input";
import { parseUnpublishReason } from "./unpublish-reason";

export type TSeriesModerated = { scope: "series"; seriesId: string; dates: number };

type TSeriesChange = Exclude<TModeration, { action: "restore" }>;

/** Statuses a whole-series publish turns into Published, and those a whole-series unpublish hides. */
const NOT_PUBLISHED: EventStatus[] = ["DRAFT", "AWAITING_PAYMENT", "UNPUBLISHED"];
const SHOWN_OR_HIDDEN: EventStatus[] = ["PUBLISHED", "CANCELLED", "UNPUBLISHED"];

/** Writes one whole-series change on the dates of `where`; how many it changed. */
async function applyChange(tx: Prisma.TransactionClient, change: TSeriesChange, where: Prisma.EventWhereInput, now: Date): Promise<number> {
  switch (change.action) {
    case "publish": {
      await tx.event.updateMany({ where: { ...where, status: { in: NOT_PUBLISHED }, publishedAt: null }, data: { publishedAt: now } });
      // A date its creator (or a closed day) had cancelled before the series was unpublished is cancelled again.
      const cancelled = await tx.event.updateMany({
        where: { ...where, status: "UNPUBLISHED", cancelledAt: { not: null } },
        data: { status: "CANCELLED", unpublishReason: null },
      });
      const published = await tx.event.updateMany({ where: { ...where, status: { in: NOT_PUBLISHED } }, data: { status: "PUBLISHED", unpublishReason: null } });
      return cancelled.count + published.count;
    }
    case "unpublish": {
      const data = { status: "UNPUBLISHED" as const, unpublishReason: change.reason };
      return (await tx.event.updateMany({ where: { ...where, status: { in: SHOWN_OR_HIDDEN } }, data })).count;
    }
    case "feature":
      return (await tx.event.updateMany({ where: { ...where, isFeatured: false }, data: { isFeatured: true } })).count;
    case "unfeature":
      return (await tx.event.updateMany({ where: { ...where, isFeatured: true }, data: { isFeatured: false } })).count;
    case "delete":
      // Deleted on purpose: keepSeriesDates brings back only dates a change of rule removed, not those edited alone.
      return (await tx.event.updateMany({ where, data: { deletedAt: now, editedAlone: true } })).count;
  }
}

/**
 * "The whole series": an admin's publish, unpublish (with the reason its creator sees), feature, unfeature or delete
 * of every date of the series of `eventId` (any of its dates) that has not ended and is not deleted. Past dates never
 * change. One audit row (the action, scope "series", the series and the number of dates changed) in the same
 * transaction; then every page that shows a date of the series is cleared.
 *
 * - Unpublish: those dates get the status Unpublished and the reason. keepSeriesDates copies its template (the
 *   latest date not edited alone, one of them), so the series gets no new published date while it stays so.
 * - Publish: those dates that are not published (draft, awaiting payment, unpublished) are published, or cancelled
 *   again if they had been cancelled; then the series' missing dates are created.
 * - Feature / unfeature: the flag on those dates; new dates copy it from the template.
 * - Delete: those dates are soft-deleted and the series ends (`ended_after`: its last date that stays, yesterday at
 *   the latest), so no new date is created. The series' row stays.
 *
 * With any other writer of the series' dates at the same moment (keepSeriesDates, "Save this and following dates",
 * "End the series", a closed day being added): this transaction locks the series' row first (after the closed-days
 * lock, for a publish; lib/series/lock-series.ts) and reads the dates after it, so the two run one after the other:
 * a keepSeriesDates that comes second reads the template as this left it (no new published date for an unpublished
 * series, none at all for a deleted one). A publish cancels again, in the same transaction, the dates it publishes
 * that fall on an island-wide closed day.
 *
 * Refusals (nothing changes, no audit row): NOT_FOUND (no such event), CONFLICT (the date is deleted, or nothing is
 * left to change), INVALID_INPUT (the reason; restore, which brings back one date at a time; an event that is not a
 * date of a series).
 */
export async function moderateSeries({
  actor,
  eventId,
  change: asked,
  ip,
  now = new Date(),
}: {
  actor: TAuditActor;
  eventId: string;
  change: TModeration;
  ip?: string;
  now?: Date;
}): Promise<TSeriesModerated> {
  if (!isUuid(eventId)) throw new AppError("NOT_FOUND", "This event does not exist.");
  if (asked.action === "restore") throw new AppError("INVALID_INPUT", "Restore brings back one date at a time: choose “This date only”.");
  const change: TSeriesChange = asked.action === "unpublish" ? { action: "unpublish", reason: parseUnpublishReason(asked.reason) } : asked;
  const today = toBaliDate(now);

  const done = await db.$transaction(async (tx) => {
    // The locks first, in their order (lib/series/lock-series.ts); then the date is read again under them.
    const seriesOf = await tx.event.findUnique({ where: { id: eventId }, select: { seriesId: true } });
    if (seriesOf?.seriesId) {
      if (change.action === "publish") await lockClosedDays(tx, "shared");
      await lockSeries(tx, seriesOf.seriesId);
    }
    const date = await tx.event.findUnique({ where: { id: eventId }, select: { id: true, title: true, creatorId: true, deletedAt: true, seriesId: true } });
    if (!date) throw new AppError("NOT_FOUND", "This event does not exist.");
    if (date.deletedAt) throw new AppError("CONFLICT", "This event is deleted. Restore it first.");
    if (!date.seriesId) throw new AppError("INVALID_INPUT", "This event is not a date of a series: choose “This date only”.");
    const seriesId = date.seriesId;
    const toCome: Prisma.EventWhereInput = { seriesId, deletedAt: null, endsAt: { gt: now } };
    const dates = await applyChange(tx, change, toCome, now);
    // A date published again on an island-wide closed day is cancelled with its note, as keepSeriesDates does.
    const cancelled = change.action === "publish" ? await cancelDatesOnClosedDaysIn(tx, seriesId, now) : [];

    let endedAfter: { before: string | null; after: string } | undefined;
    if (change.action === "delete") {
      // The series ends with its last date that stays (one that ended today), or yesterday: none is created from today on.
      const endedToday = await tx.event.count({ where: { seriesId, deletedAt: null, seriesDate: new Date(`${today}T00:00:00Z`) } });
      const end = endedToday > 0 ? today : addBaliDays(today, -1);
      const series = await tx.eventSeries.findUniqueOrThrow({ where: { id: seriesId }, select: { endedAfter: true } });
      const before = series.endedAfter ? dateColumn(series.endedAfter) : null;
      if (before === null || before > end) {
        await tx.eventSeries.update({ where: { id: seriesId }, data: { endedAfter: new Date(`${end}T00:00:00Z`) } });
        endedAfter = { before, after: end };
      }
    }
    if (dates === 0 && !endedAfter) throw new AppError("CONFLICT", "No date of this series still to come needs this change.");

    await recordAudit(tx, {
      actor,
      action: `event.${change.action}`,
      targetType: "event",
      targetId: date.id,
      ip,
      summary: {
        title: date.title,
        scope: "series",
        seriesId,
        dates,
        ...(change.action === "unpublish" ? { reason: change.reason } : {}),
        ...(endedAfter ? { endedAfter } : {}),
      },
    });
    return { seriesId, creatorId: date.creatorId, dates, cancelled };
  });

  if (change.action === "publish") {
    // Its missing dates, copied from its template, now published. The hourly job makes up for a failure.
    try {
      await keepSeriesDates(done.seriesId, { today });
    } catch (error) {
      console.error(`Series ${done.seriesId} is published again, but its missing dates could not be created yet (the hourly job will)`, error);
    }
  }
  // Every page that shows a date of the series, and the admin figures.
  await invalidateSeriesPages(done.seriesId, [done.creatorId, ...done.cancelled.map((cancelled) => cancelled.creatorId)]);
  await invalidatePublicChange({ adminStats: true });
  return { scope: "series", seriesId: done.seriesId, dates: done.dates };
}
