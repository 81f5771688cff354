"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { signIn } from "../auth";
import { normaliseEmail } from "../email";
import { logInErrorMessage } from "../log-in-messages";

export type TLogInState = { error?: string; email?: string };

/** Only same-site paths are accepted as a destination after signing in. */
function safeReturnPath(value: FormDataEntryValue | null): string | null {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : null;
}

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
  const user = await db.user.findUnique({ where: { email: normaliseEmail(email) }, select: { role: true } });
  redirect(safeReturnPath(formData.get("callbackUrl")) ?? (user?.role === "ADMIN" ? "/admin" : "/dashboard"));
}
