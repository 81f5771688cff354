import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { findSubscriberByToken } from "@/lib/subscriptions/find-subscriber";
import { requestLocale } from "../../../../request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("manageAlerts.confirmTitle"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

/**
 * Where the unsubscribe link of a digest leads a browser (GET /alerts/<token>/unsubscribe): only a button, which POSTs
 * the unsubscribe. Following the link changes nothing, so a mail scanner that opens it unsubscribes nobody.
 */
export default async function ConfirmUnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, locale] = await Promise.all([params, requestLocale()]);
  if (!(await findSubscriberByToken(token))) notFound();
  const t = translatorFor(locale);
  return (
    <>
      <h1 className="text-3xl font-bold">{t("manageAlerts.confirmTitle")}</h1>
      <p className="mt-2 text-stone-700">{t("manageAlerts.confirmText")}</p>
      <form method="post" action={localizedPath(locale, `/alerts/${token}/unsubscribe`)} className="mt-6">
        <input type="hidden" name="via" value="page" />
        <button type="submit" className="rounded-md bg-stone-900 px-4 py-2 font-medium text-white hover:bg-stone-700">
          {t("manageAlerts.confirmButton")}
        </button>
      </form>
    </>
  );
}
