/**
 * What rendering the markup of `/` costs outside Next (decision 010):
 *
 *   npx tsx scripts/bench/render-cost.tsx [--renders 2000]
 *
 * Renders the site header, the filter form (all reference data), 24 event
 * cards and the pagination with `renderToStaticMarkup` from react-dom/server,
 * in plain Node, and prints the mean time per page. No database: the cards
 * are made up, so only the render is measured. Compare with the cache-off
 * rows of `npm run bench` (a render through Next's full pipeline).
 */
import { performance } from "node:perf_hooks";
import { renderToStaticMarkup } from "react-dom/server";
import { EventCard } from "@/components/event-card";
import { EventFilters } from "@/components/event-filters";
import { Pagination } from "@/components/pagination";
import { SiteHeader } from "@/components/site-header";
import type { TEventCard } from "@/lib/events/event-card";
import { slugify } from "@/lib/format/slug";
import type { TReferenceData, TReferenceItem } from "@/lib/reference/list-reference-data";
import { ENTRANCE_TYPES, EVENT_TYPES, LOCATIONS, PARTICIPANT_GROUPS } from "@/lib/reference/reference-data";

const HOUR_MS = 3_600_000;

function referenceItems(names: readonly string[]): TReferenceItem[] {
  return names.map((name, index) => ({ id: index + 1, name, slug: slugify(name) }));
}

function madeUpCard(index: number, now: number): TEventCard {
  const startsAt = new Date(now + index * HOUR_MS);
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    slug: `sunrise-yoga-flow-${index}`,
    title: `Sunrise yoga flow ${index}`,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 1.5 * HOUR_MS).toISOString(),
    location: { name: "Ubud", slug: "ubud" },
    eventType: { name: "Yoga", slug: "yoga" },
    entranceType: { name: "Pay at Site", slug: "pay-at-site" },
    entranceFeeIdr: index % 3 === 0 ? 0 : 150_000,
    organiser: "Bali Yoga House",
    creatorId: "creator",
    venueName: "The Yoga Barn",
    languages: ["en"],
    isFeatured: index < 2,
    isCancelled: false,
    image: index % 2 === 0 ? { url: `/uploads/events/${index}/card.webp`, width: 640, height: 400 } : null,
    seriesId: null,
    repeats: null,
  };
}

function main() {
  const flag = process.argv.indexOf("--renders");
  const renders = flag === -1 ? 2_000 : Number(process.argv[flag + 1]);
  if (!Number.isInteger(renders) || renders < 1) throw new Error("--renders takes a positive whole number");
  const reference: TReferenceData = {
    locations: referenceItems(LOCATIONS),
    eventTypes: referenceItems(EVENT_TYPES),
    entranceTypes: referenceItems(ENTRANCE_TYPES),
    participantGroups: referenceItems(PARTICIPANT_GROUPS),
  };
  const now = Date.now();
  const cards = Array.from({ length: 24 }, (_, index) => madeUpCard(index, now));
  const page = () => (
    <html lang="en">
      <body>
        <SiteHeader />
        <main id="main">
          <h1>Discover events in Bali</h1>
          <EventFilters query={{}} reference={reference} />
          <ul aria-label="Events">
            {cards.map((card) => (
              <li key={card.id}>
                <EventCard event={card} />
              </li>
            ))}
          </ul>
          <Pagination page={1} totalPages={42} hrefForPage={(number) => `/?page=${number}`} />
        </main>
      </body>
    </html>
  );
  let html = "";
  for (let index = 0; index < 200; index++) html = renderToStaticMarkup(page()); // warm-up
  const started = performance.now();
  for (let index = 0; index < renders; index++) html = renderToStaticMarkup(page());
  const perPage = (performance.now() - started) / renders;
  console.log(
    `renderToStaticMarkup of the markup of /: ${perPage.toFixed(3)} ms per page (mean of ${renders}), ${html.length.toLocaleString("en-US")} characters`,
  );
}

main();
