import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword } from "./password";
import { checkPasswordPolicy } from "./password-policy";
import { deleteUserSessions } from "./sessions";
import { consumeToken, peekToken, revokeTokens } from "./tokens";

export type TResetPasswordInput = { token: string; password: string; confirmPassword: string };

/** The form's message for field errors. */
export const RESET_PASSWORD_INVALID_MESSAGE = "Please correct the highlighted fields.";

/**
 * The refusal for a link that no longer works: unknown, expired, superseded or
 * used token, or an account that is gone or deactivated (AppError NOT_FOUND;
 * the page then offers a new link).
 */
export function resetLinkExpired(): AppError {
  return new AppError("NOT_FOUND", "This password reset link has expired or was already used.");
}

/** Tokens are 43 characters; refuse anything silly before touching Redis. */
function plausibleToken(token: string | null | undefined): token is string {
  return typeof token === "string" && token.length > 0 && token.length <= 200;
}

async function activeUser(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, isActive: true } });
  return user?.isActive ? user : null;
}

/**
 * Whether a reset link still works, WITHOUT using it up (for showing the form).
 * Throws AppError("SERVICE_UNAVAILABLE") when Redis cannot be asked.
 */
export async function checkResetToken(token: string | null | undefined): Promise<boolean> {
  if (!plausibleToken(token)) return false;
  const userId = await peekToken({ purpose: "reset-password", token });
  return userId !== null && (await activeUser(userId)) !== null;
}

/**
 * Sets a new password from a reset link.
 *
 * Validation (policy against the account's email, confirmation) runs BEFORE the
 * token is used, so a typo keeps the link usable. Then the token is consumed
 * atomically (GETDEL: of two concurrent submissions exactly one gets through),
 * the new argon2id hash is stored, and every session of the user is deleted
 * (whoever was signed in — perhaps the person who knew the old password — is
 * out at once). Following the link proves the user reads that mailbox, so an
 * unverified email becomes verified.
 *
 * Refusals throw AppError: NOT_FOUND when the link no longer works
 * (resetLinkExpired), INVALID_INPUT with field messages (password,
 * confirmPassword; the token is NOT used up), SERVICE_UNAVAILABLE when Redis
 * cannot be asked (tokens and sessions fail closed).
 */
export async function resetPassword({ token, password, confirmPassword }: TResetPasswordInput): Promise<{ userId: string }> {
  if (!plausibleToken(token)) throw resetLinkExpired();
  const peekedUserId = await peekToken({ purpose: "reset-password", token });
  const user = peekedUserId ? await activeUser(peekedUserId) : null;
  if (!user) throw resetLinkExpired();

  const fields: Record<string, string> = {};
  const problem = checkPasswordPolicy({ password, email: user.email });
  if (problem) fields.password = problem;
  if (password !== confirmPassword) fields.confirmPassword = "The passwords do not match.";
  if (Object.keys(fields).length > 0) throw new AppError("INVALID_INPUT", RESET_PASSWORD_INVALID_MESSAGE, { fields });

  // Hash first (slow), so that the token is only used up right before the write.
  const passwordHash = await hashPassword(password);
  const userId = await consumeToken({ purpose: "reset-password", token });
  if (userId !== user.id) throw resetLinkExpired(); // used by a concurrent submission meanwhile

  const updated = await db.user.updateMany({ where: { id: userId, isActive: true }, data: { passwordHash } });
  if (updated.count === 0) throw resetLinkExpired();
  await db.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } });

  await deleteUserSessions(userId);
  // The consumed token was the newest; this clears its pointer (nothing else can be outstanding).
  await revokeTokens({ purpose: "reset-password", userId }).catch((error: unknown) =>
    console.error("password reset: could not clear the token pointer", error),
  );
  return { userId };
}
