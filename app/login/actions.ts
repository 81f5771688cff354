"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { pathAfterSignIn } from "@/lib/auth/after-sign-in";
import { localizeAuthMessage } from "@/lib/auth/auth-messages";
import { EMAIL_MAX_LENGTH, emailToEcho, isEmailTooLong } from "@/lib/auth/email";
import { logInErrorMessage } from "@/lib/auth/log-in-messages";
import { signIn } from "@/lib/http/auth";
import { formText } from "@/lib/http/form-fields";
import { requestLocale } from "../request-locale";

export type TLogInState = { error?: string; email?: string };

export async function logIn(_previous: TLogInState, formData: FormData): Promise<TLogInState> {
  const locale = await requestLocale();
  const email = formText(formData, "email");
  const password = formText(formData, "password");
  // The email length rule before anything else (next-auth's authorize checks it too).
  if (isEmailTooLong(email)) return { error: localizeAuthMessage(locale, `Enter an email address of at most ${EMAIL_MAX_LENGTH} characters.`) };
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
      return { error: localizeAuthMessage(locale, logInErrorMessage(code)), email: emailToEcho(email) };
    }
    throw error;
  }
  // The callback (a same-origin path, already in its language), else the role's landing page in this page's language.
  redirect(await pathAfterSignIn({ email, callbackUrl: formData.get("callbackUrl"), locale }));
}
