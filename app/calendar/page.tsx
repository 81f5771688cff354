import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CalendarPageTop } from "@/components/calendar-page-top";
import { WeekAgenda } from "@/components/week-agenda";
import { calendarHref } from "@/lib/events/calendar-query";
import { AGENDA_EVENTS_PER_DAY, listCalendarDays } from "@/lib/events/list-calendar-events";
import { trackPageView } from "@/lib/http/track-request";
import { languageAlternates, localizedUrl } from "@/lib/i18n/alternates";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { dayListingHref, readCalendarPage } from "@/lib/public-pages/calendar-page";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import { SITE_NAME } from "@/lib/site";
import { requestLocale } from "../request-locale";

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: TProps): Promise<Metadata> {
  const locale = await requestLocale();
  const page = readCalendarPage("week", await searchParams, undefined, locale);
  if (!page) notFound();
  const path = calendarHref("week", page.filters, page.periodValue);
  const canonical = localizedUrl(locale, path);
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
  return (
    <>
      <CalendarPageTop page={page} subtitle={page.subtitle ?? ""} reference={reference} locale={locale} />
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
