import type { Metadata } from "next";
import Link from "next/link";
import { verifyEmail } from "@/lib/auth/verify-email";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "../request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("auth.verifyTitle"), robots: { index: false } };
}

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const { token } = await searchParams;
  const verified = await verifyEmail(typeof token === "string" ? token : "");
  return (
    <div className="mx-auto max-w-md text-center">
      {verified ? (
        <>
          <h1 className="text-3xl font-bold">{t("auth.verifiedTitle")}</h1>
          <p className="mt-3 text-stone-700">{t("auth.verifiedText")}</p>
          <Link href={localizedPath(locale, "/dashboard")} className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
            {t("auth.goToDashboard")}
          </Link>
        </>
      ) : (
        <>
          <h1 className="text-3xl font-bold">{t("auth.verifyFailedTitle")}</h1>
          <p className="mt-3 text-stone-700">{t("auth.verifyFailedText")}</p>
          <Link href={localizedPath(locale, "/login")} className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
            {t("auth.logIn")}
          </Link>
        </>
      )}
    </div>
  );
}
