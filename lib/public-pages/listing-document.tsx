// No "server-only": rendered by the page cache in server.mjs (outside Next's bundle); see docs/decisions/010-light-render-path-for-public-pages.md.
import { renderToStaticMarkup } from "react-dom/server";
import { ListingPage } from "@/components/listing-page";
import { SiteFooterView } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { canonicalListingQuery } from "@/lib/events/event-query";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { busiestLocations } from "@/lib/events/busiest-locations";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import { postingFeeLabel, SITE_DESCRIPTION, SITE_NAME } from "@/lib/site";
import { LISTING_TITLE, listingCanonicalUrl, listingPath } from "./listing-head";
import { SITE_ICON, THEME_COLOR } from "@/lib/site-head";
import { languageAlternates } from "@/lib/i18n/alternates";
import { switcherPathOf } from "@/lib/i18n/switcher-path";

/** What the light path needs from the Next build: the stylesheets the root layout links (scripts/build-server.mjs). */
export type TBuildAssets = { stylesheets: string[] };

/** A rendered page: its HTML and the response headers Next would have sent with it. */
export type TRenderedPage = { body: string; headers: Record<string, string> };

/**
 * Headers Next sends with a page (`Vary` for its client navigations and compression; `Link` preloads the
 * stylesheet): the same on both paths, so a copy does not depend on which one rendered it.
 */
function pageHeaders(assets: TBuildAssets): Record<string, string> {
  return {
    "content-type": "text/html; charset=utf-8",
    vary: "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding",
    link: assets.stylesheets.map((href) => `<${href}>; rel=preload; as="style"`).join(", "),
    // next.config.mjs's headers() for every path.
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
  };
}

/**
 * The anonymous listing (`/` with any query) as a complete HTML document:
 * the same query parse, data and components as app/page.tsx and
 * app/layout.tsx, rendered with react-dom/server instead of Next's RSC
 * pipeline. It carries no script, like the page cache's copy of Next's
 * render; the e2e test "the light render path" checks the two are equal.
 * `visitors`: the footer's count (the page cache fills in the live one).
 */
export async function renderListingDocument(searchParams: URLSearchParams, assets: TBuildAssets, visitors: number): Promise<TRenderedPage> {
  const { query, invalidFields, key } = canonicalListingQuery(searchParams);
  // As app/page.tsx's metadata and app/layout.tsx's header have them (English: the light path takes "/" only).
  const alternates = languageAlternates(listingPath(key));
  const switcherPath = switcherPathOf(searchParams.size > 0 ? `/?${searchParams.toString()}` : "/");
  const [listing, reference, locations] = await Promise.all([listPublicEvents({ query }), listReferenceData(), busiestLocations()]);
  const title = LISTING_TITLE;
  const canonical = listingCanonicalUrl(key);
  const html = renderToStaticMarkup(
    <html lang="en">
      {/* eslint-disable-next-line @next/next/no-head-element -- rendered by react-dom/server outside Next, where next/head does nothing */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {assets.stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} precedence="next" />
        ))}
        <meta name="theme-color" content={THEME_COLOR} />
        <title>{title}</title>
        <meta name="description" content={SITE_DESCRIPTION} />
        <link rel="canonical" href={canonical} />
        {Object.entries(alternates).map(([language, href]) => (
          <link key={language} rel="alternate" hrefLang={language} href={href} />
        ))}
        <meta property="og:title" content={title} />
        <meta property="og:description" content={SITE_DESCRIPTION} />
        <meta property="og:url" content={canonical} />
        <meta property="og:site_name" content={SITE_NAME} />
        <meta property="og:type" content="website" />
        <meta name="twitter:card" content="summary" />
        <meta name="twitter:title" content={title} />
        <meta name="twitter:description" content={SITE_DESCRIPTION} />
        <link rel="icon" href={SITE_ICON} />
      </head>
      <body className="min-h-screen bg-stone-50 font-sans text-stone-900 antialiased">
        <SiteHeader locale="en" path={switcherPath} />
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          <ListingPage
            query={query}
            invalidFields={invalidFields}
            listing={listing}
            reference={reference}
            busiestLocations={locations}
            postCta={`Post your event – ${postingFeeLabel()}`}
          />
        </main>
        <SiteFooterView visitors={visitors} locale="en" />
      </body>
    </html>,
  );
  return { body: `<!DOCTYPE html>${html}`, headers: pageHeaders(assets) };
}

/** The light renderer the page cache uses (lib/page-cache/page-cache.ts): `/` and its queries. */
export function createLightRenderer(assets: TBuildAssets) {
  return {
    takes: (pathname: string) => pathname === "/",
    render: (target: URL, visitors: number) => renderListingDocument(target.searchParams, assets, visitors),
  };
}
