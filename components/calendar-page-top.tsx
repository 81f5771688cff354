import { EventFilters } from "@/components/event-filters";
import { FilterDisclosure } from "@/components/filter-disclosure";
import { InvalidFiltersNotice } from "@/components/invalid-filters-notice";
import { PeriodNavigation } from "@/components/period-navigation";
import { hasActiveFilters } from "@/lib/events/event-query";
import type { TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { neighbourLinks, type TCalendarPage } from "@/lib/public-pages/calendar-page";
import type { TReferenceData } from "@/lib/reference/list-reference-data";

/** What the week and the month pages share above their days: the heading, the filters and the links to the previous and next period. */
export function CalendarPageTop({ page, subtitle, reference, locale }: { page: TCalendarPage; subtitle: string; reference: TReferenceData; locale: TLocale }) {
  const t = translatorFor(locale);
  const links = neighbourLinks(page, locale);
  const week = page.view === "week";
  return (
    <>
      <header className="mb-6">
        <h1 className="text-3xl font-bold">{page.title}</h1>
        <p className="mt-1 text-stone-700">{`${subtitle} · ${t("calendar.baliTime")}`}</p>
      </header>
      <FilterDisclosure open={hasActiveFilters(page.filters)} locale={locale}>
        <EventFilters
          query={page.filters}
          reference={reference}
          calendar={{ path: week ? "/calendar" : "/calendar/month", name: page.view, value: page.periodValue }}
          locale={locale}
        />
      </FilterDisclosure>
      <InvalidFiltersNotice fields={page.invalidFields} locale={locale} />
      <PeriodNavigation
        previous={links.previous}
        next={links.next}
        previousLabel={t(week ? "calendar.previousWeek" : "calendar.previousMonth")}
        nextLabel={t(week ? "calendar.nextWeek" : "calendar.nextMonth")}
        label={t("calendar.pagesOfCalendar")}
      />
    </>
  );
}
