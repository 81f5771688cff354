import type { Metadata } from "next";
import Link from "next/link";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { postingFeeLabel } from "@/lib/site";
import { requestLocale } from "../request-locale";
import { RegisterForm } from "./register-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("auth.registerTitle") };
}

export default async function RegisterPage() {
  const locale = await requestLocale();
  const t = translatorFor(locale);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("auth.registerTitle")}</h1>
      <p className="mt-2 text-stone-700">{t("auth.registerIntro", { fee: postingFeeLabel(locale) })}</p>
      <div className="mt-6">
        <RegisterForm
          text={{
            fullName: t("auth.fullName"),
            organisation: t("auth.organisationOptional"),
            email: t("auth.email"),
            phone: t("auth.phoneOptional"),
            phoneHint: t("auth.phoneHint"),
            password: t("auth.password"),
            passwordHint: t("auth.passwordHint"),
            confirmPassword: t("auth.confirmPassword"),
            creatingAccount: t("auth.creatingAccount"),
            createAccount: t("auth.createAccount"),
          }}
        />
      </div>
      <p className="mt-6 text-sm">
        {t("auth.haveAccount")}{" "}
        <Link href={localizedPath(locale, "/login")} className="underline">
          {t("auth.logIn")}
        </Link>
      </p>
    </div>
  );
}
