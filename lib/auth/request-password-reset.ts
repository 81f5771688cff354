import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { sendMail } from "@/lib/mail/send-mail";
import { recipientLocale } from "@/lib/mail/recipient-locale";
import { passwordResetMail } from "@/lib/mail/templates";
import { checkRateLimit } from "@/lib/redis/rate-limit";
import { ZEmail } from "./email";
import { TOKEN_TTL, issueToken } from "./tokens";

/** The one answer /forgot-password gives, whether or not the email has an account (the product contract). */
export const PASSWORD_RESET_REQUESTED_MESSAGE = "If an account exists, we sent a link to reset your password. The link is valid for 1 hour.";

export const PASSWORD_RESET_UNAVAILABLE_MESSAGE = "Resetting passwords is temporarily unavailable. Please try again in a minute.";

export type TRequestPasswordResetInput = {
  email: string;
  /** The requester's IP (lib/http/client-ip), for the per-IP limit. */
  ip: string;
  /**
   * Runs the token + mail work. Pages pass `after` from next/server so that it
   * happens once the response has gone: an existing account then answers as
   * fast as an unknown email (no timing oracle from Redis or SMTP). Default:
   * run it now and wait (tests, scripts).
   */
  defer?: (task: () => Promise<void>) => void;
};

/**
 * Asks for a password-reset link. Resolves (with nothing to show but
 * PASSWORD_RESET_REQUESTED_MESSAGE) in every case that does not depend on the
 * requester's own behaviour; throws AppError only for:
 * - INVALID_INPUT: the email is not an email address (says nothing about accounts);
 * - RATE_LIMITED: this IP asked more than `passwordResetRequestIp` allows.
 *   The requester learns about their own traffic only, never about the account;
 * - SERVICE_UNAVAILABLE: the limits cannot be checked (Redis unreachable; they
 *   fail closed), the same for every address.
 *
 * The per-EMAIL limit (`passwordResetRequest`, 3 per hour) is applied SILENTLY:
 * over it, we answer the neutral message and send nothing. Showing "Too many
 * attempts" would tell anyone typing an address that someone (probably its
 * owner) asked for resets within the hour — a hint that the account exists and
 * is active. Silence leaks nothing, and the owner is not stuck: no new token is
 * issued, so the newest link already in their inbox stays valid. The counter is
 * keyed on the normalised email and counts unknown emails exactly like known
 * ones, so even the limit's behaviour is the same for both.
 *
 * Only active accounts get mail. Issuing a token invalidates the user's
 * previous reset token (lib/auth/tokens.ts). A failure to issue the token or to
 * send the mail is logged, never shown (it would differ between accounts and
 * non-accounts) and never crashes the page.
 */
export async function requestPasswordReset({ email: rawEmail, ip, defer }: TRequestPasswordResetInput): Promise<void> {
  const parsed = ZEmail.safeParse(rawEmail);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Enter a valid email address.";
    throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fields: { email: message } });
  }
  const email = parsed.data;

  const ipLimit = await checkRateLimit("passwordResetRequestIp", ip);
  if (ipLimit.unavailable) throw new AppError("SERVICE_UNAVAILABLE", PASSWORD_RESET_UNAVAILABLE_MESSAGE);
  if (!ipLimit.success) {
    const minutes = Math.max(1, Math.ceil(ipLimit.retryAfterSeconds / 60));
    throw new AppError("RATE_LIMITED", `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, {
      retryAfterSeconds: ipLimit.retryAfterSeconds,
    });
  }
  const emailLimit = await checkRateLimit("passwordResetRequest", email);
  if (emailLimit.unavailable) throw new AppError("SERVICE_UNAVAILABLE", PASSWORD_RESET_UNAVAILABLE_MESSAGE);
  if (!emailLimit.success) return; // silent: see above

  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, isActive: true, language: true } });
  if (!user || !user.isActive) return;

  const task = () => sendPasswordResetEmail(user).catch((error: unknown) => console.error("password reset: the reset email could not be sent", error));
  if (defer) defer(task);
  else await task();
}

/** Issues a 1-hour, single-use reset token (the previous one stops working) and mails its link, in the user's language. */
export async function sendPasswordResetEmail(user: { id: string; email: string; name: string; language?: string }): Promise<void> {
  const language = user.language ?? (await db.user.findUnique({ where: { id: user.id }, select: { language: true } }))?.language;
  const { token } = await issueToken({ purpose: "reset-password", userId: user.id, ttlSeconds: TOKEN_TTL["reset-password"] });
  await sendMail({ to: user.email, ...passwordResetMail({ name: user.name, token, locale: recipientLocale(language) }) });
}
