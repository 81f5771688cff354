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
import { languageAlternates } from "@/lib/i18n/alternates";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { dayListingHref, neighbourLinks, readCalendarPage } from "@/lib/public-pages/calendar-page";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import { SITE_NAME, siteUrl } from "@/lib/site";
import { requestLocale } from "../request-locale";

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: TProps): Promise<Metadata> {
  const locale = await requestLocale();
  const page = readCalendarPage("week", await searchParams, undefined, locale);
  if (!page) notFound();
  const path = calendarHref("week", page.filters, page.periodValue);
  const canonical = siteUrl(localizedPath(locale, path));
  const description = translatorFor(locale)("calendar.weekDescription");
  return {
    title: page.title,
    description,
    alternates: { canonical, languages: languageAlternates(path) },
    openGraph: { type: "website", url: canonical, title: page.title, description, siteName: SITE_NAME },
    twitter: { card: "summary", title: page.title, description },
  };
}

/** /calendar: one Bali week, Monday to Sunday, day by day (the product contract's "Agenda and calendar"). */
export default async function CalendarWeekPage({ searchParams }: TProps) {
  const locale = await requestLocale();
  const page = readCalendarPage("week", await searchParams, undefined, locale);
  if (!page) notFound();
  const [days, reference] = await Promise.all([
    listCalendarDays({ filters: page.filters, start: page.period.start, end: page.period.end, perDay: AGENDA_EVENTS_PER_DAY }),
    listReferenceData(),
  ]);
  await trackPageView();
  const t = translatorFor(locale);
  const links = neighbourLinks(page, locale);
  return (
    <>
      <header className="mb-6">
        <h1 className="text-3xl font-bold">{page.title}</h1>
        {page.subtitle && <p className="mt-1 text-stone-700">{`${page.subtitle} · ${t("calendar.baliTime")}`}</p>}
      </header>
      <FilterDisclosure open={hasActiveFilters(page.filters)} locale={locale}>
        <EventFilters query={page.filters} reference={reference} calendar={{ path: "/calendar", name: "week", value: page.periodValue }} locale={locale} />
      </FilterDisclosure>
      {page.invalidFields.length > 0 && (
        <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {t("listing.invalidFilters", { fields: page.invalidFields.join(", ") })}
        </p>
      )}
      <PeriodNavigation
        previous={links.previous}
        next={links.next}
        previousLabel={t("calendar.previousWeek")}
        nextLabel={t("calendar.nextWeek")}
        label={t("calendar.pagesOfCalendar")}
      />
      <div className="mt-6">
        <WeekAgenda days={days} moreHref={(date) => dayListingHref(page.filters, date, locale)} locale={locale} />
      </div>
      <p className="mt-8 text-sm">
        <a href={localizedPath(locale, calendarHref("month", page.filters, page.period.start.slice(0, 7)))} className="text-brand-800 underline">
          {t("calendar.wholeMonth")}
        </a>
      </p>
    </>
  );
}
