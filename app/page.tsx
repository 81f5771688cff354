import { ListingPage } from "@/components/listing-page";
import { canonicalListingQuery } from "@/lib/events/event-query";
import { busiestLocations } from "@/lib/events/busiest-locations";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import type { Metadata } from "next";
import { postingFeeLabel, SITE_NAME } from "@/lib/site";
import { listingCanonicalUrl, listingPath } from "@/lib/public-pages/listing-head";
import { trackPageView } from "@/lib/http/track-request";
import { languageAlternates } from "@/lib/i18n/alternates";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "./request-locale";

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A link preview of / (or of a filtered list) reads the same description; the canonical URL is the canonical query. */
export async function generateMetadata({ searchParams }: TProps): Promise<Metadata> {
  const { key } = canonicalListingQuery(await searchParams);
  const locale = await requestLocale();
  const canonical = listingCanonicalUrl(key, locale);
  const t = translatorFor(locale);
  const [title, description] = [t("listing.title"), t("site.description")];
  return {
    title: { absolute: title },
    description,
    alternates: { canonical, languages: languageAlternates(listingPath(key)) },
    openGraph: { type: "website", url: canonical, title, description, siteName: SITE_NAME },
    twitter: { card: "summary", title, description },
  };
}

export default async function HomePage({ searchParams }: TProps) {
  // The same parse the page cache keys this page by (lib/page-cache/key.ts).
  const { query, invalidFields } = canonicalListingQuery(await searchParams);
  const locale = await requestLocale();
  const [listing, reference, locations] = await Promise.all([listPublicEvents({ query }), listReferenceData(), busiestLocations()]);
  await trackPageView();
  return (
    <ListingPage
      query={query}
      invalidFields={invalidFields}
      listing={listing}
      reference={reference}
      busiestLocations={locations}
      postCta={translatorFor(locale)("listing.postCta", { fee: postingFeeLabel(locale) })}
      locale={locale}
    />
  );
}
