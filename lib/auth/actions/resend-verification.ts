"use server";

import { checkRateLimit } from "@/lib/redis/rate-limit";
import { getCurrentUser } from "@/lib/http/current-user";
import { sendVerificationEmail } from "../send-verification-email";

export type TResendState = { message?: string };

export async function resendVerification(_previous: TResendState): Promise<TResendState> {
  const user = await getCurrentUser();
  if (!user) return { message: "Please log in again." };
  if (user.emailVerifiedAt) return { message: "Your email is already verified." };
  const limit = await checkRateLimit("resendVerification", user.id);
  if (limit.unavailable) return { message: "Sending mail is temporarily unavailable. Please try again in a minute." };
  if (!limit.success) return { message: `Too many attempts, try again in ${Math.max(1, Math.ceil(limit.retryAfterSeconds / 60))} minutes.` };
  await sendVerificationEmail(user);
  return { message: `We sent a new verification link to ${user.email}.` };
}
