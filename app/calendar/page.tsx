import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EventFilters } from "@/components/event-filters";
import { FilterDisclosure } from "@/components/filter-disclosure";
import { PeriodNavigation } from "@/components/period-navigation";
import { WeekAgenda } from "@/components/week-agenda";
import { calendarHref } from "@/lib/events/calendar-query";
import { hasActiveFilters } from "@/lib/events/event-query";
import { AGENDA_EVENTS_PER_DAY, listCalendarDays } from "@/lib/events/list-calendar-events";
import { trackPageView } from "@/lib/http/track-request";
import { dayListingHref, neighbourLinks, readCalendarPage } from "@/lib/public-pages/calendar-page";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import { SITE_NAME, siteUrl } from "@/lib/site";

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const DESCRIPTION = "Everything on in Bali this week, day by day: yoga, sound healing, ecstatic dance, markets, concerts and workshops. Bali time (WITA).";

export async function generateMetadata({ searchParams }: TProps): Promise<Metadata> {
  const page = readCalendarPage("week", await searchParams);
  if (!page) notFound();
  const canonical = siteUrl(calendarHref("week", page.filters, page.periodValue));
  return {
    title: page.title,
    description: DESCRIPTION,
    alternates: { canonical },
    openGraph: { type: "website", url: canonical, title: page.title, description: DESCRIPTION, siteName: SITE_NAME },
    twitter: { card: "summary", title: page.title, description: DESCRIPTION },
  };
}

/** /calendar: one Bali week, Monday to Sunday, day by day (the product contract's "Agenda and calendar"). */
export default async function CalendarWeekPage({ searchParams }: TProps) {
  const page = readCalendarPage("week", await searchParams);
  if (!page) notFound();
  const [days, reference] = await Promise.all([
    listCalendarDays({ filters: page.filters, start: page.period.start, end: page.period.end, perDay: AGENDA_EVENTS_PER_DAY }),
    listReferenceData(),
  ]);
  await trackPageView();
  const links = neighbourLinks(page);
  return (
    <>
      <header className="mb-6">
        <h1 className="text-3xl font-bold">{page.title}</h1>
        {page.subtitle && <p className="mt-1 text-stone-700">{page.subtitle} · all times are Bali time (WITA)</p>}
      </header>
      <FilterDisclosure open={hasActiveFilters(page.filters)}>
        <EventFilters query={page.filters} reference={reference} calendar={{ path: "/calendar", name: "week", value: page.periodValue }} />
      </FilterDisclosure>
      {page.invalidFields.length > 0 && (
        <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Some filters in the link were not valid and were ignored: {page.invalidFields.join(", ")}.
        </p>
      )}
      <PeriodNavigation previous={links.previous} next={links.next} previousLabel="Previous week" nextLabel="Next week" />
      <div className="mt-6">
        <WeekAgenda days={days} moreHref={(date) => dayListingHref(page.filters, date)} />
      </div>
      <p className="mt-8 text-sm">
        <a href={calendarHref("month", page.filters, page.period.start.slice(0, 7))} className="text-brand-800 underline">
          See the whole month
        </a>
      </p>
    </>
  );
}
