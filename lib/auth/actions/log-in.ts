"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { signIn } from "@/lib/http/auth";
import { EMAIL_MAX_LENGTH, emailToEcho, isEmailTooLong, normaliseEmail } from "../email";
import { logInErrorMessage } from "../log-in-messages";
import { landingPathFor, safeRedirectPath } from "../safe-redirect";

export type TLogInState = { error?: string; email?: string };

export async function logIn(_previous: TLogInState, formData: FormData): Promise<TLogInState> {
  const email = String(formData.get("email") ?? "");
  const password = String(formData.get("password") ?? "");
  // The email length rule before anything else (next-auth's authorize checks it too).
  if (isEmailTooLong(email)) return { error: `Enter an email address of at most ${EMAIL_MAX_LENGTH} characters.` };
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
      return { error: logInErrorMessage(code), email: emailToEcho(email) };
    }
    throw error;
  }
  const user = await db.user.findUnique({ where: { email: normaliseEmail(email) }, select: { role: true } });
  // Only a same-origin path (lib/auth/safe-redirect.ts); otherwise the role's landing page.
  redirect(safeRedirectPath(formData.get("callbackUrl"), { appUrl: getEnv().APP_URL, fallback: landingPathFor(user?.role) }));
}
