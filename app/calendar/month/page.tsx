import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CalendarPageTop } from "@/components/calendar-page-top";
import { MonthGrid } from "@/components/month-grid";
import { calendarHref } from "@/lib/events/calendar-query";
import { listCalendarDays, MONTH_EVENTS_PER_DAY } from "@/lib/events/list-calendar-events";
import { trackPageView } from "@/lib/http/track-request";
import { dayListingHref, readCalendarPage } from "@/lib/public-pages/calendar-page";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import { SITE_NAME } from "@/lib/site";
import { languageAlternates, localizedUrl } from "@/lib/i18n/alternates";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "../../request-locale";

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: TProps): Promise<Metadata> {
  const locale = await requestLocale();
  const page = readCalendarPage("month", await searchParams, undefined, locale);
  if (!page) notFound();
  const t = translatorFor(locale);
  const path = calendarHref("month", page.filters, page.periodValue);
  const canonical = localizedUrl(locale, path);
  const title = t("calendar.monthTitle", { month: page.title });
  const description = t("calendar.monthDescription", { month: page.title });
  return {
    title,
    description,
    alternates: { canonical, languages: languageAlternates(path) },
    openGraph: { type: "website", url: canonical, title, description, siteName: SITE_NAME },
    twitter: { card: "summary", title, description },
  };
}

/** /calendar/month: one month as a grid, Monday to Sunday (the product contract's "Agenda and calendar"). */
export default async function CalendarMonthPage({ searchParams }: TProps) {
  const locale = await requestLocale();
  const page = readCalendarPage("month", await searchParams, undefined, locale);
  if (!page) notFound();
  const [days, reference] = await Promise.all([
    listCalendarDays({ filters: page.filters, start: page.period.start, end: page.period.end, perDay: MONTH_EVENTS_PER_DAY }),
    listReferenceData(),
  ]);
  await trackPageView();
  const t = translatorFor(locale);
  return (
    <>
      <CalendarPageTop page={page} subtitle={t("calendar.monthSubtitle")} reference={reference} locale={locale} />
      <div className="mt-6">
        <MonthGrid caption={page.title} days={days} moreHref={(date) => dayListingHref(page.filters, date, locale)} locale={locale} />
      </div>
      <p className="mt-8 text-sm">
        <a href={localizedPath(locale, calendarHref("week", page.filters))} className="text-brand-800 underline">
          {t("calendar.weekDayByDay")}
        </a>
      </p>
    </>
  );
}
