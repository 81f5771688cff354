import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { siteUrl } from "@/lib/site";
import type { TCookieSubscriber } from "@/lib/subscriptions/find-cookie-subscriber";

/**
 * A subscriber's calendar feed, `/saved/<token>.ics`: its address to copy (a read-only field, no JavaScript) and a
 * webcal:// link that opens it in the calendar app. On /saved/<token> and, in the browser that confirmed, on /saved.
 */
export function CalendarFeedAddress({ token, locale = DEFAULT_LOCALE }: { token: string; locale?: TLocale }) {
  const t = translatorFor(locale);
  const feedUrl = siteUrl(`/saved/${token}.ics`);
  return (
    <div className="mt-3">
      <label htmlFor="calendar-feed-url" className="label">
        {t("subscribe.feedLabel")}
      </label>
      <input id="calendar-feed-url" type="text" readOnly value={feedUrl} className="field font-mono" />
      <p className="mt-2 flex flex-wrap gap-4 text-sm">
        <a href={feedUrl.replace(/^https?:/, "webcal:")} className="font-medium text-brand-800 underline">
          {t("subscribe.feedOpen")}
        </a>
      </p>
    </div>
  );
}

/** "N events saved in this browser are not on your list. [Add them to your list]": a POST to /saved/<token>/merge. */
export function MergeSavedListOffer({ token, count, locale = DEFAULT_LOCALE }: { token: string; count: number; locale?: TLocale }) {
  if (count <= 0) return null;
  const t = translatorFor(locale);
  return (
    <form method="post" action={localizedPath(locale, `/saved/${token}/merge`)} className="mt-4 flex flex-wrap items-center gap-3 rounded-md bg-amber-50 p-3">
      <span className="text-amber-900">{t("subscribe.mergeText", { count })}</span>
      <button type="submit" className="rounded-md border border-brand-600 bg-white px-3 py-1 text-sm font-semibold text-brand-800 hover:bg-brand-50">
        {t("subscribe.mergeButton")}
      </button>
    </form>
  );
}

/**
 * What /saved shows instead of the subscribe form in a browser that confirmed a subscription (findCookieSubscriber):
 * the calendar feed, the link to the private list, and the offer to merge what was saved here since.
 */
export function SavedFeedPanel({ subscriber, locale = DEFAULT_LOCALE }: { subscriber: TCookieSubscriber; locale?: TLocale }) {
  const t = translatorFor(locale);
  return (
    <section aria-labelledby="saved-feed-title" className="mt-8 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id="saved-feed-title" className="text-xl font-semibold">
        {t("subscribe.feedTitle")}
      </h2>
      <p className="mt-2 text-stone-700">{t("subscribe.feedText")}</p>
      <CalendarFeedAddress token={subscriber.token} locale={locale} />
      <p className="mt-3 text-sm">
        <a href={localizedPath(locale, subscriber.listPath)} className="font-medium text-brand-800 underline">
          {t("subscribe.feedListLink")}
        </a>
      </p>
      <MergeSavedListOffer token={subscriber.token} count={subscriber.notInList} locale={locale} />
    </section>
  );
}
