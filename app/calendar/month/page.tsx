import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EventFilters } from "@/components/event-filters";
import { FilterDisclosure } from "@/components/filter-disclosure";
import { MonthGrid } from "@/components/month-grid";
import { PeriodNavigation } from "@/components/period-navigation";
import { calendarHref } from "@/lib/events/calendar-query";
import { hasActiveFilters } from "@/lib/events/event-query";
import { listCalendarDays, MONTH_EVENTS_PER_DAY } from "@/lib/events/list-calendar-events";
import { trackPageView } from "@/lib/http/track-request";
import { dayListingHref, neighbourLinks, readCalendarPage } from "@/lib/public-pages/calendar-page";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import { SITE_NAME, siteUrl } from "@/lib/site";

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: TProps): Promise<Metadata> {
  const page = readCalendarPage("month", await searchParams);
  if (!page) notFound();
  const canonical = siteUrl(calendarHref("month", page.filters, page.periodValue));
  const description = `What is on in Bali in ${page.title}, day by day: yoga, sound healing, ecstatic dance, markets, concerts and workshops.`;
  return {
    title: `${page.title} in Bali`,
    description,
    alternates: { canonical },
    openGraph: { type: "website", url: canonical, title: `${page.title} in Bali`, description, siteName: SITE_NAME },
    twitter: { card: "summary", title: `${page.title} in Bali`, description },
  };
}

/** /calendar/month: one month as a grid, Monday to Sunday (the product contract's "Agenda and calendar"). */
export default async function CalendarMonthPage({ searchParams }: TProps) {
  const page = readCalendarPage("month", await searchParams);
  if (!page) notFound();
  const [days, reference] = await Promise.all([
    listCalendarDays({ filters: page.filters, start: page.period.start, end: page.period.end, perDay: MONTH_EVENTS_PER_DAY }),
    listReferenceData(),
  ]);
  await trackPageView();
  const links = neighbourLinks(page);
  return (
    <>
      <header className="mb-6">
        <h1 className="text-3xl font-bold">{page.title}</h1>
        <p className="mt-1 text-stone-700">Events in Bali by day · all times are Bali time (WITA)</p>
      </header>
      <FilterDisclosure open={hasActiveFilters(page.filters)}>
        <EventFilters query={page.filters} reference={reference} calendar={{ path: "/calendar/month", name: "month", value: page.periodValue }} />
      </FilterDisclosure>
      {page.invalidFields.length > 0 && (
        <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Some filters in the link were not valid and were ignored: {page.invalidFields.join(", ")}.
        </p>
      )}
      <PeriodNavigation previous={links.previous} next={links.next} previousLabel="Previous month" nextLabel="Next month" />
      <div className="mt-6">
        <MonthGrid caption={page.title} days={days} moreHref={(date) => dayListingHref(page.filters, date)} />
      </div>
      <p className="mt-8 text-sm">
        <a href={calendarHref("week", page.filters)} className="text-brand-800 underline">
          This week, day by day
        </a>
      </p>
    </>
  );
}
