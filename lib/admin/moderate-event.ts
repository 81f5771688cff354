import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { invalidateEventChange } from "@/lib/cache/public-changes";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/format/uuid";
import { parseUnpublishReason } from "./unpublish-reason";

export type TModeration =
  | { action: "publish" }
  | { action: "unpublish"; reason: string }
  | { action: "feature" }
  | { action: "unfeature" }
  | { action: "delete" }
  | { action: "restore" };

/**
 * An admin's action on any event, written with its audit row in one
 * transaction; public caches are cleared afterwards so the change is live at once.
 */
export async function moderateEvent({ actor, eventId, change, ip }: { actor: TAuditActor; eventId: string; change: TModeration; ip?: string }): Promise<void> {
  if (!isUuid(eventId)) throw new AppError("NOT_FOUND", "This event does not exist.");
  if (change.action === "unpublish") change = { action: "unpublish", reason: parseUnpublishReason(change.reason) };
  const changed = await db.$transaction(async (tx) => {
    const before = await tx.event.findUnique({
      where: { id: eventId },
      select: { id: true, slug: true, creatorId: true, title: true, status: true, isFeatured: true, deletedAt: true, publishedAt: true },
    });
    if (!before) throw new AppError("NOT_FOUND", "This event does not exist.");
    if (before.deletedAt && change.action !== "restore") throw new AppError("CONFLICT", "This event is deleted. Restore it first.");
    const now = new Date();
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
    await tx.event.update({ where: { id: eventId }, data });
    await recordAudit(tx, {
      actor,
      action: `event.${change.action}`,
      targetType: "event",
      targetId: eventId,
      ip,
      summary: {
        title: before.title,
        before: { status: before.status, isFeatured: before.isFeatured, deleted: Boolean(before.deletedAt) },
        after: data,
        ...(change.action === "unpublish" ? { reason: change.reason } : {}),
      },
    });
    return {
      slug: before.slug,
      creatorId: before.creatorId,
      before: { status: before.status, deletedAt: before.deletedAt },
      after: {
        status: ("status" in data ? data.status : undefined) ?? before.status,
        deletedAt: "deletedAt" in data ? (data.deletedAt ?? null) : before.deletedAt,
      },
    };
  });
  // Public before or after (a feature flag, publish, unpublish, delete, restore): listings, its page, its organiser's page.
  await invalidateEventChange({ slug: changed.slug, creatorIds: [changed.creatorId], before: changed.before, after: changed.after });
}
