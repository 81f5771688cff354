import type { Metadata } from "next";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "../request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("site.unavailableTitle"), robots: { index: false } };
}

export default async function UnavailablePage() {
  const t = translatorFor(await requestLocale());
  return (
    <div className="mx-auto max-w-md text-center">
      <h1 className="text-3xl font-bold">{t("site.unavailableTitle")}</h1>
      <p className="mt-3 text-stone-700">{t("site.unavailableText")}</p>
    </div>
  );
}
