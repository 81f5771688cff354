import { EventCard } from "@/components/event-card";
import { EventFilters } from "@/components/event-filters";
import { Pagination } from "@/components/pagination";
import { canonicalListingQuery, eventQueryToSearchParams, hasActiveFilters } from "@/lib/events/event-query";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import type { Metadata } from "next";
import { postingFeeLabel, SITE_DESCRIPTION, SITE_NAME, siteUrl } from "@/lib/site";
import { trackPageView } from "@/lib/http/track-request";

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A link preview of / (or of a filtered list) reads the same description; the canonical URL is the canonical query. */
export async function generateMetadata({ searchParams }: TProps): Promise<Metadata> {
  const { key } = canonicalListingQuery(await searchParams);
  const canonical = siteUrl(key && !key.includes("#") ? `/?${key}` : "/");
  const title = `${SITE_NAME} — events in Bali`;
  return {
    description: SITE_DESCRIPTION,
    alternates: { canonical },
    openGraph: { type: "website", url: canonical, title, description: SITE_DESCRIPTION, siteName: SITE_NAME },
    twitter: { card: "summary", title, description: SITE_DESCRIPTION },
  };
}

export default async function HomePage({ searchParams }: TProps) {
  // The same parse the page cache keys this page by (lib/page-cache/key.ts).
  const { query, invalidFields } = canonicalListingQuery(await searchParams);
  const [listing, reference] = await Promise.all([listPublicEvents({ query }), listReferenceData()]);
  await trackPageView();
  const postCta = `Post your event – ${postingFeeLabel()}`;
  const hrefForPage = (page: number) => {
    const params = eventQueryToSearchParams(query, { page }).toString();
    return params ? `/?${params}` : "/";
  };

  return (
    <>
      <section className="mb-8 rounded-xl bg-gradient-to-r from-amber-700 to-brand-800 px-6 py-10 text-white">
        <h1 className="text-3xl font-bold sm:text-4xl">Discover events in Bali</h1>
        <p className="mt-2 max-w-2xl text-lg">
          Yoga, sound healing, ecstatic dance, markets, concerts and workshops — tonight, this weekend and next month. All times are Bali time (WITA).
        </p>
        <a href="/dashboard/events/new" className="mt-5 inline-block rounded-md bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50">
          {postCta}
        </a>
      </section>

      <EventFilters query={query} reference={reference} />

      {invalidFields.length > 0 && (
        <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Some filters in the link were not valid and were ignored: {invalidFields.join(", ")}.
        </p>
      )}

      <section aria-labelledby="results-heading" className="mt-8">
        <h2 id="results-heading" className="mb-4 text-xl font-semibold">
          {listing.total === 0
            ? "Events"
            : `${listing.total.toLocaleString("en-US")}${listing.totalIsLowerBound ? "+" : ""} ${listing.total === 1 ? "event" : "events"}`}
          {listing.totalPages > 1 && (
            <span className="text-base font-normal text-stone-600">
              {" "}
              · page {listing.page} of {listing.totalPages}
              {listing.totalIsLowerBound ? "+" : ""}
            </span>
          )}
        </h2>
        {listing.events.length === 0 ? (
          <div className="rounded-lg border border-dashed border-stone-300 bg-white p-10 text-center">
            <p className="text-xl font-semibold">No events found</p>
            <p className="mt-2 text-stone-700">Try other dates or fewer filters.</p>
            <div className="mt-4 flex flex-wrap justify-center gap-4">
              {(hasActiveFilters(query) || (query.page ?? 1) > 1) && (
                // eslint-disable-next-line @next/next/no-html-link-for-pages -- a plain link: public pages have no client components and are served script-free (docs/lighthouse/README.md)
                <a href="/" className="rounded-md border border-stone-300 px-4 py-2 font-medium hover:bg-stone-100">
                  Clear filters
                </a>
              )}
              <a href="/dashboard/events/new" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
                {postCta}
              </a>
            </div>
          </div>
        ) : (
          <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3" aria-label="Events">
            {listing.events.map((event) => (
              <li key={event.id}>
                <EventCard event={event} />
              </li>
            ))}
          </ul>
        )}
        <Pagination page={listing.page} totalPages={listing.totalPages} hrefForPage={hrefForPage} />
      </section>
    </>
  );
}
