"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { localizeAuthFields, localizeAuthMessage } from "@/lib/auth/auth-messages";
import { emailToEcho } from "@/lib/auth/email";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { getClientIp } from "@/lib/http/client-ip";
import { formRefusal } from "@/lib/http/form-refusal";
import { formText, formFilled } from "@/lib/http/form-fields";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "../request-locale";

export type TForgotPasswordState = { sent?: boolean; message?: string; fields?: Record<string, string>; email?: string };

export async function forgotPassword(_previous: TForgotPasswordState, formData: FormData): Promise<TForgotPasswordState> {
  const locale = await requestLocale();
  // PASSWORD_RESET_REQUESTED_MESSAGE in the page's language.
  const requested = translatorFor(locale)("auth.resetRequested");
  const email = formText(formData, "email");
  const echo = emailToEcho(email);
  // Honeypot: a field people never see. Bots that fill it get the usual answer and nothing is sent.
  if (formFilled(formData, "website")) return { sent: true, message: requested, email: echo };
  try {
    // The token and the mail are made after the response has gone (see requestPasswordReset):
    // the answer takes as long for an account as for an unknown email. The mail is in the account's language.
    await requestPasswordReset({ email, ip: getClientIp(await headers()), defer: (task) => after(task) });
  } catch (error) {
    const { message, fields } = formRefusal(error, ["INVALID_INPUT", "RATE_LIMITED", "SERVICE_UNAVAILABLE"]);
    return { message: localizeAuthMessage(locale, message), fields: localizeAuthFields(locale, fields), email: echo };
  }
  return { sent: true, message: requested, email: echo };
}
