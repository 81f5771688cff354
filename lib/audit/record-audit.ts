import "server-only";
import type { Prisma } from "@/lib/db";

export type TAuditActor = { id: string; email: string };

type TAuditEntry = {
  actor: TAuditActor;
  action: string;
  targetType: string;
  targetId?: string | null;
  summary?: Prisma.InputJsonValue;
  ip?: string | null;
};

/**
 * Writes one audit row inside the caller's transaction, so a failed action
 * leaves none and a successful one exactly one.
 */
export async function recordAudit(tx: Prisma.TransactionClient, entry: TAuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actor.id,
      actorEmail: entry.actor.email,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      summary: entry.summary,
      ip: entry.ip ?? null,
    },
  });
}
