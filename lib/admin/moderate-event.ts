import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { invalidatePublicChange } from "@/lib/cache/public-cache";
import { invalidateEventChange } from "@/lib/cache/public-changes";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/format/uuid";
import { invalidateSeriesPages } from "@/lib/series/invalidate-series";
import { moderateSeries } from "./moderate-series";
import type { TModeration, TModerationScope } from "./moderation-input";
import { parseUnpublishReason } from "./unpublish-reason";

export type { TModeration, TModerationScope } from "./moderation-input";

/** What an action changed: one date, or `dates` dates of a series ("The whole series"). */
export type TModerated = { scope: TModerationScope; seriesId: string | null; dates: number };

/**
 * An admin's action on any event, written with its audit row in one
 * transaction; public caches are cleared afterwards so the change is live at once.
 *
 * On a date of a series the admin chooses the scope: "date" (this date only, the default) or "series" (every date
 * still to come: moderateSeries). A date changed on its own is marked `edited_alone`, as a creator's "Cancel this
 * date" and delete are: the series' new dates are copied from its latest date not edited alone (keepSeriesDates),
 * and must not take over one date's unpublish or feature flag; a date deleted on its own is not brought back.
 */
export async function moderateEvent({
  actor,
  eventId,
  change,
  ip,
  scope = "date",
  now = new Date(),
}: {
  actor: TAuditActor;
  eventId: string;
  change: TModeration;
  ip?: string;
  scope?: TModerationScope;
  now?: Date;
}): Promise<TModerated> {
  if (scope === "series") return moderateSeries({ actor, eventId, change, ip, now });
  if (!isUuid(eventId)) throw new AppError("NOT_FOUND", "This event does not exist.");
  if (change.action === "unpublish") change = { action: "unpublish", reason: parseUnpublishReason(change.reason) };
  const changed = await db.$transaction(async (tx) => {
    const before = await tx.event.findUnique({
      where: { id: eventId },
      select: { id: true, slug: true, creatorId: true, title: true, status: true, isFeatured: true, deletedAt: true, publishedAt: true, seriesId: true },
    });
    if (!before) throw new AppError("NOT_FOUND", "This event does not exist.");
    if (before.deletedAt && change.action !== "restore") throw new AppError("CONFLICT", "This event is deleted. Restore it first.");
    const data =
      change.action === "publish"
        ? { status: "PUBLISHED" as const, unpublishReason: null, publishedAt: before.publishedAt ?? now }
        : change.action === "unpublish"
          ? { status: "UNPUBLISHED" as const, unpublishReason: change.reason }
          : change.action === "feature"
            ? { isFeatured: true }
            : change.action === "unfeature"
              ? { isFeatured: false }
              : change.action === "delete"
                ? { deletedAt: now }
                : { deletedAt: null };
    // A date deleted on its own also stays deleted (keepSeriesDates brings back only dates a change of rule removed);
    // restoring one brings it back as it was.
    const alone = before.seriesId !== null && change.action !== "restore" ? { editedAlone: true } : {};
    await tx.event.update({ where: { id: eventId }, data: { ...data, ...alone } });
    await recordAudit(tx, {
      actor,
      action: `event.${change.action}`,
      targetType: "event",
      targetId: eventId,
      ip,
      summary: {
        title: before.title,
        scope: "date",
        dates: 1,
        ...(before.seriesId ? { seriesId: before.seriesId } : {}),
        before: { status: before.status, isFeatured: before.isFeatured, deleted: Boolean(before.deletedAt) },
        after: data,
        ...(change.action === "unpublish" ? { reason: change.reason } : {}),
      },
    });
    return {
      slug: before.slug,
      creatorId: before.creatorId,
      seriesId: before.seriesId,
      before: { status: before.status, deletedAt: before.deletedAt },
      after: {
        status: ("status" in data ? data.status : undefined) ?? before.status,
        deletedAt: "deletedAt" in data ? (data.deletedAt ?? null) : before.deletedAt,
      },
    };
  });
  if (changed.seriesId) {
    // A date of a series also shows on its other dates' pages ("Next dates").
    await invalidateSeriesPages(changed.seriesId, changed.creatorId);
    await invalidatePublicChange({ adminStats: true });
  } else {
    // Public before or after (a feature flag, publish, unpublish, delete, restore): listings, its page, its organiser's page.
    await invalidateEventChange({ slug: changed.slug, creatorIds: [changed.creatorId], before: changed.before, after: changed.after });
  }
  return { scope: "date", seriesId: changed.seriesId, dates: 1 };
}
