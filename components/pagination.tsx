import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";

/** Page numbers to show: first, last, and a window around the current page, with gaps as null. */
function pageWindow(current: number, totalPages: number): (number | null)[] {
  const pages = new Set([1, totalPages, current - 2, current - 1, current, current + 1, current + 2]);
  const sorted = [...pages].filter((page) => page >= 1 && page <= totalPages).sort((a, b) => a - b);
  const result: (number | null)[] = [];
  let previous: number | undefined;
  for (const page of sorted) {
    if (previous !== undefined && page - previous > 1) result.push(null);
    result.push(page);
    previous = page;
  }
  return result;
}

export function Pagination({
  page,
  totalPages,
  hrefForPage,
  locale = DEFAULT_LOCALE,
}: {
  page: number;
  totalPages: number;
  hrefForPage: (page: number) => string;
  locale?: TLocale;
}) {
  if (totalPages <= 1) return null;
  const t = translatorFor(locale);
  const linkClass = "rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100";
  return (
    <nav aria-label={t("pagination.label")} className="mt-8 flex flex-wrap items-center justify-center gap-2">
      {page > 1 ? (
        <a href={hrefForPage(page - 1)} rel="prev" className={linkClass}>
          {t("pagination.previous")}
        </a>
      ) : (
        <span className="rounded-md border border-stone-200 px-3 py-1.5 text-sm text-stone-400" aria-disabled="true">
          {t("pagination.previous")}
        </span>
      )}
      {pageWindow(page, totalPages).map((entry, index) =>
        entry === null ? (
          <span key={`gap-${index}`} aria-hidden="true" className="px-1">
            …
          </span>
        ) : entry === page ? (
          <span key={entry} aria-current="page" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
            <span className="sr-only">{`${t("pagination.pageWord")} `}</span>
            {entry}
          </span>
        ) : (
          <a key={entry} href={hrefForPage(entry)} className={linkClass} aria-label={t("pagination.page", { page: entry })}>
            {entry}
          </a>
        ),
      )}
      {page < totalPages ? (
        <a href={hrefForPage(page + 1)} rel="next" className={linkClass}>
          {t("pagination.next")}
        </a>
      ) : (
        <span className="rounded-md border border-stone-200 px-3 py-1.5 text-sm text-stone-400" aria-disabled="true">
          {t("pagination.next")}
        </span>
      )}
    </nav>
  );
}
