import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { describeAlert } from "@/lib/digest/describe-alert";
import { getAlertsPage } from "@/lib/digest/manage-alerts";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor, type TTranslator } from "@/lib/i18n/translator";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import { requestLocale } from "../../request-locale";

type TProps = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  // The address is a secret: never indexed, never sent to another site as a referrer.
  return { title: translatorFor(await requestLocale())("manageAlerts.title"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

/** The line at the top after a Delete or an Unsubscribe (`?done=`). */
function notice(done: string | string[] | undefined, t: TTranslator): string | null {
  if (done === "deleted") return t("manageAlerts.deletedNotice");
  if (done === "gone") return t("manageAlerts.goneNotice");
  if (done === "unsubscribed") return t("manageAlerts.unsubscribedNotice");
  return null;
}

/**
 * /alerts/<token>: a subscriber's alerts (a query in words, "Posts by <name>"), each with Delete, and "Unsubscribe
 * from everything". The link of every digest; an unknown token is a 404.
 */
export default async function AlertsPage({ params, searchParams }: TProps) {
  const [{ token }, raw, locale] = await Promise.all([params, searchParams, requestLocale()]);
  const page = await getAlertsPage(token);
  if (!page) notFound();
  const t = translatorFor(locale);
  const reference = await listReferenceData();
  const message = notice(raw.done, t);
  return (
    <>
      <h1 className="text-3xl font-bold">{t("manageAlerts.title")}</h1>
      <p className="mt-2 text-stone-700">{t("manageAlerts.intro")}</p>
      {message && (
        <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-green-900">
          {message}
        </p>
      )}
      {page.unsubscribed && message === null && <p className="mt-4 rounded-md bg-amber-50 p-3 text-amber-900">{t("manageAlerts.unsubscribedNotice")}</p>}
      {page.alerts.length === 0 ? (
        <p className="mt-8 text-stone-700">{t("manageAlerts.empty")}</p>
      ) : (
        <ul className="mt-8 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {page.alerts.map((alert) => {
            const words = describeAlert(alert, locale, reference);
            return (
              <li key={alert.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
                <a href={words.path} className="font-medium underline">
                  {words.label}
                </a>
                <form method="post" action={localizedPath(locale, `/alerts/${page.token}/delete`)}>
                  <input type="hidden" name="alert" value={alert.id} />
                  <button
                    type="submit"
                    aria-label={t("manageAlerts.deleteLabel", { alert: words.label })}
                    className="rounded border border-stone-300 px-3 py-1 text-sm hover:bg-stone-100"
                  >
                    {t("manageAlerts.delete")}
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
      {!page.unsubscribed && (
        <form method="post" action={localizedPath(locale, `/alerts/${page.token}/unsubscribe`)} className="mt-10">
          <input type="hidden" name="via" value="page" />
          <button type="submit" className="rounded-md border border-red-300 px-4 py-2 font-medium text-red-800 hover:bg-red-50">
            {t("manageAlerts.unsubscribeAll")}
          </button>
          <p className="mt-2 text-sm text-stone-600">{t("manageAlerts.unsubscribeAllHint")}</p>
        </form>
      )}
    </>
  );
}
