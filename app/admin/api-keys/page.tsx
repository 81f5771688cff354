import type { Metadata } from "next";
import { CreateApiKeyForm } from "@/components/admin/create-api-key-form";
import { Pagination } from "@/components/pagination";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";
import { firstParam } from "@/lib/admin/admin-url";
import { requireAdmin } from "@/lib/http/require-admin";
import { listApiKeys, ZApiKeyListQuery } from "@/lib/api-keys/list-api-keys";
import { listKeyOwnerOptions } from "@/lib/api-keys/list-key-owner-options";
import { formatBaliDateTime } from "@/lib/time/bali";

export const metadata: Metadata = { title: "API keys · Admin", robots: { index: false } };

const smallButton = "rounded border border-stone-300 px-2 py-1 text-xs hover:bg-stone-100";

export default async function AdminApiKeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const query = ZApiKeyListQuery.parse({ page: firstParam(raw.page) });
  await requireAdmin(query.page ? `/admin/api-keys?page=${query.page}` : "/admin/api-keys");
  const [{ keys, total, page, totalPages }, { options }] = await Promise.all([listApiKeys(query), listKeyOwnerOptions()]);
  const revoked = firstParam(raw.revoked);
  const error = firstParam(raw.error);
  return (
    <>
      <h1 className="text-3xl font-bold">API keys</h1>
      <p className="mt-2 max-w-3xl text-stone-700">
        A key lets a program post published events for one creator with <code>POST /api/v1/events</code> (no payment). Keys are stored hashed: the key itself is
        shown only once, when it is created. Revoke a key as soon as it is no longer needed or may have leaked.
      </p>
      {revoked && (
        <p role="status" className="mt-3 rounded-md bg-green-50 p-3 text-green-900">
          API key revoked: {revoked}.
        </p>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}

      <CreateApiKeyForm action={createApiKeyAction} owners={options} />

      <h2 className="mt-8 text-xl font-semibold">Keys</h2>
      <p className="mt-1 text-sm text-stone-700">
        {total.toLocaleString("en-US")} {total === 1 ? "key" : "keys"}
      </p>
      <table className="mt-2 w-full border-collapse bg-white text-left text-sm">
        <thead>
          <tr className="border-b border-stone-200">
            <th scope="col" className="p-2">
              Name
            </th>
            <th scope="col" className="p-2">
              Creator
            </th>
            <th scope="col" className="p-2">
              Prefix
            </th>
            <th scope="col" className="p-2">
              Scope
            </th>
            <th scope="col" className="p-2">
              Created
            </th>
            <th scope="col" className="p-2">
              Last used
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
          {keys.map((key) => (
            <tr key={key.id} className="border-b border-stone-100 align-top">
              <td className="p-2 font-medium">{key.name}</td>
              <td className="p-2">
                {key.owner.name}
                <div className="text-xs text-stone-600">
                  {key.owner.email}
                  {!key.owner.isActive && " (deactivated)"}
                </div>
              </td>
              <td className="p-2 font-mono text-xs">{key.prefix}…</td>
              <td className="p-2 font-mono text-xs">{key.scopes.join(", ")}</td>
              <td className="p-2">
                {formatBaliDateTime(key.createdAt)}
                {key.createdBy && <div className="text-xs text-stone-600">by {key.createdBy.email}</div>}
              </td>
              <td className="p-2">{key.lastUsedAt ? formatBaliDateTime(key.lastUsedAt) : "Never"}</td>
              <td className="p-2">
                {key.revokedAt ? (
                  <span className="rounded-full bg-stone-200 px-2 py-0.5 text-xs font-semibold">Revoked</span>
                ) : (
                  <span className="rounded-full bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-900">Active</span>
                )}
                {key.revokedAt && <div className="mt-1 text-xs text-stone-600">{formatBaliDateTime(key.revokedAt)}</div>}
              </td>
              <td className="p-2">
                {!key.revokedAt && (
                  <form action={revokeApiKeyAction.bind(null, key.id)}>
                    <button type="submit" className={smallButton}>
                      Revoke<span className="sr-only"> {key.name}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
          {keys.length === 0 && (
            <tr>
              <td colSpan={8} className="p-4 text-center text-stone-600">
                No API keys yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <Pagination page={page} totalPages={totalPages} hrefForPage={(target) => `/admin/api-keys?page=${target}`} />
      <p className="mt-4 text-xs text-stone-600">Times are Bali time (WITA). How to call the API: see docs/api.md in the repository.</p>
    </>
  );
}
