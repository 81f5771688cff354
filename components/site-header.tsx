import { DEFAULT_LOCALE, LANGUAGES, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { LanguageLinks } from "./language-links";
import { SaveForm } from "./save-button";

/**
 * The header of every page: the site's name, the main links and the language switcher. `path` is the page's path
 * without language prefix, with its canonical query: the switcher links to it in each language (admin pages, which
 * stay in English, have none). Plain links, not next/link: public pages have no client components and are served
 * script-free (docs/lighthouse/README.md). `liveSwitcher`: on a page that navigates without full page loads (the
 * dashboard, sign-in), where this header, part of the root layout, is not rendered again, the layout hands in a
 * switcher that follows the browser's address (LiveLanguageLinks). Passed in, not imported: the light render path
 * (server.mjs) renders this header outside Next, where a client component cannot load.
 */
export function SiteHeader({ locale = DEFAULT_LOCALE, path = "/", liveSwitcher }: { locale?: TLocale; path?: string; liveSwitcher?: React.ReactNode }) {
  const languages = path === "/admin" || path.startsWith("/admin/") || path.startsWith("/admin?") ? [] : LANGUAGES;
  const t = translatorFor(locale);
  const href = (target: string) => localizedPath(locale, target);
  return (
    <header className="border-b border-stone-200 bg-white">
      <a href="#main" className="skip-link">
        {t("site.skipToContent")}
      </a>
      <SaveForm locale={locale} />
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <a href={href("/")} className="text-xl font-bold text-brand-700">
          <span aria-hidden="true">🌴 </span>Zen Bali
        </a>
        {liveSwitcher ??
          (languages.length > 0 && (
            <LanguageLinks
              label={t("site.languages")}
              links={languages.map((language) => ({
                code: language.code,
                name: language.name,
                href: localizedPath(language.code, path),
                current: language.code === locale,
              }))}
            />
          ))}
        <nav aria-label={t("site.mainNavigation")}>
          <ul className="flex items-center gap-4 text-sm font-medium">
            <li>
              <a href={href("/")} className="hover:text-brand-700">
                {t("site.events")}
              </a>
            </li>
            <li>
              <a href={href("/calendar")} className="hover:text-brand-700">
                {t("site.thisWeek")}
              </a>
            </li>
            <li>
              <a href={href("/saved")} className="hover:text-brand-700">
                {t("saved.nav")}
              </a>
            </li>
            <li>
              <a href={href("/dashboard/events/new")} className="hover:text-brand-700">
                {t("site.postAnEvent")}
              </a>
            </li>
            <li>
              <a href={href("/login")} className="rounded-md border border-brand-600 px-3 py-1.5 text-brand-700 hover:bg-brand-50">
                {t("site.logIn")}
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
