"use server";

import { getToken } from "next-auth/jwt";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getEnv, getHashingSecret } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getClientIp } from "@/lib/http/client-ip";
import { changePassword } from "../change-password";
import { getCurrentUser, type TCurrentUser } from "../current-user";
import { getSession } from "../sessions";
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

/**
 * The id of the session making this request, so that a password change keeps
 * it and ends only the others. next-auth keeps it in its encrypted JWT cookie
 * as `sid` (lib/auth/auth.ts), never in the public session object; we decrypt
 * the cookie with the same secret and cookie name as auth.ts (secret:
 * AUTH_SECRET, else the development secret = getHashingSecret(); secure cookie
 * names when APP_URL is https) and check that Redis really holds that session
 * for this user. Anything unexpected gives undefined, and the caller then ends
 * EVERY session and sends the user to /login: the safe direction.
 */
async function currentSessionId(userId: string): Promise<string | undefined> {
  try {
    const env = getEnv();
    const token = await getToken({ req: { headers: new Headers(await headers()) }, secret: getHashingSecret(), secureCookie: env.APP_URL.startsWith("https://") });
    const sid = typeof token?.sid === "string" ? token.sid : undefined;
    if (!sid || token?.uid !== userId) return undefined;
    const session = await getSession(sid);
    return session?.userId === userId ? sid : undefined;
  } catch (error) {
    console.error("change password: could not read the current session id", error);
    return undefined;
  }
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
  const exceptSessionId = await currentSessionId(user.id);
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
