import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { resolveReportAction } from "./actions";
import { adminQueryString, firstParam } from "@/lib/admin/admin-url";
import { countOpenReports, listReports, REPORT_FILTERS, ZReportQuery, type TListedReport } from "@/lib/admin/list-reports";
import { requireAdmin } from "@/lib/http/require-admin";
import { formatBaliDateTime } from "@/lib/time/bali";
import { EVENT_STATUS_LABEL } from "@/lib/events/event-status";

export const metadata: Metadata = { title: "Moderation · Admin", robots: { index: false } };

const DONE_MESSAGE: Record<string, string> = {
  dismissed: "Report dismissed.",
  unpublished: "Event unpublished. Every open report about it is now resolved.",
};
const field = "rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm";
const smallButton = "rounded border border-stone-300 px-2 py-1 text-xs hover:bg-stone-100";

const plural = (count: number, one: string, many: string) => `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;

export default async function AdminModerationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const query = ZReportQuery.parse({ status: firstParam(raw.status), page: firstParam(raw.page) });
  // "OPEN" is the default: keep it out of the URL.
  const urlQuery = { status: query.status === "OPEN" ? undefined : query.status.toLowerCase() };
  const queryString = adminQueryString(urlQuery, query.page);
  const here = `/admin/moderation${queryString ? `?${queryString}` : ""}`;
  await requireAdmin(here);
  const [{ reports, total, page, totalPages }, openCount] = await Promise.all([listReports(query), countOpenReports()]);
  const done = firstParam(raw.done);
  const error = firstParam(raw.error);
  const filterLabel = REPORT_FILTERS.find((item) => item.value === query.status)?.label ?? query.status;

  return (
    <>
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-3xl font-bold">Moderation</h1>
        <p className="text-lg font-semibold text-stone-800" data-testid="open-report-count">
          {plural(openCount, "open report", "open reports")}
        </p>
      </div>
      <p className="mt-1 text-stone-700">
        Reports sent by visitors with &ldquo;Report this event&rdquo;. Dismiss a report, or unpublish the event with a reason its creator will see.
      </p>
      {done && (
        <p role="status" className="mt-3 rounded-md bg-green-50 p-3 text-green-900">
          {DONE_MESSAGE[done] ?? "Done."}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}

      <form method="get" aria-label="Filter reports" className="mt-4 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3">
        <div>
          <label htmlFor="moderation-status" className="block text-sm font-medium">
            Status
          </label>
          <select id="moderation-status" name="status" defaultValue={query.status.toLowerCase()} className={field}>
            {REPORT_FILTERS.map((item) => (
              <option key={item.value} value={item.value.toLowerCase()}>
                {item.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
          Show reports
        </button>
      </form>

      <p className="mt-4 text-sm text-stone-700">
        {query.status === "ALL" ? plural(total, "report", "reports") : `${plural(total, "report", "reports")}: ${filterLabel.toLowerCase()}`}
      </p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-sm">
          <caption className="sr-only">Reports, newest first ({filterLabel})</caption>
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="p-2">
                Event
              </th>
              <th scope="col" className="p-2">
                Event status
              </th>
              <th scope="col" className="p-2">
                Reason
              </th>
              <th scope="col" className="p-2">
                Details
              </th>
              <th scope="col" className="p-2">
                Reported (Bali time)
              </th>
              <th scope="col" className="p-2">
                Open reports for this event
              </th>
              <th scope="col" className="p-2">
                {query.status === "OPEN" ? "Actions" : "Actions or outcome"}
              </th>
            </tr>
          </thead>
          <tbody>
            {reports.map((report) => (
              <tr key={report.id} className="border-b border-stone-100 align-top">
                <td className="p-2">
                  <Link href={`/events/${report.event.slug}`} className="font-medium underline">
                    {report.event.title}
                  </Link>
                </td>
                <td className="p-2">
                  <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold">
                    {report.event.deletedAt ? "Deleted" : EVENT_STATUS_LABEL[report.event.status]}
                  </span>
                  {report.event.status === "UNPUBLISHED" && report.event.unpublishReason && (
                    <div className="mt-1 text-xs text-red-800">Reason: {report.event.unpublishReason}</div>
                  )}
                </td>
                <td className="p-2">{report.reasonLabel}</td>
                <td className="max-w-xs p-2">
                  {report.details ? <p className="whitespace-pre-line break-words">{report.details}</p> : <span className="text-stone-500">None given</span>}
                </td>
                <td className="p-2 whitespace-nowrap">{formatBaliDateTime(report.createdAt)}</td>
                <td className="p-2">{report.openReportsForEvent}</td>
                <td className="p-2">
                  <ReportActions report={report} here={here} />
                </td>
              </tr>
            ))}
            {reports.length === 0 && (
              <tr>
                <td colSpan={7} className="p-4 text-center text-stone-600">
                  {query.status === "OPEN" ? "No open reports. All clear." : "No reports match."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pagination
        page={page}
        totalPages={totalPages}
        hrefForPage={(target) => `/admin/moderation${adminQueryString(urlQuery, target) ? `?${adminQueryString(urlQuery, target)}` : ""}`}
      />
    </>
  );
}

function ReportActions({ report, here }: { report: TListedReport; here: string }) {
  if (report.status !== "OPEN") {
    const outcome = report.status === "DISMISSED" ? "Dismissed" : "Resolved: event unpublished";
    return (
      <p className="text-xs text-stone-700">
        <span className="font-semibold">{outcome}</span>
        {report.resolvedBy && <> by {report.resolvedBy.email}</>}
        {report.resolvedAt && <> · {formatBaliDateTime(report.resolvedAt)}</>}
      </p>
    );
  }
  const act = resolveReportAction.bind(null, report.id, here);
  const title = <span className="sr-only"> {report.event.title}</span>;
  const reasonId = `reason-${report.id}`;
  return (
    <div className="grid gap-2">
      <form action={act}>
        <button name="action" value="dismiss" className={smallButton}>
          Dismiss{title}
        </button>
      </form>
      {report.event.deletedAt ? (
        <p className="text-xs text-stone-600">The event is deleted; dismiss the report or restore the event in Events.</p>
      ) : (
        <form action={act} className="grid gap-1 rounded border border-stone-200 p-2">
          <label htmlFor={reasonId} className="text-xs font-medium">
            Reason
          </label>
          <input
            id={reasonId}
            name="reason"
            required
            minLength={3}
            maxLength={1000}
            aria-describedby={`${reasonId}-hint`}
            className="rounded border border-stone-300 px-1 py-0.5 text-xs"
          />
          <p id={`${reasonId}-hint`} className="text-xs text-stone-600">
            Shown to the creator. Resolves every open report about this event.
          </p>
          <button name="action" value="unpublish" className={`${smallButton} justify-self-start`}>
            Unpublish event{title}
          </button>
        </form>
      )}
    </div>
  );
}
