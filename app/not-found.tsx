import Link from "next/link";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "./request-locale";

export default async function NotFound() {
  const locale = await requestLocale();
  const t = translatorFor(locale);
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-3xl font-bold">{t("notFound.title")}</h1>
      <p className="mt-3 text-stone-700">{t("notFound.text")}</p>
      <Link href={localizedPath(locale, "/")} className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
        {t("notFound.cta")}
      </Link>
    </div>
  );
}
