import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { adminQueryString, firstParam } from "@/lib/admin/admin-url";
import { listAdminCreators, ZAdminCreatorQuery } from "@/lib/admin/list-admin-creators";
import { requireAdmin } from "@/lib/http/require-admin";
import { formatBaliDate } from "@/lib/time/bali";
import { accountSupportAction, manageCreatorAction } from "./actions";

export const metadata: Metadata = { title: "Creators · Admin", robots: { index: false } };

const field = "rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm";
const smallButton = "rounded border border-stone-300 px-2 py-1 text-xs hover:bg-stone-100";

export default async function AdminCreatorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const first = firstParam;
  const query = ZAdminCreatorQuery.parse({ q: first(raw.q), status: first(raw.status), page: first(raw.page) });
  const here = `/admin/creators${adminQueryString(query, query.page) ? `?${adminQueryString(query, query.page)}` : ""}`;
  await requireAdmin(here);
  const { creators, total, page, totalPages } = await listAdminCreators(query);
  const done = first(raw.done);
  const error = first(raw.error);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">Creators</h1>
        <Link href="/admin/creators/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          Create creator
        </Link>
      </div>
      {done && (
        <p role="status" className="mt-3 rounded-md bg-green-50 p-3 text-green-900">
          Done: {done}.
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
        aria-label="Search creators"
        className="mt-4 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3"
      >
        <div>
          <label htmlFor="creators-q" className="block text-sm font-medium">
            Search
          </label>
          <input id="creators-q" name="q" type="search" defaultValue={query.q ?? ""} className={field} />
        </div>
        <div>
          <label htmlFor="creators-status" className="block text-sm font-medium">
            Status
          </label>
          <select id="creators-status" name="status" defaultValue={query.status ?? ""} className={field}>
            <option value="">All</option>
            <option value="active">Active</option>
            <option value="inactive">Deactivated</option>
            <option value="unverified">Email not verified</option>
            <option value="admins">Admins</option>
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
          Search
        </button>
        <Link href="/admin/creators" className="text-sm underline">
          Clear
        </Link>
      </form>
      <p className="mt-4 text-sm text-stone-700">
        {total.toLocaleString("en-US")} {total === 1 ? "creator" : "creators"}
      </p>
      <table className="mt-2 w-full border-collapse bg-white text-left text-sm">
        <thead>
          <tr className="border-b border-stone-200">
            <th scope="col" className="p-2">
              Creator
            </th>
            <th scope="col" className="p-2">
              Email
            </th>
            <th scope="col" className="p-2">
              Events
            </th>
            <th scope="col" className="p-2">
              Joined
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
          {creators.map((creator) => {
            const act = manageCreatorAction.bind(null, creator.id, here);
            const support = accountSupportAction.bind(null, creator.id, here);
            const isCreator = creator.role === "CREATOR";
            const label = <span className="sr-only"> {creator.email}</span>;
            return (
              <tr key={creator.id} className="border-b border-stone-100 align-top">
                <td className="p-2">
                  {isCreator ? (
                    <Link href={`/creators/${creator.id}`} className="font-medium underline">
                      {creator.name}
                    </Link>
                  ) : (
                    <span className="font-medium">{creator.name} (admin)</span>
                  )}
                  {creator.organisation && <div className="text-xs text-stone-600">{creator.organisation}</div>}
                </td>
                <td className="p-2">{creator.email}</td>
                <td className="p-2">{creator._count.events}</td>
                <td className="p-2">{formatBaliDate(creator.createdAt)}</td>
                <td className="p-2">
                  <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold">{creator.isActive ? "Active" : "Deactivated"}</span>
                  {!creator.emailVerifiedAt && (
                    <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">Not verified</span>
                  )}
                </td>
                <td className="p-2">
                  <div className="flex flex-wrap gap-1">
                    {isCreator && (
                      <Link href={`/admin/creators/${creator.id}/edit`} className={smallButton}>
                        Edit{label}
                      </Link>
                    )}
                    <form action={support}>
                      <button name="action" value="end-sessions" className={smallButton}>
                        End all sessions{label}
                      </button>
                    </form>
                  </div>
                  {isCreator && (
                    <div className="mt-1 flex flex-wrap gap-1">
                      <form action={act}>
                        <button name="action" value={creator.isActive ? "deactivate" : "activate"} className={smallButton}>
                          {creator.isActive ? "Deactivate" : "Activate"}
                          {label}
                        </button>
                      </form>
                      {!creator.emailVerifiedAt && (
                        <form action={act}>
                          <button name="action" value="verify" className={smallButton}>
                            Mark verified{label}
                          </button>
                        </form>
                      )}
                      <form action={support}>
                        <button name="action" value="send-reset" className={smallButton}>
                          Send password reset{label}
                        </button>
                      </form>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
          {creators.length === 0 && (
            <tr>
              <td colSpan={6} className="p-4 text-center text-stone-600">
                No creators match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <Pagination page={page} totalPages={totalPages} hrefForPage={(target) => `/admin/creators?${adminQueryString(query, target)}`} />
    </>
  );
}
