import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { checkRateLimit } from "@/lib/redis/rate-limit";
import { hashPassword, verifyPassword } from "./password";
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, passwordLength } from "./password-policy";
import { deleteUserSessions } from "./sessions";
import { revokeTokens } from "./tokens";

export const WRONG_CURRENT_PASSWORD_MESSAGE = "Your current password is incorrect.";

export type TChangePasswordInput = {
  userId: string;
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
  /**
   * The session making the change: it stays signed in, every OTHER session of
   * the user is deleted. Omit it to delete all of them (the caller then sends
   * the user to /login).
   */
  exceptSessionId?: string;
  /** The requester's IP: wrong current passwords count against the sign-in limit for this email and IP. */
  ip: string;
};

/** The form's message for field errors. */
export const CHANGE_PASSWORD_INVALID_MESSAGE = "Please correct the highlighted fields.";

function invalid(fields: Record<string, string>): AppError {
  return new AppError("INVALID_INPUT", CHANGE_PASSWORD_INVALID_MESSAGE, { fields });
}

/**
 * Changes the password of a signed-in user who proves the current one.
 *
 * Guessing the current password is the same attack as guessing it on /login,
 * so attempts count against the same limit (`signInEmailIp`, identifier
 * "email|ip", exactly what sign-in uses): someone holding a stolen session
 * cannot brute-force the password through this form either.
 *
 * On success: new argon2id hash, the user's other sessions deleted (or all of
 * them without `exceptSessionId`), and any outstanding reset link revoked (it
 * was issued for the old password). Refusals throw AppError: UNAUTHORIZED
 * (the account is gone or deactivated), INVALID_INPUT with a message per
 * field, RATE_LIMITED, SERVICE_UNAVAILABLE (the limit cannot be checked).
 */
export async function changePassword(input: TChangePasswordInput): Promise<{ sessionsEnded: number }> {
  const { userId, currentPassword, newPassword, confirmPassword, exceptSessionId, ip } = input;
  // The hash is omitted by the Prisma client unless asked for explicitly.
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, isActive: true, passwordHash: true } });
  if (!user || !user.isActive) throw new AppError("UNAUTHORIZED", "Please log in again.");

  if (!currentPassword) throw invalid({ currentPassword: "Enter your current password." });
  const limit = await checkRateLimit("signInEmailIp", `${user.email}|${ip}`);
  // Fail closed, before the current password is checked (see sign-in-with-password.ts).
  if (limit.unavailable) throw new AppError("SERVICE_UNAVAILABLE", "Changing your password is temporarily unavailable. Please try again in a minute.");
  if (!limit.success) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
    throw new AppError("RATE_LIMITED", `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, {
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  }
  const currentMatches = passwordLength(currentPassword) <= PASSWORD_MAX_LENGTH && (await verifyPassword(user.passwordHash, currentPassword));
  if (!currentMatches) throw invalid({ currentPassword: WRONG_CURRENT_PASSWORD_MESSAGE });

  const fields: Record<string, string> = {};
  const problem = checkPasswordPolicy({ password: newPassword, email: user.email });
  if (problem) fields.newPassword = problem;
  if (newPassword !== confirmPassword) fields.confirmPassword = "The passwords do not match.";
  if (Object.keys(fields).length > 0) throw invalid(fields);

  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(newPassword) }, select: { id: true } });
  const sessionsEnded = await deleteUserSessions(user.id, exceptSessionId ? { exceptSessionId } : {});
  await revokeTokens({ purpose: "reset-password", userId: user.id }).catch((error: unknown) =>
    console.error("change password: could not revoke the reset token", error),
  );
  return { sessionsEnded };
}
