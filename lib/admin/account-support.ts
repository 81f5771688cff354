import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { sendPasswordResetEmail } from "@/lib/auth/request-password-reset";
import { deleteUserSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/format/uuid";

const userNotFound = () => new AppError("NOT_FOUND", "This account does not exist.");

async function findAccount(userId: string) {
  if (!isUuid(userId)) throw userNotFound();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, role: true, isActive: true } });
  if (!user) throw userNotFound();
  return user;
}

/**
 * Signs a user (creator or admin) out everywhere: every Redis session is
 * deleted, so each open browser is sent to /login on its next request.
 * The change lives in Redis, so the audit row is written once it has
 * happened; if Redis cannot be reached nothing changes and nothing is logged.
 */
export async function endAllSessions({ actor, userId, ip }: { actor: TAuditActor; userId: string; ip?: string }): Promise<{ ended: number }> {
  const user = await findAccount(userId);
  let ended: number;
  try {
    ended = await deleteUserSessions(user.id);
  } catch (error) {
    throw new AppError("SERVICE_UNAVAILABLE", "Sessions cannot be ended right now (the session store is unavailable). Please try again in a minute.", {
      cause: error,
    });
  }
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor,
      action: "user.end_sessions",
      targetType: "user",
      targetId: user.id,
      ip,
      summary: { email: user.email, role: user.role, sessionsEnded: ended },
    }),
  );
  return { ended };
}

/** Mails the creator a password-reset link (valid 1 hour, single use), on an admin's request. */
export async function sendPasswordResetAsAdmin({ actor, userId, ip }: { actor: TAuditActor; userId: string; ip?: string }): Promise<void> {
  const user = await findAccount(userId);
  if (!user.isActive) throw new AppError("CONFLICT", "This account is deactivated. Activate it before sending a password reset.");
  try {
    await sendPasswordResetEmail(user);
  } catch (error) {
    throw new AppError("SERVICE_UNAVAILABLE", "The password reset email could not be sent right now. Please try again in a minute.", { cause: error });
  }
  await db.$transaction((tx) =>
    recordAudit(tx, { actor, action: "user.send_password_reset", targetType: "user", targetId: user.id, ip, summary: { email: user.email } }),
  );
}
