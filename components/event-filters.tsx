import { PRICE_OPTIONS, SORT_OPTIONS, WHEN_OPTIONS, type TEventQuery } from "@/lib/events/event-query";
import type { TReferenceData } from "@/lib/reference/list-reference-data";

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
}: {
  query: TEventQuery;
  reference: TReferenceData;
  calendar?: { path: string; name: "week" | "month"; value: string | undefined };
}) {
  const action = calendar?.path ?? "/";
  const clearHref = calendar?.value ? `${action}?${calendar.name}=${encodeURIComponent(calendar.value)}` : action;
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label="Filter events"
      className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <div className="sm:col-span-2">
        <label htmlFor="filter-q" className={labelClass}>
          Search
        </label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          placeholder="yoga, sound healing, Ubud…"
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
              When
            </label>
            <select id="filter-when" name="when" defaultValue={query.when ?? "any"} className={fieldClass}>
              {WHEN_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <div className="grid grid-cols-2 gap-2">
            <div>
              <label htmlFor="filter-from" className={labelClass}>
                From
              </label>
              <input id="filter-from" name="from" type="date" defaultValue={query.from ?? ""} className={fieldClass} />
            </div>
            <div>
              <label htmlFor="filter-to" className={labelClass}>
                To
              </label>
              <input id="filter-to" name="to" type="date" defaultValue={query.to ?? ""} className={fieldClass} />
            </div>
          </div>
        </>
      )}
      <div>
        <label htmlFor="filter-location" className={labelClass}>
          Location
        </label>
        <select id="filter-location" name="location" defaultValue={query.location ?? ""} className={fieldClass}>
          <option value="">All locations</option>
          {reference.locations.map((item) => (
            <option key={item.slug} value={item.slug}>
              {item.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-type" className={labelClass}>
          Event type
        </label>
        <select id="filter-type" name="type" defaultValue={query.type ?? ""} className={fieldClass}>
          <option value="">All event types</option>
          {reference.eventTypes.map((item) => (
            <option key={item.slug} value={item.slug}>
              {item.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-entrance" className={labelClass}>
          Entrance
        </label>
        <select id="filter-entrance" name="entrance" defaultValue={query.entrance ?? ""} className={fieldClass}>
          <option value="">All entrance types</option>
          {reference.entranceTypes.map((item) => (
            <option key={item.slug} value={item.slug}>
              {item.name}
            </option>
          ))}
        </select>
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor="filter-price" className={labelClass}>
            Price
          </label>
          <select id="filter-price" name="price" defaultValue={query.price ?? ""} className={fieldClass}>
            {PRICE_OPTIONS.map((option) => (
              <option key={option.label} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        {!calendar && (
          <div>
            <label htmlFor="filter-sort" className={labelClass}>
              Sort
            </label>
            <select id="filter-sort" name="sort" defaultValue={query.sort ?? "soonest"} className={fieldClass}>
              {SORT_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
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
            Show every date of repeating events
          </label>
        )}
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          Apply filters
        </button>
        {/* A plain link: public pages have no client components and are served script-free (docs/lighthouse/README.md). */}
        <a href={clearHref} className="text-sm text-stone-700 underline">
          Clear filters
        </a>
      </div>
    </form>
  );
}
