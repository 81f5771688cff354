import { AlertForm } from "@/components/alert-form";
import { EventCard } from "@/components/event-card";
import { EventFilters } from "@/components/event-filters";
import { FilterDisclosure } from "@/components/filter-disclosure";
import { InvalidFiltersNotice } from "@/components/invalid-filters-notice";
import { QuickLinks } from "@/components/quick-links";
import { Pagination } from "@/components/pagination";
import { eventQueryToSearchParams, hasActiveFilters, type TEventQuery } from "@/lib/events/event-query";
import type { TEventListing } from "@/lib/events/list-public-events";
import type { TReferenceData, TReferenceItem } from "@/lib/reference/list-reference-data";
import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { alertQueryOf } from "@/lib/subscriptions/alert-target";

/**
 * The markup of `/` from its data: shared by the Next page (app/page.tsx) and
 * the light render path for anonymous visitors (lib/public-pages), so both
 * send the same page. Plain and synchronous: no data loading in here.
 */
export function ListingPage({
  query,
  invalidFields,
  listing,
  reference,
  busiestLocations,
  postCta,
  locale = DEFAULT_LOCALE,
}: {
  query: TEventQuery;
  invalidFields: readonly string[];
  listing: TEventListing;
  reference: TReferenceData;
  /** The quick links' locations (lib/events/busiest-locations.ts). */
  busiestLocations: readonly TReferenceItem[];
  /** "Post your event – USD 3". */
  postCta: string;
  locale?: TLocale;
}) {
  const t = translatorFor(locale);
  const href = (path: string) => localizedPath(locale, path);
  const hrefForPage = (page: number) => {
    const params = eventQueryToSearchParams(query, { page }).toString();
    return href(params ? `/?${params}` : "/");
  };
  return (
    <>
      <section className="mb-4 rounded-xl bg-gradient-to-r from-amber-700 to-brand-800 px-4 py-5 text-white sm:mb-8 sm:px-6 sm:py-10">
        <h1 className="text-2xl font-bold sm:text-4xl">{t("listing.heroTitle")}</h1>
        <p className="mt-2 hidden max-w-2xl text-lg sm:block">{t("listing.heroText")}</p>
        <a
          href={href("/dashboard/events/new")}
          className="mt-3 inline-block rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-brand-800 hover:bg-brand-50 sm:mt-5 sm:px-4 sm:py-2 sm:text-base"
        >
          {postCta}
        </a>
      </section>

      <QuickLinks locations={busiestLocations} locale={locale} />

      <FilterDisclosure open={hasActiveFilters(query) || query.dates === "all"} locale={locale}>
        <EventFilters query={query} reference={reference} locale={locale} />
      </FilterDisclosure>

      <InvalidFiltersNotice fields={invalidFields} locale={locale} />

      <section aria-labelledby="results-heading" className="mt-8">
        <h2 id="results-heading" className="mb-4 text-xl font-semibold">
          {listing.total === 0
            ? t("listing.resultsHeading")
            : listing.totalIsLowerBound
              ? t("listing.eventCountAtLeast", { count: listing.total })
              : t("listing.eventCount", { count: listing.total })}
          {listing.totalPages > 1 && (
            <span className="text-base font-normal text-stone-600">
              {` · ${t("listing.pageOf", { page: listing.page, pages: listing.totalPages })}${listing.totalIsLowerBound ? "+" : ""}`}
            </span>
          )}
        </h2>
        {listing.events.length === 0 ? (
          <div className="rounded-lg border border-dashed border-stone-300 bg-white p-10 text-center">
            <p className="text-xl font-semibold">{t("listing.noEventsTitle")}</p>
            <p className="mt-2 text-stone-700">{t("listing.noEventsText")}</p>
            <div className="mt-4 flex flex-wrap justify-center gap-4">
              {(hasActiveFilters(query) || (query.page ?? 1) > 1) && (
                <a href={href("/")} className="rounded-md border border-stone-300 px-4 py-2 font-medium hover:bg-stone-100">
                  {t("listing.clearFilters")}
                </a>
              )}
              <a href={href("/dashboard/events/new")} className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
                {postCta}
              </a>
            </div>
          </div>
        ) : (
          <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("listing.eventsList")}>
            {listing.events.map((event) => (
              <li key={event.id}>
                <EventCard event={event} locale={locale} />
              </li>
            ))}
          </ul>
        )}
        <Pagination page={listing.page} totalPages={listing.totalPages} hrefForPage={hrefForPage} locale={locale} />
      </section>

      <AlertForm target={{ kind: "query", query: alertQueryOf(query) }} locale={locale} />
    </>
  );
}
