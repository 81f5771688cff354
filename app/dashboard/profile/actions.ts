"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { localizeAuthFields, localizeAuthMessage } from "@/lib/auth/auth-messages";
import { changePassword } from "@/lib/auth/change-password";
import { updateProfile } from "@/lib/auth/update-profile";
import { getClientIp } from "@/lib/http/client-ip";
import { getCurrentSessionId, requireUserForAction } from "@/lib/http/current-user";
import { formRefusal } from "@/lib/http/form-refusal";
import { formText } from "@/lib/http/form-fields";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "../../request-locale";

const PROFILE_PATH = "/dashboard/profile";
const UNAVAILABLE_MESSAGE = "Your account is temporarily unavailable. Please try again in a minute.";

export type TProfileState = { message?: string; error?: string; fields?: Record<string, string>; values?: Record<string, string> };
export type TChangePasswordState = { message?: string; error?: string; fields?: Record<string, string> };

export async function saveProfile(_previous: TProfileState, formData: FormData): Promise<TProfileState> {
  const locale = await requestLocale();
  const values = {
    name: formText(formData, "name"),
    organisation: formText(formData, "organisation"),
    phone: formText(formData, "phone"),
    language: formText(formData, "language"),
  };
  try {
    const user = await requireUserForAction(PROFILE_PATH);
    const saved = await updateProfile({ userId: user.id, input: values });
    return {
      message: translatorFor(locale)("profile.saved"),
      values: { name: saved.name, organisation: saved.organisation ?? "", phone: saved.phone ?? "", language: saved.language },
    };
  } catch (error) {
    // Sessions cannot be checked (Redis down): say so, keep what was typed.
    const { code, message, fields } = formRefusal(error, ["SERVICE_UNAVAILABLE", "INVALID_INPUT", "RATE_LIMITED"]);
    return code === "SERVICE_UNAVAILABLE"
      ? { error: localizeAuthMessage(locale, UNAVAILABLE_MESSAGE), values }
      : { error: localizeAuthMessage(locale, message), fields: localizeAuthFields(locale, fields), values };
  }
}

export async function changePasswordAction(_previous: TChangePasswordState, formData: FormData): Promise<TChangePasswordState> {
  const locale = await requestLocale();
  let exceptSessionId: string | undefined;
  try {
    const user = await requireUserForAction(PROFILE_PATH);
    // Without the current session id every session is deleted, this one included.
    exceptSessionId = await getCurrentSessionId(user.id);
    await changePassword({
      userId: user.id,
      currentPassword: formText(formData, "currentPassword"),
      newPassword: formText(formData, "newPassword"),
      confirmPassword: formText(formData, "confirmPassword"),
      exceptSessionId,
      ip: getClientIp(await headers()),
    });
  } catch (error) {
    const { code, message, fields } = formRefusal(error, ["SERVICE_UNAVAILABLE", "INVALID_INPUT", "RATE_LIMITED", "UNAUTHORIZED"]);
    return code === "SERVICE_UNAVAILABLE"
      ? { error: localizeAuthMessage(locale, UNAVAILABLE_MESSAGE) }
      : { error: localizeAuthMessage(locale, message), fields: localizeAuthFields(locale, fields) };
  }
  // Every session was deleted, this one included: log in again.
  if (!exceptSessionId) redirect(localizedPath(locale, "/login?reset=1"));
  return { message: translatorFor(locale)("profile.passwordChanged") };
}
