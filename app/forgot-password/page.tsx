import type { Metadata } from "next";
import Link from "next/link";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "../request-locale";
import { ForgotPasswordForm } from "./forgot-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("auth.forgotTitle"), robots: { index: false } };
}

export default async function ForgotPasswordPage() {
  const locale = await requestLocale();
  const t = translatorFor(locale);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("auth.forgotTitle")}</h1>
      <p className="mt-2 text-stone-700">{t("auth.forgotIntro")}</p>
      <div className="mt-6">
        <ForgotPasswordForm text={{ email: t("auth.email"), sending: t("auth.sending"), sendResetLink: t("auth.sendResetLink") }} />
      </div>
      <p className="mt-6 text-sm">
        {t("auth.rememberedIt")}{" "}
        <Link href={localizedPath(locale, "/login")} className="underline">
          {t("auth.logIn")}
        </Link>
      </p>
    </div>
  );
}
