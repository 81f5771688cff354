import type { Metadata } from "next";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { peekSubscriptionConfirmation } from "@/lib/subscriptions/confirm-subscription";
import { requestLocale } from "../../request-locale";

type TSearch = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata(): Promise<Metadata> {
  // The link's token is in the address: never sent to another site as a referrer.
  return { title: translatorFor(await requestLocale())("subscribe.confirmTitle"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

/**
 * The page the confirmation mail's link opens (/subscribe/confirm?token=…). Looking at it uses nothing up (mail
 * scanners follow links): it lists what the confirmation switches on and shows a Confirm button, whose POST
 * (/subscribe/confirm/submit) confirms. A link that no longer works (unknown, expired, used, superseded; or
 * `?expired=1` after a POST found it so) says so, with the ways to ask again.
 */
export default async function ConfirmSubscriptionPage({ searchParams }: { searchParams: TSearch }) {
  const [raw, locale] = await Promise.all([searchParams, requestLocale()]);
  const t = translatorFor(locale);
  const token = first(raw.token);
  const pending = first(raw.expired) ? null : await peekSubscriptionConfirmation(token);
  if (!pending || token === undefined) {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="text-3xl font-bold">{t("subscribe.expiredTitle")}</h1>
        <p className="mt-3 text-stone-700">{t("subscribe.expiredText")}</p>
        <ul className="mt-3 list-disc pl-6">
          <li>
            <a href={localizedPath(locale, "/saved")} className="font-medium underline">
              {t("subscribe.startAgainSaved")}
            </a>
          </li>
          <li>
            <a href={localizedPath(locale, "/")} className="font-medium underline">
              {t("subscribe.startAgainListing")}
            </a>
          </li>
        </ul>
      </div>
    );
  }
  const nothingNew = pending.savedEvents === 0 && pending.alerts.length === 0;
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">{t("subscribe.confirmTitle")}</h1>
      {nothingNew ? (
        <p className="mt-3 text-stone-700">{t("subscribe.confirmNothingNew")}</p>
      ) : (
        <>
          <p className="mt-3 text-stone-700">{t("subscribe.confirmIntro")}</p>
          <ul className="mt-2 list-disc pl-6" data-testid="pending-subscription">
            {pending.savedEvents > 0 && <li>{t("subscribe.confirmSaved", { count: pending.savedEvents })}</li>}
            {pending.alerts.map((alert, index) =>
              alert.kind === "query" ? (
                <li key={index}>
                  {t.rich("subscribe.confirmQueryAlert", {
                    link: (chunks) => (
                      <a href={localizedPath(locale, alert.query ? `/?${alert.query}` : "/")} className="underline">
                        {chunks}
                      </a>
                    ),
                  })}
                </li>
              ) : (
                <li key={index}>{t("subscribe.confirmCreatorAlert", { name: alert.name })}</li>
              ),
            )}
          </ul>
        </>
      )}
      <form method="post" action={localizedPath(locale, "/subscribe/confirm/submit")} className="mt-6">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="rounded-md bg-brand-700 px-6 py-2 font-semibold text-white hover:bg-brand-800">
          {t("subscribe.confirmButton")}
        </button>
      </form>
    </div>
  );
}
