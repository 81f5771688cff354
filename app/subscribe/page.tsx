import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AlertForm } from "@/components/alert-form";
import { SavedSubscribeForm } from "@/components/saved-subscribe-form";
import { getCreatorProfile } from "@/lib/events/list-creator-public-events";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { canonicalAlertQuery } from "@/lib/subscriptions/alert-target";
import { requestLocale } from "../request-locale";

type TSearch = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata({ searchParams }: { searchParams: TSearch }): Promise<Metadata> {
  const t = translatorFor(await requestLocale());
  return { title: first((await searchParams).notice) === "email" ? t("subscribe.invalidTitle") : t("subscribe.sentTitle"), robots: { index: false } };
}

/**
 * Where the subscription forms land (lib/subscriptions/subscription-posts.ts): `?notice=sent`, "Check your inbox",
 * the same page for every address; `?notice=email&for=saved|query|creator`, an address that is not one, with the
 * same form again (its query or organiser read back as the post reads them).
 */
export default async function SubscribePage({ searchParams }: { searchParams: TSearch }) {
  const [raw, locale] = await Promise.all([searchParams, requestLocale()]);
  const t = translatorFor(locale);
  const notice = first(raw.notice);
  if (notice === "sent") {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="text-3xl font-bold">{t("subscribe.sentTitle")}</h1>
        <p role="status" className="mt-3 text-stone-700">
          {t("subscribe.sentText")}
        </p>
        <p className="mt-3 text-sm text-stone-600">{t("subscribe.sentSpam")}</p>
      </div>
    );
  }
  if (notice !== "email") notFound();

  const error = t("subscribe.invalidEmail");
  let form: React.ReactNode;
  let back: { href: string; text: string };
  const kind = first(raw.for);
  if (kind === "saved") {
    form = <SavedSubscribeForm locale={locale} error={error} />;
    back = { href: localizedPath(locale, "/saved"), text: t("subscribe.backToSaved") };
  } else if (kind === "query") {
    const query = canonicalAlertQuery(first(raw.query) ?? "");
    if (query === null) notFound();
    form = <AlertForm target={{ kind: "query", query }} locale={locale} error={error} />;
    back = { href: localizedPath(locale, query ? `/?${query}` : "/"), text: t("subscribe.backToListing") };
  } else if (kind === "creator") {
    const profile = await getCreatorProfile(first(raw.creator) ?? "");
    if (!profile) notFound();
    form = <AlertForm target={{ kind: "creator", creatorId: profile.id, name: profile.organisation || profile.name }} locale={locale} error={error} />;
    back = { href: localizedPath(locale, `/creators/${profile.id}`), text: t("subscribe.backToListing") };
  } else {
    notFound();
  }
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">{t("subscribe.invalidTitle")}</h1>
      {form}
      <p className="mt-6">
        <a href={back.href} className="font-medium underline">
          {back.text}
        </a>
      </p>
    </div>
  );
}
