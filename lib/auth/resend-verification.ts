import "server-only";
import { AppError } from "@/lib/errors";
import { checkRateLimit } from "@/lib/redis/rate-limit";
import { sendVerificationEmail } from "./send-verification-email";

/**
 * "Resend verification email" on the dashboard: a new link for a signed-in
 * user whose email is not verified yet, at most as often as the
 * `resendVerification` policy allows (per user). Refusals throw AppError:
 * CONFLICT (already verified), RATE_LIMITED, SERVICE_UNAVAILABLE (the limit
 * cannot be checked).
 */
export async function resendVerification(user: { id: string; email: string; name: string; emailVerifiedAt: Date | null }): Promise<{ sentTo: string }> {
  if (user.emailVerifiedAt) throw new AppError("CONFLICT", "Your email is already verified.");
  const limit = await checkRateLimit("resendVerification", user.id);
  if (limit.unavailable) throw new AppError("SERVICE_UNAVAILABLE", "Sending mail is temporarily unavailable. Please try again in a minute.");
  if (!limit.success) {
    throw new AppError("RATE_LIMITED", `Too many attempts, try again in ${Math.max(1, Math.ceil(limit.retryAfterSeconds / 60))} minutes.`, {
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  }
  await sendVerificationEmail(user);
  return { sentTo: user.email };
}
