import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";

/** "Some filters in the link were not valid and were ignored: when, page." under a listing's or calendar's filters. */
export function InvalidFiltersNotice({ fields, locale = DEFAULT_LOCALE }: { fields: readonly string[]; locale?: TLocale }) {
  if (fields.length === 0) return null;
  return (
    <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
      {translatorFor(locale)("listing.invalidFilters", { fields: fields.join(", ") })}
    </p>
  );
}
