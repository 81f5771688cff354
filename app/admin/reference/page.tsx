import type { Metadata } from "next";
import Link from "next/link";
import { addClosedDayAction, addReferenceAction, changeReferenceAction, removeClosedDayAction, translateClosedDayAction } from "./actions";
import { firstParam } from "@/lib/admin/admin-url";
import { requireAdmin } from "@/lib/http/require-admin";
import { listAdminReference, type TAdminReferenceRow } from "@/lib/reference/manage-reference-list";
import { hasTranslatedNames, parseReferenceKind, REFERENCE_KIND_INFO, REFERENCE_KINDS, REFERENCE_NAME_MAX } from "@/lib/reference/manage-reference-kinds";
import { TRANSLATED_LANGUAGES, translatedNameField, translatedNameLabel } from "@/lib/reference/reference-names-input";
import { CLOSED_DAY_NAME_MAX, formatClosedDay } from "@/lib/series/closed-day-input";
import { listClosedDays, type TClosedDayRow } from "@/lib/series/closed-day-list";
import { toBaliDate } from "@/lib/time/bali";

export const metadata: Metadata = { title: "Reference data · Admin", robots: { index: false } };

const field = "rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm";
const smallButton = "rounded border border-stone-300 px-2 py-1 text-xs hover:bg-stone-100 disabled:cursor-not-allowed disabled:opacity-40";
const badge = "rounded-full px-2 py-0.5 text-xs font-semibold";

function doneMessage(done: string, name: string, from: string | undefined): string {
  switch (done) {
    case "added":
      return `Added “${name}”.`;
    case "renamed":
      return from ? `Renamed “${from}” to “${name}”.` : `Renamed to “${name}”.`;
    case "translated":
      return `Saved the names of “${name}” in other languages.`;
    case "moved-up":
      return `Moved “${name}” up.`;
    case "moved-down":
      return `Moved “${name}” down.`;
    case "deactivated":
      return `Deactivated “${name}”: it no longer shows in filters and forms.`;
    case "reactivated":
      return `Reactivated “${name}”.`;
    default:
      return `Nothing changed for “${name}”.`;
  }
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "Nyepi added: 2 dates cancelled, 1 one-off event flagged". */
function closedDayMessage(done: string, raw: Record<string, string | string[] | undefined>): string | null {
  const name = firstParam(raw.name);
  if (!name) return null;
  if (done === "closed-day-added") {
    const cancelled = Number(firstParam(raw.cancelled) ?? 0) || 0;
    const flagged = Number(firstParam(raw.flagged) ?? 0) || 0;
    return `${name} added: ${plural(cancelled, "date", "dates")} cancelled, ${plural(flagged, "one-off event", "one-off events")} flagged`;
  }
  if (done === "closed-day-translated") return `Saved the names of “${name}” in other languages.`;
  if (done === "closed-day-unchanged") return `Nothing changed for “${name}”.`;
  if (done === "closed-day-removed") {
    const date = firstParam(raw.date);
    const when = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? ` (${formatClosedDay(date)})` : "";
    return `Removed the closed day “${name}”${when}. Dates it cancelled stay cancelled.`;
  }
  return null;
}

export default async function AdminReferencePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const only = parseReferenceKind(firstParam(raw.kind));
  // ?kind=closed-days shows the closed days alone, as ?kind=locations shows the locations.
  const closedDaysOnly = firstParam(raw.kind) === "closed-days";
  const view = only ?? (closedDaysOnly ? "closed-days" : "");
  await requireAdmin(view ? `/admin/reference?kind=${view}` : "/admin/reference");
  const kinds = only ? [only] : closedDaysOnly ? [] : [...REFERENCE_KINDS];
  const [lists, closedDays] = await Promise.all([
    Promise.all(kinds.map(async (kind) => ({ kind, items: await listAdminReference(kind) }))),
    only ? Promise.resolve(null) : listClosedDays(),
  ]);
  // The closed days' messages show in their section.
  const inClosedDays = firstParam(raw.section) === "closed-days";
  const done = inClosedDays ? undefined : firstParam(raw.done);
  const name = firstParam(raw.name);
  const error = inClosedDays ? undefined : firstParam(raw.error);
  return (
    <>
      <h1 className="text-3xl font-bold">Reference data</h1>
      <p className="mt-2 text-sm text-stone-700">
        The choices visitors filter by and creators pick from. Inactive items disappear from filters and forms at once but still show on the events that use
        them. Renaming makes a new slug from the name. Names in other languages are optional: where one is missing, visitors see the English name.
      </p>
      {(only || closedDaysOnly) && (
        <p className="mt-2 text-sm">
          <Link href="/admin/reference" className="underline">
            Show all reference data
          </Link>
        </p>
      )}
      {done && name && (
        <p role="status" className="mt-3 rounded-md bg-green-50 p-3 text-green-900">
          {doneMessage(done, name, firstParam(raw.from))}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      {lists.map(({ kind, items }) => {
        const info = REFERENCE_KIND_INFO[kind];
        const headingId = `${kind}-heading`;
        const add = addReferenceAction.bind(null, kind, view);
        return (
          <section key={kind} id={kind} aria-labelledby={headingId} className="mt-8">
            <h2 id={headingId} className="text-xl font-semibold">
              {info.heading}
            </h2>
            {info.fixed && (
              <p className="mt-2 text-sm text-stone-700">
                The product&apos;s {items.length} {info.singular}s are fixed: only their names in other languages can change.
              </p>
            )}
            {!info.fixed && (
              <form
                action={add}
                aria-label={`Add ${info.aSingular}`}
                className="mt-3 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3"
              >
                <div>
                  <label htmlFor={`${kind}-new`} className="block text-sm font-medium">
                    {info.newLabel}
                  </label>
                  <input id={`${kind}-new`} name="name" type="text" required minLength={2} maxLength={100} autoComplete="off" className={field} />
                </div>
                {hasTranslatedNames(kind) &&
                  TRANSLATED_LANGUAGES.map((language) => (
                    <div key={language.code}>
                      <label htmlFor={`${kind}-new-${language.code}`} className="block text-sm font-medium">
                        {translatedNameLabel(language)}
                      </label>
                      <input
                        id={`${kind}-new-${language.code}`}
                        name={translatedNameField(language.code)}
                        type="text"
                        lang={language.code}
                        maxLength={REFERENCE_NAME_MAX}
                        autoComplete="off"
                        className={field}
                      />
                    </div>
                  ))}
                <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
                  Add
                </button>
              </form>
            )}
            <p className="mt-3 text-sm text-stone-700">
              {items.length} {items.length === 1 ? info.singular : `${info.singular}s`}, {items.filter((item) => item.isActive).length} active
            </p>
            <div className="overflow-x-auto">
              <table className="mt-2 w-full border-collapse bg-white text-left text-sm">
                <thead>
                  <tr className="border-b border-stone-200">
                    <th scope="col" className="p-2">
                      Name
                    </th>
                    <th scope="col" className="p-2">
                      Slug
                    </th>
                    <th scope="col" className="p-2">
                      Status
                    </th>
                    <th scope="col" className="p-2">
                      Events
                    </th>
                    <th scope="col" className="p-2">
                      Actions
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item, index) => {
                    const change = changeReferenceAction.bind(null, kind, item.id, view);
                    const inputId = `${kind}-${item.id}-name`;
                    return (
                      <tr key={item.id} className="border-b border-stone-100 align-top">
                        <td className="p-2 font-medium">{item.name}</td>
                        <td className="p-2">
                          <code className="text-xs">{item.slug}</code>
                        </td>
                        <td className="p-2">
                          <span className={`${badge} ${item.isActive ? "bg-green-100 text-green-900" : "bg-stone-200 text-stone-800"}`}>
                            {item.isActive ? "Active" : "Inactive"}
                          </span>
                        </td>
                        <td className="p-2">{item.eventCount.toLocaleString("en-US")}</td>
                        <td className="p-2">
                          {info.fixed ? (
                            <TranslationsForm action={change} inputId={inputId} item={item} />
                          ) : (
                            <div className="flex flex-wrap items-end gap-2">
                              <form action={change} className="flex flex-wrap items-end gap-1">
                                <div>
                                  <label htmlFor={inputId} className="block text-xs font-medium">
                                    Name<span className="sr-only"> for {item.name}</span>
                                  </label>
                                  <input
                                    id={inputId}
                                    name="name"
                                    type="text"
                                    required
                                    minLength={2}
                                    maxLength={100}
                                    defaultValue={item.name}
                                    autoComplete="off"
                                    className={`${field} w-44`}
                                  />
                                </div>
                                {hasTranslatedNames(kind) && <TranslatedNameFields inputId={inputId} item={item} />}
                                <button name="action" value="rename" className={smallButton}>
                                  Rename<span className="sr-only"> {item.name}</span>
                                </button>
                              </form>
                              <form action={change} className="flex gap-1">
                                <button name="action" value="up" disabled={index === 0} className={smallButton}>
                                  Move<span className="sr-only"> {item.name}</span> up
                                </button>
                                <button name="action" value="down" disabled={index === items.length - 1} className={smallButton}>
                                  Move<span className="sr-only"> {item.name}</span> down
                                </button>
                              </form>
                              <form action={change}>
                                <button name="action" value={item.isActive ? "deactivate" : "reactivate"} className={smallButton}>
                                  {item.isActive ? "Deactivate" : "Reactivate"}
                                  <span className="sr-only"> {item.name}</span>
                                </button>
                              </form>
                            </div>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                  {items.length === 0 && (
                    <tr>
                      <td colSpan={5} className="p-4 text-center text-stone-600">
                        None yet.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
      {closedDays && (
        <ClosedDays
          days={closedDays}
          view={view}
          message={inClosedDays ? closedDayMessage(firstParam(raw.done) ?? "", raw) : null}
          error={inClosedDays ? firstParam(raw.error) : undefined}
          typed={{
            date: firstParam(raw.typedDate) ?? "",
            name: firstParam(raw.typedName) ?? "",
            names: Object.fromEntries(TRANSLATED_LANGUAGES.map((language) => [language.code, firstParam(raw[`typedName_${language.code}`]) ?? ""])),
          }}
        />
      )}
    </>
  );
}

/** A row's "Name (Bahasa Indonesia)", "Name (Русский)", …: the item's names in other languages. */
function TranslatedNameFields({ inputId, item }: { inputId: string; item: TAdminReferenceRow }) {
  return TRANSLATED_LANGUAGES.map((language) => (
    <div key={language.code}>
      <label htmlFor={`${inputId}-${language.code}`} className="block text-xs font-medium">
        {translatedNameLabel(language)}
        <span className="sr-only"> for {item.name}</span>
      </label>
      <input
        id={`${inputId}-${language.code}`}
        name={translatedNameField(language.code)}
        type="text"
        lang={language.code}
        maxLength={REFERENCE_NAME_MAX}
        defaultValue={item.names?.[language.code] ?? ""}
        autoComplete="off"
        className={`${field} w-44`}
      />
    </div>
  ));
}

/** A fixed item's row: its names in other languages and "Save names" (the action "translate"). */
function TranslationsForm({ action, inputId, item }: { action: (formData: FormData) => Promise<void>; inputId: string; item: TAdminReferenceRow }) {
  return (
    <form action={action} className="flex flex-wrap items-end gap-1">
      <TranslatedNameFields inputId={inputId} item={item} />
      <button name="action" value="translate" className={smallButton}>
        Save names<span className="sr-only"> of {item.name}</span>
      </button>
    </form>
  );
}

/** "Closed days": island-wide days (Nyepi, …) on which every date of a series is cancelled. */
function ClosedDays({
  days,
  view,
  message,
  error,
  typed,
}: {
  days: TClosedDayRow[];
  view: string;
  message: string | null;
  error: string | undefined;
  typed: { date: string; name: string; names: Record<string, string> };
}) {
  const today = toBaliDate(new Date());
  const add = addClosedDayAction.bind(null, view);
  return (
    <section id="closed-days" aria-labelledby="closed-days-heading" className="mt-8">
      <h2 id="closed-days-heading" className="text-xl font-semibold">
        Closed days
      </h2>
      <p className="mt-2 text-sm text-stone-700">
        Island-wide days such as Nyepi. Adding one cancels every date of a series on that day (Bali time), with the note “Cancelled: <i>name</i>”, and mails
        their creators; one-off events that day are not cancelled, but their creators and the admins get a mail. Removing a closed day does not bring back the
        dates it cancelled. The English name stays as added (the cancelled dates&apos; notes carry it); its names in other languages can change.
      </p>
      {message && (
        <p role="status" className="mt-3 rounded-md bg-green-50 p-3 text-green-900">
          {message}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      <form action={add} aria-label="Add a closed day" className="mt-3 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3">
        <div>
          <label htmlFor="closed-day-date" className="block text-sm font-medium">
            Date
          </label>
          <input id="closed-day-date" name="date" type="date" required min={today} defaultValue={typed.date} className={field} />
        </div>
        <div>
          <label htmlFor="closed-day-name" className="block text-sm font-medium">
            Name
          </label>
          <input
            id="closed-day-name"
            name="name"
            type="text"
            required
            maxLength={CLOSED_DAY_NAME_MAX}
            placeholder="Nyepi (island-wide day of silence)"
            defaultValue={typed.name}
            autoComplete="off"
            className={`${field} w-80 max-w-full`}
          />
        </div>
        {TRANSLATED_LANGUAGES.map((language) => (
          <div key={language.code}>
            <label htmlFor={`closed-day-name-${language.code}`} className="block text-sm font-medium">
              {translatedNameLabel(language)}
            </label>
            <input
              id={`closed-day-name-${language.code}`}
              name={translatedNameField(language.code)}
              type="text"
              lang={language.code}
              maxLength={CLOSED_DAY_NAME_MAX}
              defaultValue={typed.names[language.code] ?? ""}
              autoComplete="off"
              className={`${field} w-64 max-w-full`}
            />
          </div>
        ))}
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
          Add closed day
        </button>
      </form>
      <div className="overflow-x-auto">
        <table className="mt-3 w-full border-collapse bg-white text-left text-sm">
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="p-2">
                Date
              </th>
              <th scope="col" className="p-2">
                Name
              </th>
              <th scope="col" className="p-2">
                Actions
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.id} className="border-b border-stone-100 align-top">
                <td className="p-2">
                  <time dateTime={day.date}>{formatClosedDay(day.date)}</time>
                  {day.date < today && <span className="ml-2 text-xs text-stone-600">(past)</span>}
                </td>
                <td className="p-2 font-medium">{day.name}</td>
                <td className="p-2">
                  <div className="flex flex-wrap items-end gap-2">
                    <form action={translateClosedDayAction.bind(null, day.id, view)} className="flex flex-wrap items-end gap-1">
                      {TRANSLATED_LANGUAGES.map((language) => (
                        <div key={language.code}>
                          <label htmlFor={`closed-day-${day.id}-name-${language.code}`} className="block text-xs font-medium">
                            {translatedNameLabel(language)}
                            <span className="sr-only"> for {`${day.name} (${day.date})`}</span>
                          </label>
                          <input
                            id={`closed-day-${day.id}-name-${language.code}`}
                            name={translatedNameField(language.code)}
                            type="text"
                            lang={language.code}
                            maxLength={CLOSED_DAY_NAME_MAX}
                            defaultValue={day.names[language.code] ?? ""}
                            autoComplete="off"
                            className={`${field} w-56`}
                          />
                        </div>
                      ))}
                      <button className={smallButton}>
                        Save names<span className="sr-only"> of {`${day.name} (${day.date})`}</span>
                      </button>
                    </form>
                    <form action={removeClosedDayAction.bind(null, day.id, view)}>
                      <button className={smallButton}>
                        Remove<span className="sr-only"> {`${day.name} (${day.date})`}</span>
                      </button>
                    </form>
                  </div>
                </td>
              </tr>
            ))}
            {days.length === 0 && (
              <tr>
                <td colSpan={3} className="p-4 text-center text-stone-600">
                  No closed days yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
