import type { Metadata } from "next";
import { checkResetToken } from "@/lib/auth/reset-password";
import { AppError } from "@/lib/errors";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "../request-locale";
import { ExpiredLinkMessage, type TExpiredLinkText } from "./expired-link";
import { ResetPasswordForm } from "./reset-password-form";

// The token is in the URL: never send it to another site in a Referer header.
export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("auth.resetTitle"), robots: { index: false }, referrer: "no-referrer" };
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  let valid: boolean;
  try {
    valid = await checkResetToken(value); // peek only: the token is used up when the new password is saved
  } catch (error) {
    if (!(error instanceof AppError && error.code === "SERVICE_UNAVAILABLE")) throw error;
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-3xl font-bold">{t("auth.resetTitle")}</h1>
        <p role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-red-900">
          {t("auth.resetUnavailableLink")}
        </p>
      </div>
    );
  }
  const expired: TExpiredLinkText = {
    title: t("auth.expiredTitle"),
    text: t("auth.expiredText"),
    askNewLink: t("auth.askNewLink"),
    forgotPasswordPath: localizedPath(locale, "/forgot-password"),
  };
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("auth.resetTitle")}</h1>
      <div className="mt-6">
        {valid ? (
          <ResetPasswordForm
            token={value}
            expired={expired}
            text={{
              newPassword: t("auth.newPassword"),
              passwordHint: t("auth.passwordHint"),
              confirmNewPassword: t("auth.confirmNewPassword"),
              changingPassword: t("auth.changingPassword"),
              changePassword: t("auth.changePassword"),
            }}
          />
        ) : (
          <ExpiredLinkMessage text={expired} />
        )}
      </div>
    </div>
  );
}
