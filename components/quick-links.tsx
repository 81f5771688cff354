import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import type { TReferenceItem } from "@/lib/reference/list-reference-data";

/**
 * One tap to what most visitors look for, under the heading of "/": tonight,
 * this weekend, the week's agenda, and the busiest locations.
 */
export function QuickLinks({ locations, locale = DEFAULT_LOCALE }: { locations: readonly TReferenceItem[]; locale?: TLocale }) {
  const t = translatorFor(locale);
  const links = [
    { href: "/?when=tonight", label: t("when.tonight") },
    { href: "/?when=weekend", label: t("when.weekend") },
    { href: "/calendar", label: t("site.thisWeek") },
    ...locations.map((location) => ({ href: `/?location=${encodeURIComponent(location.slug)}`, label: location.name })),
  ].map((link) => ({ ...link, href: localizedPath(locale, link.href) }));
  return (
    <nav aria-label={t("listing.quickLinks")} className="mb-4">
      <ul className="flex flex-wrap gap-2 text-sm font-medium">
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href} className="inline-block rounded-full border border-brand-600 px-3 py-1 text-brand-800 hover:bg-brand-50">
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
