import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/http/current-user";
import { localizeAuthMessage } from "@/lib/auth/auth-messages";
import { logInErrorMessage } from "@/lib/auth/log-in-messages";
import { landingPathFor, toSafeRedirectPath } from "@/lib/auth/safe-redirect";
import { getEnv } from "@/lib/env";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "../request-locale";
import { LogInForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("auth.logIn"), robots: { index: false } };
}

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LogInPage({ searchParams }: TProps) {
  const locale = await requestLocale();
  const t = translatorFor(locale);
  // Already signed in: go where the role lands.
  const current = await getCurrentUser().catch(() => null);
  if (current) redirect(landingPathFor(current.role, locale));
  const params = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  // Only a same-origin path is carried into the form (the action checks it again).
  const callbackUrl = toSafeRedirectPath(first(params.callbackUrl), getEnv().APP_URL) ?? undefined;
  // next-auth sends failed sign-ins that bypass the form back here with ?error=…&code=…
  const initialError = first(params.error) ? localizeAuthMessage(locale, logInErrorMessage(first(params.code))) : undefined;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("auth.logIn")}</h1>
      <p className="mt-2 text-stone-700">{t("auth.logInIntro")}</p>
      {first(params.registered) && (
        <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-green-900">
          {t("auth.registered")}
          {getEnv().DEMO_MODE && (
            <>
              {" "}
              {t("auth.demoMailBefore")}{" "}
              <Link href="/demo/mail" className="underline">
                {t("auth.demoMailLink")}
              </Link>
              .
            </>
          )}
        </p>
      )}
      {first(params.verified) && (
        <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-green-900">
          {t("auth.verifiedNotice")}
        </p>
      )}
      {first(params.reset) && (
        <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-green-900">
          {t("auth.resetNotice")}
        </p>
      )}
      <div className="mt-6">
        <LogInForm
          callbackUrl={callbackUrl}
          initialError={initialError}
          text={{ email: t("auth.email"), password: t("auth.password"), logIn: t("auth.logIn"), loggingIn: t("auth.loggingIn") }}
        />
      </div>
      <p className="mt-4 text-sm">
        <Link href={localizedPath(locale, "/forgot-password")} className="underline">
          {t("auth.forgotLink")}
        </Link>
      </p>
      <p className="mt-2 text-sm">
        {t("auth.newHere")}{" "}
        <Link href={localizedPath(locale, "/register")} className="underline">
          {t("auth.registerTitle")}
        </Link>
      </p>
    </div>
  );
}
