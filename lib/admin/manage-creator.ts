import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { deleteUserSessions } from "@/lib/auth/sessions";
import { invalidateCreatorChange } from "@/lib/cache/public-changes";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/format/uuid";

export type TCreatorChange = { action: "deactivate" } | { action: "activate" } | { action: "verify" };

/**
 * An admin's change to a creator account, with its audit row in the same
 * transaction. Deactivating ends every session of the creator at once (their
 * open browser is signed out on its next request); it hides nothing they
 * already published.
 */
export async function manageCreator({
  actor,
  creatorId,
  change,
  ip,
}: {
  actor: TAuditActor;
  creatorId: string;
  change: TCreatorChange;
  ip?: string;
}): Promise<void> {
  if (!isUuid(creatorId)) throw new AppError("NOT_FOUND", "This creator does not exist.");
  await db.$transaction(async (tx) => {
    const before = await tx.user.findFirst({ where: { id: creatorId, role: "CREATOR" }, select: { email: true, isActive: true, emailVerifiedAt: true } });
    if (!before) throw new AppError("NOT_FOUND", "This creator does not exist.");
    const data =
      change.action === "deactivate"
        ? { isActive: false }
        : change.action === "activate"
          ? { isActive: true }
          : { emailVerifiedAt: before.emailVerifiedAt ?? new Date() };
    await tx.user.update({ where: { id: creatorId }, data });
    await recordAudit(tx, {
      actor,
      action: `creator.${change.action}`,
      targetType: "user",
      targetId: creatorId,
      ip,
      summary: {
        email: before.email,
        before: { isActive: before.isActive, verified: Boolean(before.emailVerifiedAt) },
        after: { isActive: "isActive" in data ? data.isActive : before.isActive, verified: true },
      },
    });
  });
  if (change.action === "deactivate") {
    // After the commit: even if this fails, getCurrentUser() refuses inactive accounts on every request.
    await deleteUserSessions(creatorId).catch((error: unknown) => console.error("deactivate: sessions could not be deleted now", error));
  }
  await invalidateCreatorChange(creatorId, { adminStats: true });
}
