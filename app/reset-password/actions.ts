"use server";

import { redirect } from "next/navigation";
import { localizeAuthFields, localizeAuthMessage } from "@/lib/auth/auth-messages";
import { PASSWORD_RESET_UNAVAILABLE_MESSAGE } from "@/lib/auth/request-password-reset";
import { resetPassword } from "@/lib/auth/reset-password";
import { formRefusal } from "@/lib/http/form-refusal";
import { formText } from "@/lib/http/form-fields";
import { localizedPath } from "@/lib/i18n/languages";
import { requestLocale } from "../request-locale";

export type TResetPasswordState = { expired?: boolean; message?: string; fields?: Record<string, string> };

export async function resetPasswordAction(_previous: TResetPasswordState, formData: FormData): Promise<TResetPasswordState> {
  const locale = await requestLocale();
  try {
    await resetPassword({
      token: formText(formData, "token"),
      password: formText(formData, "password"),
      confirmPassword: formText(formData, "confirmPassword"),
    });
  } catch (error) {
    const { code, message, fields } = formRefusal(error, ["NOT_FOUND", "INVALID_INPUT", "SERVICE_UNAVAILABLE"]);
    if (code === "NOT_FOUND") return { expired: true }; // the page offers a new link
    if (code === "SERVICE_UNAVAILABLE") return { message: localizeAuthMessage(locale, PASSWORD_RESET_UNAVAILABLE_MESSAGE) };
    return { message: localizeAuthMessage(locale, message), fields: localizeAuthFields(locale, fields) };
  }
  redirect(localizedPath(locale, "/login?reset=1")); // every session of the user was deleted: log in with the new password
}
