import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { adminQueryString, firstParam } from "@/lib/admin/admin-url";
import { listAdminPayments, parseAdminPaymentQuery, PAYMENT_STATUS_PARAMS } from "@/lib/admin/list-admin-payments";
import { formatAdminAmount } from "@/lib/admin/payments-csv";
import { requireAdmin } from "@/lib/http/require-admin";
import { PAYMENT_STATUS_LABEL } from "@/lib/payments/payment-status";
import type { PaymentStatus } from "@/lib/db";
import { formatBaliDateTime } from "@/lib/time/bali";

export const metadata: Metadata = { title: "Payments · Admin", robots: { index: false } };

const field = "rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm";

export default async function AdminPaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const first = firstParam;
  const { query, errors } = parseAdminPaymentQuery({
    status: first(raw.status),
    from: first(raw.from),
    to: first(raw.to),
    creator: first(raw.creator),
    page: first(raw.page),
  });
  const filters = { status: query.status, from: query.from, to: query.to, creator: query.creator };
  const here = `/admin/payments${adminQueryString(filters, query.page) ? `?${adminQueryString(filters, query.page)}` : ""}`;
  await requireAdmin(here);
  const { payments, total, page, totalPages, completed } = await listAdminPayments(query);
  const exportQuery = adminQueryString(filters);
  const exportHref = `/admin/payments/export${exportQuery ? `?${exportQuery}` : ""}`;

  return (
    <>
      <h1 className="text-3xl font-bold">Payments</h1>
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
        aria-label="Filter payments"
        className="mt-4 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3"
      >
        <div>
          <label htmlFor="payments-status" className="block text-sm font-medium">
            Status
          </label>
          <select id="payments-status" name="status" defaultValue={query.status ?? ""} className={field}>
            <option value="">All</option>
            {PAYMENT_STATUS_PARAMS.map((status) => (
              <option key={status} value={status}>
                {PAYMENT_STATUS_LABEL[status.toUpperCase() as PaymentStatus]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="payments-from" className="block text-sm font-medium">
            From
          </label>
          <input id="payments-from" name="from" type="date" defaultValue={query.from ?? ""} className={field} />
        </div>
        <div>
          <label htmlFor="payments-to" className="block text-sm font-medium">
            To
          </label>
          <input id="payments-to" name="to" type="date" defaultValue={query.to ?? ""} className={field} />
        </div>
        <div>
          <label htmlFor="payments-creator" className="block text-sm font-medium">
            Creator
          </label>
          <input id="payments-creator" name="creator" type="search" placeholder="Name or email" defaultValue={query.creator ?? ""} className={field} />
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
          Apply filters
        </button>
        <Link href="/admin/payments" className="text-sm underline">
          Clear filters
        </Link>
      </form>
      <p className="mt-2 text-xs text-stone-600">From and To are Bali calendar days (both included) and apply to the date the payment was created.</p>

      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-stone-700" data-testid="payments-totals">
          {total.toLocaleString("en-US")} {total === 1 ? "payment" : "payments"} · Completed: {completed.count.toLocaleString("en-US")},{" "}
          {formatAdminAmount(completed.amountCents)}
        </p>
        {/* A plain link (not a client-side navigation): the response is a file download. */}
        <a href={exportHref} className="rounded-md border border-stone-300 px-3 py-1.5 text-sm font-semibold hover:bg-stone-100">
          Export CSV
        </a>
      </div>
      <p className="mt-1 text-xs text-stone-600">
        The CSV holds every payment matching these filters (up to 100,000), with dates in Bali time as ISO 8601 (for example 2026-11-25T19:30:00+08:00).
      </p>

      <div className="mt-2 overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-sm">
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="p-2">
                Date
              </th>
              <th scope="col" className="p-2">
                Event
              </th>
              <th scope="col" className="p-2">
                Creator
              </th>
              <th scope="col" className="p-2">
                Amount
              </th>
              <th scope="col" className="p-2">
                Status
              </th>
              <th scope="col" className="p-2">
                Stripe session id
              </th>
              <th scope="col" className="p-2">
                Payment intent id
              </th>
            </tr>
          </thead>
          <tbody>
            {payments.map((payment) => (
              <tr key={payment.id} className="border-b border-stone-100 align-top">
                <td className="whitespace-nowrap p-2">{formatBaliDateTime(payment.createdAt)}</td>
                <td className="p-2">
                  {payment.event.deletedAt ? (
                    <>
                      <Link href={`/admin/events?${adminQueryString({ status: "DELETED", q: payment.event.title })}`} className="font-medium underline">
                        {payment.event.title}
                      </Link>
                      <span className="ml-1 rounded-full bg-stone-200 px-2 py-0.5 text-xs font-semibold">Deleted</span>
                    </>
                  ) : (
                    <Link href={`/events/${payment.event.slug}`} className="font-medium underline">
                      {payment.event.title}
                    </Link>
                  )}
                </td>
                <td className="p-2">
                  <Link
                    href={`/admin/payments?${adminQueryString({ creator: payment.creator.id })}`}
                    className="underline"
                    title="Only this creator's payments"
                  >
                    {payment.creator.name}
                  </Link>
                  <div className="text-xs text-stone-600">{payment.creator.email}</div>
                </td>
                <td className="whitespace-nowrap p-2">{formatAdminAmount(payment.amountCents, payment.currency)}</td>
                <td className="p-2">
                  <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold">{PAYMENT_STATUS_LABEL[payment.status]}</span>
                </td>
                <td className="break-all p-2 font-mono text-xs">{payment.stripeCheckoutSessionId ?? "—"}</td>
                <td className="break-all p-2 font-mono text-xs">{payment.stripePaymentIntentId ?? "—"}</td>
              </tr>
            ))}
            {payments.length === 0 && (
              <tr>
                <td colSpan={7} className="p-4 text-center text-stone-600">
                  No payments match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={page} totalPages={totalPages} hrefForPage={(target) => `/admin/payments?${adminQueryString(filters, target)}`} />
    </>
  );
}
