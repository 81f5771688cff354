import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { adminQueryString, firstParam } from "@/lib/admin/admin-url";
import { listAuditActions, listAuditLog, parseAuditLogQuery } from "@/lib/admin/list-audit-log";
import { requireAdmin } from "@/lib/http/require-admin";
import { formatBaliDateTime } from "@/lib/time/bali";

export const metadata: Metadata = { title: "Audit log · Admin", robots: { index: false } };

const field = "rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm";

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const first = firstParam;
  const { query, errors } = parseAuditLogQuery({
    actor: first(raw.actor),
    action: first(raw.action),
    from: first(raw.from),
    to: first(raw.to),
    page: first(raw.page),
  });
  const filters = { actor: query.actor, action: query.action, from: query.from, to: query.to };
  const here = `/admin/audit${adminQueryString(filters, query.page) ? `?${adminQueryString(filters, query.page)}` : ""}`;
  await requireAdmin(here);
  const [{ entries, total, page, totalPages }, recorded] = await Promise.all([listAuditLog(query), listAuditActions()]);
  const actions = query.action && !recorded.includes(query.action) ? [...recorded, query.action].sort() : recorded;

  return (
    <>
      <h1 className="text-3xl font-bold">Audit log</h1>
      <p className="mt-1 text-sm text-stone-700">Every admin action and every API-key write: who did it, what, to what, when (Bali time) and from where.</p>
      {errors.length > 0 && (
        <div role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-red-900">
          {errors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}

      <form
        method="get"
        role="search"
        aria-label="Filter the audit log"
        className="mt-4 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3"
      >
        <div>
          <label htmlFor="audit-actor" className="block text-sm font-medium">
            Actor
          </label>
          <input id="audit-actor" name="actor" type="search" placeholder="Admin email" defaultValue={query.actor ?? ""} className={field} />
        </div>
        <div>
          <label htmlFor="audit-action" className="block text-sm font-medium">
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={query.action ?? ""} className={field}>
            <option value="">All actions</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className="block text-sm font-medium">
            From
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} className={field} />
        </div>
        <div>
          <label htmlFor="audit-to" className="block text-sm font-medium">
            To
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} className={field} />
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
          Apply filters
        </button>
        <Link href="/admin/audit" className="text-sm underline">
          Clear filters
        </Link>
      </form>

      <p className="mt-4 text-sm text-stone-700">
        {total.toLocaleString("en-US")} {total === 1 ? "entry" : "entries"}
      </p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-sm">
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="p-2">
                When
              </th>
              <th scope="col" className="p-2">
                Actor
              </th>
              <th scope="col" className="p-2">
                Action
              </th>
              <th scope="col" className="p-2">
                Target
              </th>
              <th scope="col" className="p-2">
                Summary
              </th>
              <th scope="col" className="p-2">
                IP
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className="border-b border-stone-100 align-top">
                <td className="whitespace-nowrap p-2">
                  <time dateTime={entry.createdAt.toISOString()}>{formatBaliDateTime(entry.createdAt)}</time>
                </td>
                <td className="p-2">{entry.actorEmail}</td>
                <td className="p-2 font-mono text-xs">{entry.action}</td>
                <td className="p-2">
                  <span className="font-medium">{entry.target.type}</span>
                  {entry.target.id && (
                    <div className="break-all font-mono text-xs">
                      {entry.target.href ? (
                        <Link href={entry.target.href} className="underline">
                          {entry.target.id}
                        </Link>
                      ) : (
                        entry.target.id
                      )}
                    </div>
                  )}
                  {!entry.target.id && entry.target.href && (
                    <div className="text-xs">
                      <Link href={entry.target.href} className="underline">
                        Open
                      </Link>
                    </div>
                  )}
                  {entry.target.label && <div className="text-xs text-stone-600">{entry.target.label}</div>}
                </td>
                <td className="p-2">
                  {entry.summary.length > 0 ? (
                    <pre className="max-w-md whitespace-pre-wrap break-words font-mono text-xs">{entry.summary.join("\n")}</pre>
                  ) : (
                    <span className="text-stone-500">—</span>
                  )}
                </td>
                <td className="whitespace-nowrap p-2 font-mono text-xs">{entry.ip ?? "—"}</td>
              </tr>
            ))}
            {entries.length === 0 && (
              <tr>
                <td colSpan={6} className="p-4 text-center text-stone-600">
                  No audit entries match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={page} totalPages={totalPages} hrefForPage={(target) => `/admin/audit?${adminQueryString(filters, target)}`} />
    </>
  );
}
