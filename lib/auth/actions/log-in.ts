"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { signIn } from "../auth";
import { isEmailTooLong, normaliseEmail } from "../email";
import { logInErrorMessage } from "../log-in-messages";
import { landingPathFor, safeRedirectPath } from "../safe-redirect";

export type TLogInState = { error?: string; email?: string };

export async function logIn(_previous: TLogInState, formData: FormData): Promise<TLogInState> {
  const email = String(formData.get("email") ?? "");
  const password = String(formData.get("password") ?? "");
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
      return { error: logInErrorMessage(code), email };
    }
    throw error;
  }
  // Signed in, so the email is a real account's (at most 254 characters); checked again anyway before the lookup.
  const user = isEmailTooLong(email) ? null : await db.user.findUnique({ where: { email: normaliseEmail(email) }, select: { role: true } });
  // Only a same-origin path (lib/auth/safe-redirect.ts); otherwise the role's landing page.
  redirect(safeRedirectPath(formData.get("callbackUrl"), { appUrl: getEnv().APP_URL, fallback: landingPathFor(user?.role) }));
}
