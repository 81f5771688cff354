import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { visitorCountText } from "@/lib/i18n/visitor-count";
import { getVisitorCount } from "@/lib/stats/get-visitor-count";

export async function SiteFooter({ locale = DEFAULT_LOCALE }: { locale?: TLocale }) {
  return <SiteFooterView visitors={await getVisitorCount()} locale={locale} />;
}

/** The footer's markup for a visitor count (the light render path of lib/public-pages renders it too). */
export function SiteFooterView({ visitors, locale = DEFAULT_LOCALE }: { visitors: number; locale?: TLocale }) {
  const t = translatorFor(locale);
  return (
    <footer className="mt-16 bg-stone-900 text-stone-200">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-8 text-sm sm:flex-row sm:items-center sm:justify-between">
        <p>
          {/* data-live: the page cache (lib/page-cache) puts the current count into cached copies of the page;
              one text node, and no hydration warning when the served count is newer than the rendered one. */}
          {/* data-locale: the language the page cache writes the count in (lib/page-cache/store.ts); English has none. */}
          <span data-testid="visitor-count" data-live="visitors" data-locale={locale === DEFAULT_LOCALE ? undefined : locale} suppressHydrationWarning>
            {visitorCountText(locale, visitors)}
          </span>
        </p>
        <nav aria-label={t("site.feeds")}>
          <ul className="flex gap-4">
            <li>
              <a href={localizedPath(locale, "/feed.xml")} className="underline">
                {t("site.rssFeed")}
              </a>
            </li>
            <li>
              <a href={localizedPath(locale, "/events.ics")} className="underline">
                {t("site.calendarFeed")}
              </a>
            </li>
          </ul>
        </nav>
        <p>{t("site.footerLine", { year: String(new Date().getUTCFullYear()) })}</p>
      </div>
    </footer>
  );
}
