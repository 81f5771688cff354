import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { SavedEventSections } from "@/components/saved-event-sections";
import { CalendarFeedAddress, MergeSavedListOffer } from "@/components/saved-feed-panel";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor, type TTranslator } from "@/lib/i18n/translator";
import { MAX_SAVED_EVENTS, parseSavedCookie, SAVED_COOKIE } from "@/lib/saved/saved-cookie";
import { countNotInList } from "@/lib/subscriptions/count-not-in-list";
import { findSubscriberByToken } from "@/lib/subscriptions/find-subscriber";
import { listSubscriberSavedEvents } from "@/lib/subscriptions/list-subscriber-saved-events";
import { requestLocale } from "../../request-locale";

type TProps = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A count in the URL (`?merged=3`): a whole number up to the list's size, else nothing. */
function countParam(value: string | string[] | undefined): number | null {
  const text = first(value);
  return text !== undefined && /^\d{1,3}$/.test(text) && Number(text) <= MAX_SAVED_EVENTS ? Number(text) : null;
}

export async function generateMetadata(): Promise<Metadata> {
  // The address is a secret: never indexed, and never sent to another site as a referrer ("same-origin" keeps the
  // Origin of this page's own posts, which "no-referrer" would make "null").
  return { title: translatorFor(await requestLocale())("subscribe.listTitle"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

function notice(raw: Awaited<TProps["searchParams"]>, t: TTranslator): string | null {
  const merged = countParam(raw.merged);
  const leftOut = countParam(raw.leftOut);
  if (first(raw.confirmed) === "1") return t("subscribe.confirmedNotice");
  if (first(raw.removed) !== undefined) return t("subscribe.removedNotice");
  if (merged !== null)
    return [t("subscribe.mergedNotice", { count: merged }), ...(leftOut ? [t("subscribe.leftOutNotice", { count: leftOut, max: MAX_SAVED_EVENTS })] : [])].join(
      " ",
    );
  return null;
}

/**
 * /saved/<token>: a subscriber's saved list on any device (the link in their mail), upcoming soonest first, then
 * "Past", each with Remove; the calendar feed's address; and, in a browser with saved events of its own not on the
 * list, the offer to merge them. An unknown token (or one not confirmed yet) is a 404.
 */
export default async function SubscriberSavedPage({ params, searchParams }: TProps) {
  const [{ token }, raw, locale, jar] = await Promise.all([params, searchParams, requestLocale(), cookies()]);
  const subscriber = await findSubscriberByToken(token);
  if (!subscriber) notFound();
  const t = translatorFor(locale);
  const [{ upcoming, past }, notInList] = await Promise.all([
    listSubscriberSavedEvents(subscriber.id),
    countNotInList(subscriber.id, parseSavedCookie(jar.get(SAVED_COOKIE)?.value)),
  ]);
  const message = notice(raw, t);
  return (
    <>
      <h1 className="text-3xl font-bold">{t("subscribe.listTitle")}</h1>
      <p className="mt-2 text-stone-700">{t("subscribe.listIntro")}</p>
      {message && (
        <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-green-900">
          {message}
        </p>
      )}
      <MergeSavedListOffer token={subscriber.token} count={notInList} locale={locale} />
      <section aria-labelledby="feed-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id="feed-title" className="text-xl font-semibold">
          {t("subscribe.feedTitle")}
        </h2>
        <p className="mt-2 text-stone-700">{t("subscribe.feedText")}</p>
        <CalendarFeedAddress token={subscriber.token} locale={locale} />
      </section>
      <SavedEventSections
        events={{ upcoming, past }}
        locale={locale}
        remove={{ action: localizedPath(locale, `/saved/${subscriber.token}/remove`), value: (event) => event.id }}
        empty={t("subscribe.empty")}
      />
      <p className="mt-10">
        <a href={localizedPath(locale, `/alerts/${subscriber.token}`)} className="font-medium text-brand-800 underline">
          {t("subscribe.alertsLink")}
        </a>
      </p>
    </>
  );
}
