import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { moderateEventAction } from "./actions";
import { adminSeriesLine, listAdminEvents, ZAdminEventQuery } from "@/lib/admin/list-admin-events";
import { MODERATION_SCOPE_LABEL, moderationDoneMessage, type TModeration } from "@/lib/admin/moderation-input";
import { adminQueryString, firstParam } from "@/lib/admin/admin-url";
import { requireAdmin } from "@/lib/http/require-admin";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import { formatBaliDateTime } from "@/lib/time/bali";
import { EVENT_STATUS_LABEL } from "@/lib/events/event-status";

export const metadata: Metadata = { title: "Events · Admin", robots: { index: false } };

const field = "rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm";
const smallButton = "rounded border border-stone-300 px-2 py-1 text-xs hover:bg-stone-100";

/** What "The whole series" does, under the choice. */
const WHOLE_SERIES_NOTE: Record<TModeration["action"], string> = {
  publish: "The whole series: every date still to come that is not published; its missing dates are created.",
  unpublish: "The whole series: every date still to come; it gets no new dates until it is published again.",
  feature: "The whole series: every date still to come, and the dates it gets later.",
  unfeature: "The whole series: every date still to come, and the dates it gets later.",
  delete: "The whole series: every date still to come is deleted and the series gets no new dates; past dates stay.",
  restore: "",
};

/** On a date of a series, which dates an action acts on: "This date only" (checked) or "The whole series". */
function ScopeChoice({ note }: { note: string }) {
  return (
    <fieldset className="w-full text-xs">
      <legend className="font-medium">Which dates?</legend>
      <div className="flex flex-wrap gap-x-3">
        <label className="flex items-center gap-1">
          <input type="radio" name="scope" value="date" defaultChecked />
          {MODERATION_SCOPE_LABEL.date}
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" name="scope" value="series" />
          {MODERATION_SCOPE_LABEL.series}
        </label>
      </div>
      <p className="text-stone-600">{note}</p>
    </fieldset>
  );
}

/**
 * One moderation button, named with the event's title for screen readers. On a date of a series (`ofSeries`), and
 * for an unpublish (its reason), the button opens a form first: which dates, the reason.
 */
function ModerationAction({
  act,
  action,
  name,
  title,
  ofSeries,
  reasonId,
}: {
  act: (formData: FormData) => Promise<void>;
  action: TModeration["action"];
  name: string;
  title: string;
  ofSeries: boolean;
  reasonId?: string;
}) {
  const label = <span className="sr-only"> {title}</span>;
  const button = (
    <button name="action" value={action} className={smallButton}>
      {name}
      {label}
    </button>
  );
  if (!ofSeries && !reasonId) return <form action={act}>{button}</form>;
  return (
    <details className="w-full">
      <summary className="inline-flex min-h-6 cursor-pointer items-center py-1 text-xs underline">
        {name}
        {label}
      </summary>
      <form action={act} className="mt-1 flex flex-wrap items-end gap-1">
        {ofSeries && <ScopeChoice note={WHOLE_SERIES_NOTE[action]} />}
        {reasonId && (
          <>
            <label htmlFor={reasonId} className="text-xs">
              Reason
            </label>
            <input id={reasonId} name="reason" required minLength={3} maxLength={1000} className="rounded border border-stone-300 px-1 py-0.5 text-xs" />
          </>
        )}
        {button}
      </form>
    </details>
  );
}

export default async function AdminEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const first = firstParam;
  const query = ZAdminEventQuery.parse({
    q: first(raw.q),
    status: first(raw.status),
    location: first(raw.location),
    type: first(raw.type),
    from: first(raw.from),
    to: first(raw.to),
    featured: first(raw.featured),
    creator: first(raw.creator),
    series: first(raw.series),
    page: first(raw.page),
  });
  const here = `/admin/events${adminQueryString(query, query.page) ? `?${adminQueryString(query, query.page)}` : ""}`;
  await requireAdmin(here);
  const [{ events, total, page, totalPages }, reference] = await Promise.all([listAdminEvents(query), listReferenceData()]);
  const done = moderationDoneMessage({ done: first(raw.done), scope: first(raw.scope), dates: first(raw.dates) });
  const error = first(raw.error);

  return (
    <>
      <h1 className="text-3xl font-bold">Events</h1>
      {done && (
        <p role="status" className="mt-3 rounded-md bg-green-50 p-3 text-green-900">
          {done}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}

      <form
        method="get"
        role="search"
        aria-label="Filter events"
        className="mt-4 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3"
      >
        <div>
          <label htmlFor="admin-q" className="block text-sm font-medium">
            Search
          </label>
          <input id="admin-q" name="q" type="search" defaultValue={query.q ?? ""} className={field} />
        </div>
        <div>
          <label htmlFor="admin-status" className="block text-sm font-medium">
            Status
          </label>
          <select id="admin-status" name="status" defaultValue={query.status ?? ""} className={field}>
            <option value="">Any status</option>
            {Object.entries(EVENT_STATUS_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
            <option value="DELETED">Deleted</option>
          </select>
        </div>
        <div>
          <label htmlFor="admin-location" className="block text-sm font-medium">
            Location
          </label>
          <select id="admin-location" name="location" defaultValue={query.location ?? ""} className={field}>
            <option value="">All locations</option>
            {reference.locations.map((item) => (
              <option key={item.slug} value={item.slug}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="admin-type" className="block text-sm font-medium">
            Event type
          </label>
          <select id="admin-type" name="type" defaultValue={query.type ?? ""} className={field}>
            <option value="">All event types</option>
            {reference.eventTypes.map((item) => (
              <option key={item.slug} value={item.slug}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="admin-from" className="block text-sm font-medium">
            From
          </label>
          <input id="admin-from" name="from" type="date" defaultValue={query.from ?? ""} className={field} />
        </div>
        <div>
          <label htmlFor="admin-to" className="block text-sm font-medium">
            To
          </label>
          <input id="admin-to" name="to" type="date" defaultValue={query.to ?? ""} className={field} />
        </div>
        <div>
          <label htmlFor="admin-featured" className="block text-sm font-medium">
            Featured
          </label>
          <select id="admin-featured" name="featured" defaultValue={query.featured ?? ""} className={field}>
            <option value="">Any</option>
            <option value="yes">Featured</option>
            <option value="no">Not featured</option>
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
          Apply filters
        </button>
        {query.creator && <input type="hidden" name="creator" value={query.creator} />}
        {query.series && <input type="hidden" name="series" value={query.series} />}
        <Link href="/admin/events" className="text-sm underline">
          Clear filters
        </Link>
      </form>

      <p className="mt-4 text-sm text-stone-700">
        {total.toLocaleString("en-US")} {total === 1 ? "event" : "events"}
      </p>
      <table className="mt-2 w-full border-collapse bg-white text-left text-sm">
        <thead>
          <tr className="border-b border-stone-200">
            <th scope="col" className="p-2">
              Event
            </th>
            <th scope="col" className="p-2">
              Starts (Bali time)
            </th>
            <th scope="col" className="p-2">
              Creator
            </th>
            <th scope="col" className="p-2">
              Status
            </th>
            <th scope="col" className="p-2">
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const act = moderateEventAction.bind(null, event.id, here);
            const label = <span className="sr-only"> {event.title}</span>;
            const common = { act, title: event.title, ofSeries: event.series !== null };
            return (
              <tr key={event.id} className="border-b border-stone-100 align-top">
                <td className="p-2">
                  <Link href={`/events/${event.slug}`} className="font-medium underline">
                    {event.title}
                  </Link>
                  <div className="text-xs text-stone-600">
                    {event.location.name} · {event.eventType.name}
                  </div>
                  {event.series && (
                    <div className="text-xs text-stone-700">
                      <Link href={`/admin/events?series=${event.series.id}`} className="underline">
                        {adminSeriesLine(event.series)}
                      </Link>
                    </div>
                  )}
                </td>
                <td className="p-2">{formatBaliDateTime(event.startsAt)}</td>
                <td className="p-2">
                  {event.creator.name}
                  <div className="text-xs text-stone-600">{event.creator.email}</div>
                </td>
                <td className="p-2">
                  <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold">
                    {event.deletedAt ? "Deleted" : EVENT_STATUS_LABEL[event.status]}
                  </span>
                  {event.isFeatured && <span className="ml-1 rounded-full bg-brand-100 px-2 py-0.5 text-xs font-semibold text-brand-800">Featured</span>}
                  {event.unpublishReason && event.status === "UNPUBLISHED" && <div className="mt-1 text-xs text-red-800">Reason: {event.unpublishReason}</div>}
                </td>
                <td className="p-2">
                  {event.deletedAt ? (
                    <form action={act}>
                      <button name="action" value="restore" className={smallButton}>
                        Restore{label}
                      </button>
                    </form>
                  ) : (
                    <div className="flex flex-wrap gap-1">
                      <Link href={`/admin/events/${event.id}/edit`} className={smallButton}>
                        Edit{label}
                      </Link>
                      <Link href={`/events/${event.slug}`} className={smallButton}>
                        Preview{label}
                      </Link>
                      {event.status !== "PUBLISHED" && <ModerationAction {...common} action="publish" name="Publish" />}
                      <ModerationAction {...common} action={event.isFeatured ? "unfeature" : "feature"} name={event.isFeatured ? "Unfeature" : "Feature"} />
                      <ModerationAction {...common} action="delete" name="Delete" />
                      {event.status === "PUBLISHED" && <ModerationAction {...common} action="unpublish" name="Unpublish" reasonId={`reason-${event.id}`} />}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
          {events.length === 0 && (
            <tr>
              <td colSpan={5} className="p-4 text-center text-stone-600">
                No events match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <Pagination page={page} totalPages={totalPages} hrefForPage={(target) => `/admin/events?${adminQueryString(query, target)}`} />
    </>
  );
}
