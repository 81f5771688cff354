"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { localizeAuthFields, localizeAuthMessage } from "@/lib/auth/auth-messages";
import { emailToEcho } from "@/lib/auth/email";
import { registerCreator } from "@/lib/auth/register-creator";
import { getClientIp } from "@/lib/http/client-ip";
import { formRefusal } from "@/lib/http/form-refusal";
import { formText, formFilled } from "@/lib/http/form-fields";
import { localizedPath } from "@/lib/i18n/languages";
import { requestLocale } from "../request-locale";

export type TRegisterState = { message?: string; fields?: Record<string, string>; values?: Record<string, string> };

export async function register(_previous: TRegisterState, formData: FormData): Promise<TRegisterState> {
  // The page's language: the answer's, the next page's, and the new account's mail language.
  const locale = await requestLocale();
  const loginPath = localizedPath(locale, "/login?registered=1");
  const values = {
    name: formText(formData, "name"),
    organisation: formText(formData, "organisation"),
    email: formText(formData, "email"),
    phone: formText(formData, "phone"),
  };
  // Honeypot: a field people never see. Bots that fill it are shown the usual next page.
  if (formFilled(formData, "website")) redirect(loginPath);
  try {
    await registerCreator({
      input: { ...values, password: formText(formData, "password"), confirmPassword: formText(formData, "confirmPassword") },
      ip: getClientIp(await headers()),
      locale,
      // Mails go out after the response: a known address answers as fast as a new one.
      defer: (task) => after(task),
    });
  } catch (error) {
    const { message, fields } = formRefusal(error);
    return {
      message: localizeAuthMessage(locale, message),
      fields: localizeAuthFields(locale, fields),
      values: { ...values, email: emailToEcho(values.email) },
    };
  }
  // The same answer whether or not the address already had an account (the owner gets a mail instead).
  redirect(loginPath);
}
