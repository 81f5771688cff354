"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getClientIp } from "@/lib/http/client-ip";
import { changePassword } from "../change-password";
import { getCurrentSessionId, getCurrentUser, type TCurrentUser } from "@/lib/http/current-user";
import { updateProfile } from "../update-profile";

const PROFILE_PATH = "/dashboard/profile";
const UNAVAILABLE_MESSAGE = "Your account is temporarily unavailable. Please try again in a minute.";

export type TProfileState = { message?: string; error?: string; fields?: Record<string, string>; values?: Record<string, string> };
export type TChangePasswordState = { message?: string; error?: string; fields?: Record<string, string> };

/** The signed-in user, a redirect to /login when signed out, or null when sessions cannot be checked (Redis down). */
async function currentUserOrRedirect(): Promise<TCurrentUser | null> {
  let user: TCurrentUser | null;
  try {
    user = await getCurrentUser();
  } catch (error) {
    if (error instanceof AppError && error.code === "SERVICE_UNAVAILABLE") return null;
    throw error;
  }
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(PROFILE_PATH)}`);
  return user;
}

export async function saveProfile(_previous: TProfileState, formData: FormData): Promise<TProfileState> {
  const values = {
    name: String(formData.get("name") ?? ""),
    organisation: String(formData.get("organisation") ?? ""),
    phone: String(formData.get("phone") ?? ""),
  };
  const user = await currentUserOrRedirect();
  if (!user) return { error: UNAVAILABLE_MESSAGE, values };
  try {
    const saved = await updateProfile({ userId: user.id, input: values });
    return { message: "Your profile was saved.", values: { name: saved.name, organisation: saved.organisation ?? "", phone: saved.phone ?? "" } };
  } catch (error) {
    if (error instanceof AppError && error.code === "INVALID_INPUT") return { error: error.message, fields: error.fields, values };
    if (error instanceof AppError && error.code === "RATE_LIMITED") return { error: error.message, values };
    throw error;
  }
}

export async function changePasswordAction(_previous: TChangePasswordState, formData: FormData): Promise<TChangePasswordState> {
  const user = await currentUserOrRedirect();
  if (!user) return { error: UNAVAILABLE_MESSAGE };
  const exceptSessionId = await getCurrentSessionId(user.id);
  let result: Awaited<ReturnType<typeof changePassword>>;
  try {
    result = await changePassword({
      userId: user.id,
      currentPassword: String(formData.get("currentPassword") ?? ""),
      newPassword: String(formData.get("newPassword") ?? ""),
      confirmPassword: String(formData.get("confirmPassword") ?? ""),
      exceptSessionId,
      ip: getClientIp(await headers()),
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "SERVICE_UNAVAILABLE") return { error: UNAVAILABLE_MESSAGE };
    throw error;
  }
  if (!result.ok) return { error: result.message ?? "Please correct the highlighted fields.", fields: result.fields };
  // Without the current session id every session was deleted, this one included: log in again.
  if (!exceptSessionId) redirect("/login?reset=1");
  return { message: "Your password was changed. You were signed out everywhere else." };
}
