"use server";

import { resendVerification } from "@/lib/auth/resend-verification";
import { getCurrentUser } from "@/lib/http/current-user";
import { formRefusal } from "@/lib/http/form-refusal";

export type TResendState = { message?: string };

/** "Resend verification email" in the dashboard's banner. */
export async function resendVerificationAction(_previous: TResendState): Promise<TResendState> {
  const user = await getCurrentUser();
  if (!user) return { message: "Please log in again." };
  try {
    const { sentTo } = await resendVerification(user);
    return { message: `We sent a new verification link to ${sentTo}.` };
  } catch (error) {
    return { message: formRefusal(error, ["CONFLICT", "RATE_LIMITED", "SERVICE_UNAVAILABLE"]).message };
  }
}
