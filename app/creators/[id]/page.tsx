import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AlertForm } from "@/components/alert-form";
import { EventCard } from "@/components/event-card";
import { getCreatorProfile } from "@/lib/events/list-creator-public-events";
import { languageAlternates, localizedUrl } from "@/lib/i18n/alternates";
import { translatorFor } from "@/lib/i18n/translator";
import { SITE_NAME } from "@/lib/site";
import { requestLocale } from "../../request-locale";

type TProps = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const profile = await getCreatorProfile((await params).id);
  if (!profile) return { title: t("creator.notFound"), robots: { index: false, follow: false } };
  const name = profile.organisation || profile.name;
  const description = t("creator.metaDescription", { count: profile.events.length, name, site: SITE_NAME });
  const path = `/creators/${profile.id}`;
  const url = localizedUrl(locale, path);
  return {
    title: name,
    description,
    alternates: { canonical: url, languages: languageAlternates(path) },
    openGraph: { type: "profile", url, title: name, description, siteName: SITE_NAME },
    twitter: { card: "summary", title: name, description },
  };
}

export default async function CreatorPage({ params }: TProps) {
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const profile = await getCreatorProfile((await params).id);
  if (!profile) notFound();
  return (
    <>
      <h1 className="text-3xl font-bold">{profile.name}</h1>
      {profile.organisation && <p className="mt-1 text-lg text-stone-700">{profile.organisation}</p>}
      <section aria-labelledby="upcoming-heading" className="mt-8">
        <h2 id="upcoming-heading" className="mb-4 text-xl font-semibold">
          {t("creator.upcoming")}
        </h2>
        {profile.events.length === 0 ? (
          <p className="text-stone-700">{t("creator.noUpcoming")}</p>
        ) : (
          <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {profile.events.map((event) => (
              <li key={event.id} className="flex">
                <EventCard event={event} locale={locale} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <AlertForm target={{ kind: "creator", creatorId: profile.id, name: profile.organisation || profile.name }} locale={locale} />
    </>
  );
}
