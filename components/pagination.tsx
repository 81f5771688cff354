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

export function Pagination({ page, totalPages, hrefForPage }: { page: number; totalPages: number; hrefForPage: (page: number) => string }) {
  if (totalPages <= 1) return null;
  const linkClass = "rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100";
  return (
    <nav aria-label="Pagination" className="mt-8 flex flex-wrap items-center justify-center gap-2">
      {page > 1 ? (
        <a href={hrefForPage(page - 1)} rel="prev" className={linkClass}>
          Previous
        </a>
      ) : (
        <span className="rounded-md border border-stone-200 px-3 py-1.5 text-sm text-stone-400" aria-disabled="true">
          Previous
        </span>
      )}
      {pageWindow(page, totalPages).map((entry, index) =>
        entry === null ? (
          <span key={`gap-${index}`} aria-hidden="true" className="px-1">
            …
          </span>
        ) : entry === page ? (
          <span key={entry} aria-current="page" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
            <span className="sr-only">Page </span>
            {entry}
          </span>
        ) : (
          <a key={entry} href={hrefForPage(entry)} className={linkClass} aria-label={`Page ${entry}`}>
            {entry}
          </a>
        ),
      )}
      {page < totalPages ? (
        <a href={hrefForPage(page + 1)} rel="next" className={linkClass}>
          Next
        </a>
      ) : (
        <span className="rounded-md border border-stone-200 px-3 py-1.5 text-sm text-stone-400" aria-disabled="true">
          Next
        </span>
      )}
    </nav>
  );
}
