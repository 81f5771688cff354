"use server";

import { localizeAuthMessage } from "@/lib/auth/auth-messages";
import { resendVerification } from "@/lib/auth/resend-verification";
import { getCurrentUser } from "@/lib/http/current-user";
import { formRefusal } from "@/lib/http/form-refusal";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "../request-locale";

export type TResendState = { message?: string };

/** "Resend verification email" in the dashboard's banner; its answers in the page's language. */
export async function resendVerificationAction(_previous: TResendState): Promise<TResendState> {
  const locale = await requestLocale();
  const user = await getCurrentUser();
  if (!user) return { message: localizeAuthMessage(locale, "Please log in again.") };
  try {
    const { sentTo } = await resendVerification(user);
    return { message: translatorFor(locale)("auth.resendSent", { email: sentTo }) };
  } catch (error) {
    return { message: localizeAuthMessage(locale, formRefusal(error, ["CONFLICT", "RATE_LIMITED", "SERVICE_UNAVAILABLE"]).message) };
  }
}
