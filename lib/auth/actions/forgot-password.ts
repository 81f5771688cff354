"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { AppError } from "@/lib/errors";
import { getClientIp } from "@/lib/http/client-ip";
import { emailToEcho } from "../email";
import { PASSWORD_RESET_REQUESTED_MESSAGE, requestPasswordReset } from "../request-password-reset";

export type TForgotPasswordState = { sent?: boolean; message?: string; fields?: Record<string, string>; email?: string };

export async function forgotPassword(_previous: TForgotPasswordState, formData: FormData): Promise<TForgotPasswordState> {
  const email = String(formData.get("email") ?? "");
  const echo = emailToEcho(email);
  // Honeypot: a field people never see. Bots that fill it get the usual answer and nothing is sent.
  if (String(formData.get("website") ?? "") !== "") return { sent: true, message: PASSWORD_RESET_REQUESTED_MESSAGE, email: echo };
  try {
    // The token and the mail are made after the response has gone (see requestPasswordReset):
    // the answer takes as long for an account as for an unknown email.
    await requestPasswordReset({ email, ip: getClientIp(await headers()), defer: (task) => after(task) });
  } catch (error) {
    if (error instanceof AppError && (error.code === "INVALID_INPUT" || error.code === "RATE_LIMITED" || error.code === "SERVICE_UNAVAILABLE")) return { message: error.message, fields: error.fields, email: echo };
    throw error;
  }
  return { sent: true, message: PASSWORD_RESET_REQUESTED_MESSAGE, email: echo };
}
