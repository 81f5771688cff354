"use server";

import { redirect } from "next/navigation";
import { resetPassword } from "@/lib/auth/reset-password";
import { formRefusal } from "@/lib/http/form-refusal";
import { formText } from "@/lib/http/form-fields";

export type TResetPasswordState = { expired?: boolean; message?: string; fields?: Record<string, string> };

export async function resetPasswordAction(_previous: TResetPasswordState, formData: FormData): Promise<TResetPasswordState> {
  try {
    await resetPassword({
      token: formText(formData, "token"),
      password: formText(formData, "password"),
      confirmPassword: formText(formData, "confirmPassword"),
    });
  } catch (error) {
    const { code, message, fields } = formRefusal(error, ["NOT_FOUND", "INVALID_INPUT", "SERVICE_UNAVAILABLE"]);
    if (code === "NOT_FOUND") return { expired: true }; // the page offers a new link
    if (code === "SERVICE_UNAVAILABLE") return { message: "Resetting passwords is temporarily unavailable. Please try again in a minute." };
    return { message, fields };
  }
  redirect("/login?reset=1"); // every session of the user was deleted: log in with the new password
}
