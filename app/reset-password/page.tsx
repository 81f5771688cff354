import type { Metadata } from "next";
import { checkResetToken } from "@/lib/auth/reset-password";
import { AppError } from "@/lib/errors";
import { ExpiredLinkMessage } from "./expired-link";
import { ResetPasswordForm } from "./reset-password-form";

// The token is in the URL: never send it to another site in a Referer header.
export const metadata: Metadata = { title: "Choose a new password", robots: { index: false }, referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  let valid: boolean;
  try {
    valid = await checkResetToken(value); // peek only: the token is used up when the new password is saved
  } catch (error) {
    if (!(error instanceof AppError && error.code === "SERVICE_UNAVAILABLE")) throw error;
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-3xl font-bold">Choose a new password</h1>
        <p role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-red-900">
          Resetting passwords is temporarily unavailable. Please try again in a minute: your link keeps working until it expires.
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">Choose a new password</h1>
      <div className="mt-6">{valid ? <ResetPasswordForm token={value} /> : <ExpiredLinkMessage />}</div>
    </div>
  );
}
