import type { Metadata } from "next";
import { cookies } from "next/headers";
import { SavedEventSections } from "@/components/saved-event-sections";
import { SavedFeedPanel } from "@/components/saved-feed-panel";
import { SavedSubscribeForm } from "@/components/saved-subscribe-form";
import { toSafeRedirectPath } from "@/lib/auth/safe-redirect";
import { getEnv } from "@/lib/env";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor, type TTranslator } from "@/lib/i18n/translator";
import { findSavableEvent } from "@/lib/saved/find-savable-event";
import { listSavedEvents } from "@/lib/saved/list-saved-events";
import { MAX_SAVED_EVENTS, parseSavedCookie, SAVED_COOKIE } from "@/lib/saved/saved-cookie";
import { findCookieSubscriber } from "@/lib/subscriptions/find-cookie-subscriber";
import { SUBSCRIBER_COOKIE } from "@/lib/subscriptions/subscriber-cookie";
import { requestLocale } from "../request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("saved.title"), robots: { index: false, follow: false } };
}

type TSearch = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The line at the top after a Save or Remove ("Saved: <title>"), with the link back to the page the button was on. */
async function notice(raw: Awaited<TSearch>, t: TTranslator): Promise<{ text: string; back: string | null; tone: "ok" | "warn" } | null> {
  const back = toSafeRedirectPath(first(raw.back), getEnv().APP_URL);
  const saved = first(raw.saved);
  const removed = first(raw.removed);
  const code = first(raw.notice);
  if (saved || removed) {
    // Only an event a visitor can see is named: the slug in the URL is anyone's to write.
    const event = await findSavableEvent(saved ?? removed);
    if (!event) return null;
    return { text: saved ? t("saved.savedNotice", { title: event.title }) : t("saved.removedNotice", { title: event.title }), back, tone: "ok" };
  }
  if (code === "full") return { text: t("saved.fullNotice", { max: MAX_SAVED_EVENTS }), back, tone: "warn" };
  if (code === "missing") return { text: t("saved.missingNotice"), back, tone: "warn" };
  return null;
}

/** /saved — "Saved events": the visitor's saved list (a signed cookie), upcoming soonest first, then "Past". */
export default async function SavedPage({ searchParams }: { searchParams: TSearch }) {
  const [raw, locale, jar] = await Promise.all([searchParams, requestLocale(), cookies()]);
  const t = translatorFor(locale);
  const keys = parseSavedCookie(jar.get(SAVED_COOKIE)?.value);
  const [{ upcoming, past }, message, subscriber] = await Promise.all([
    listSavedEvents(keys),
    notice(raw, t),
    // A browser that confirmed a subscription shows its calendar feed instead of the form.
    findCookieSubscriber({ subscriberCookie: jar.get(SUBSCRIBER_COOKIE)?.value, savedKeys: keys }),
  ]);
  const count = upcoming.length + past.length;
  return (
    <>
      <h1 className="text-3xl font-bold">{t("saved.title")}</h1>
      <p className="mt-2 text-stone-700">{t("saved.intro")}</p>
      {message && (
        <p role="status" className={`mt-4 rounded-md p-3 ${message.tone === "ok" ? "bg-green-50 text-green-900" : "bg-amber-50 text-amber-900"}`}>
          {message.text}
          {message.back && (
            <>
              {" "}
              <a href={message.back} className="font-medium underline">
                {t("saved.back")}
              </a>
            </>
          )}
        </p>
      )}
      <SavedEventSections
        events={{ upcoming, past }}
        locale={locale}
        remove={{ action: localizedPath(locale, "/saved/remove"), value: (event) => event.slug }}
        empty={t("saved.empty")}
      />
      {subscriber ? <SavedFeedPanel subscriber={subscriber} locale={locale} /> : count > 0 && <SavedSubscribeForm locale={locale} />}
    </>
  );
}
