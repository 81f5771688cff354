import { PRICE_OPTIONS, SORT_OPTIONS, WHEN_OPTIONS, type TEventQuery } from "@/lib/events/event-query";
import { spokenLanguageLabel } from "@/lib/events/spoken-language-names";
import { SPOKEN_LANGUAGE_CODES } from "@/lib/events/spoken-languages";
import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import type { TReferenceData } from "@/lib/reference/list-reference-data";
import { localizedName } from "@/lib/reference/localized-name";

/** The words of the choices, by value (the values are the URL's; the words are the language's). */
const PRICE_WORDS = { "": "filters.priceAny", free: "filters.priceFree", paid: "filters.pricePaid" } as const;
const SORT_WORDS = { soonest: "filters.sortSoonest", newest: "filters.sortNewest" } as const;

// Short class names (globals.css): this form's markup is sent twice, as HTML and in the inline RSC payload.
const fieldClass = "field";
const labelClass = "label";

/**
 * The visitor's filter form. A plain GET form: it works without JavaScript,
 * keeps all state in the URL, and (having no page field) resets to page 1.
 * On the calendar pages (`calendar`), the period is the page's own: the form
 * has no When, From, To or Sort, and keeps the week or month shown.
 */
export function EventFilters({
  query,
  reference,
  calendar,
  locale = DEFAULT_LOCALE,
}: {
  query: TEventQuery;
  reference: TReferenceData;
  calendar?: { path: string; name: "week" | "month"; value: string | undefined };
  locale?: TLocale;
}) {
  const t = translatorFor(locale);
  const action = localizedPath(locale, calendar?.path ?? "/");
  const clearHref = calendar?.value ? `${action}?${calendar.name}=${encodeURIComponent(calendar.value)}` : action;
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={t("filters.form")}
      className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <div className="sm:col-span-2">
        <label htmlFor="filter-q" className={labelClass}>
          {t("filters.search")}
        </label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          placeholder={t("filters.searchPlaceholder")}
          maxLength={200}
          className={fieldClass}
        />
      </div>
      {calendar ? (
        calendar.value && <input type="hidden" name={calendar.name} value={calendar.value} />
      ) : (
        <>
          <div>
            <label htmlFor="filter-when" className={labelClass}>
              {t("filters.when")}
            </label>
            <select id="filter-when" name="when" defaultValue={query.when ?? "any"} className={fieldClass}>
              {WHEN_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {t(`when.${option.value}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="grid grid-cols-2 gap-2">
            <div>
              <label htmlFor="filter-from" className={labelClass}>
                {t("filters.from")}
              </label>
              <input id="filter-from" name="from" type="date" defaultValue={query.from ?? ""} className={fieldClass} />
            </div>
            <div>
              <label htmlFor="filter-to" className={labelClass}>
                {t("filters.to")}
              </label>
              <input id="filter-to" name="to" type="date" defaultValue={query.to ?? ""} className={fieldClass} />
            </div>
          </div>
        </>
      )}
      <div>
        <label htmlFor="filter-location" className={labelClass}>
          {t("filters.location")}
        </label>
        <select id="filter-location" name="location" defaultValue={query.location ?? ""} className={fieldClass}>
          <option value="">{t("filters.allLocations")}</option>
          {reference.locations.map((item) => (
            <option key={item.slug} value={item.slug}>
              {item.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-type" className={labelClass}>
          {t("filters.eventType")}
        </label>
        <select id="filter-type" name="type" defaultValue={query.type ?? ""} className={fieldClass}>
          <option value="">{t("filters.allEventTypes")}</option>
          {reference.eventTypes.map((item) => (
            <option key={item.slug} value={item.slug}>
              {localizedName(item, locale)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-entrance" className={labelClass}>
          {t("filters.entrance")}
        </label>
        <select id="filter-entrance" name="entrance" defaultValue={query.entrance ?? ""} className={fieldClass}>
          <option value="">{t("filters.allEntranceTypes")}</option>
          {reference.entranceTypes.map((item) => (
            <option key={item.slug} value={item.slug}>
              {localizedName(item, locale)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-lang" className={labelClass}>
          {t("filters.language")}
        </label>
        <select id="filter-lang" name="lang" defaultValue={query.lang ?? ""} className={fieldClass}>
          <option value="">{t("filters.anyLanguage")}</option>
          {SPOKEN_LANGUAGE_CODES.map((code) => (
            <option key={code} value={code}>
              {spokenLanguageLabel(locale, code)}
            </option>
          ))}
        </select>
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor="filter-price" className={labelClass}>
            {t("filters.price")}
          </label>
          <select id="filter-price" name="price" defaultValue={query.price ?? ""} className={fieldClass}>
            {PRICE_OPTIONS.map((option) => (
              <option key={option.label} value={option.value}>
                {t(PRICE_WORDS[option.value])}
              </option>
            ))}
          </select>
        </div>
        {!calendar && (
          <div>
            <label htmlFor="filter-sort" className={labelClass}>
              {t("filters.sort")}
            </label>
            <select id="filter-sort" name="sort" defaultValue={query.sort ?? "soonest"} className={fieldClass}>
              {SORT_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {t(SORT_WORDS[option.value])}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div className="flex flex-wrap items-end gap-3 sm:col-span-2 lg:col-span-4">
        {!calendar && (
          // A series shows once by default, at its next date; ticked (`dates=all`), every date has its own card.
          <label className="mr-auto flex items-center gap-2 self-center text-sm">
            <input type="checkbox" name="dates" value="all" defaultChecked={query.dates === "all"} className="h-4 w-4" />
            {t("filters.everyDate")}
          </label>
        )}
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          {t("filters.apply")}
        </button>
        {/* A plain link: public pages have no client components and are served script-free (docs/lighthouse/README.md). */}
        <a href={clearHref} className="text-sm text-stone-700 underline">
          {t("filters.clear")}
        </a>
      </div>
    </form>
  );
}
