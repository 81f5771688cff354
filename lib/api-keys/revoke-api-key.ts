import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/format/uuid";

/**
 * An admin revokes a key: it is refused (401) from the next request on.
 * Revoking twice is a CONFLICT and writes nothing. One audit row
 * (`api_key.revoke`) in the same transaction.
 */
export async function revokeApiKey({
  actor,
  keyId,
  ip,
  now = new Date(),
}: {
  actor: TAuditActor;
  keyId: string;
  ip?: string | null;
  now?: Date;
}): Promise<{ id: string; name: string }> {
  if (!isUuid(keyId)) throw new AppError("NOT_FOUND", "This API key does not exist.");
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({
      where: { id: keyId },
      select: { id: true, name: true, prefix: true, revokedAt: true, user: { select: { email: true } } },
    });
    if (!key) throw new AppError("NOT_FOUND", "This API key does not exist.");
    // Conditional update: two admins revoking at once write one row between them.
    const { count } = await tx.apiKey.updateMany({ where: { id: keyId, revokedAt: null }, data: { revokedAt: now } });
    if (key.revokedAt || count === 0) throw new AppError("CONFLICT", `The key “${key.name}” is already revoked.`);
    await recordAudit(tx, {
      actor,
      action: "api_key.revoke",
      targetType: "api_key",
      targetId: key.id,
      ip,
      summary: { name: key.name, prefix: key.prefix, owner: key.user.email, before: { status: "active" }, after: { status: "revoked" } },
    });
    return { id: key.id, name: key.name };
  });
}
