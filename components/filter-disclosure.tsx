import type { ReactNode } from "react";
import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";

/**
 * The filter form behind a "Filters" disclosure on small screens, so that the
 * first events are on the first screen of a phone; open by itself when a
 * filter is set. A plain <details>, no JavaScript. From the `sm` breakpoint
 * the form is always shown and the summary is hidden (`.filters` in
 * globals.css); a browser without `::details-content` shows the disclosure there too.
 */
export function FilterDisclosure({ open, children, locale = DEFAULT_LOCALE }: { open: boolean; children: ReactNode; locale?: TLocale }) {
  return (
    <details className="filters" open={open}>
      <summary className="filters-summary">{translatorFor(locale)("filters.disclosure")}</summary>
      {children}
    </details>
  );
}
