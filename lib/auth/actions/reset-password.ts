"use server";

import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { resetPassword } from "../reset-password";

export type TResetPasswordState = { expired?: boolean; message?: string; fields?: Record<string, string> };

export async function resetPasswordAction(_previous: TResetPasswordState, formData: FormData): Promise<TResetPasswordState> {
  let result: Awaited<ReturnType<typeof resetPassword>>;
  try {
    result = await resetPassword({
      token: String(formData.get("token") ?? ""),
      password: String(formData.get("password") ?? ""),
      confirmPassword: String(formData.get("confirmPassword") ?? ""),
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "SERVICE_UNAVAILABLE") return { message: "Resetting passwords is temporarily unavailable. Please try again in a minute." };
    throw error;
  }
  if (result.ok) redirect("/login?reset=1"); // every session of the user was deleted: log in with the new password
  if (result.reason === "expired") return { expired: true };
  return { message: "Please correct the highlighted fields.", fields: result.fields };
}
