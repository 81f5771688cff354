import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/http/current-user";
import { formatUsdCents } from "@/lib/format/money";
import { listCreatorPayments } from "@/lib/payments/list-creator-payments";
import { PAYMENT_STATUS_LABEL } from "@/lib/payments/payment-status";
import { postingFeeLabel } from "@/lib/site";
import { formatBaliDateTime } from "@/lib/time/bali";

export const metadata: Metadata = { title: "Payments", robots: { index: false } };

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const { page: pageParam } = await searchParams;
  const requested = Number(Array.isArray(pageParam) ? pageParam[0] : pageParam);
  const page = Number.isInteger(requested) && requested > 1 ? requested : 1;
  const user = await requireUser(page === 1 ? "/dashboard/payments" : `/dashboard/payments?page=${page}`);
  const { payments, totalPages } = await listCreatorPayments({ creatorId: user.id, page });

  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/dashboard" className="underline">
          ← Back to the dashboard
        </Link>
      </p>
      <h1 className="text-3xl font-bold">Payments</h1>
      <p className="mt-2 text-stone-700">Posting fees you paid, newest first. The fee is {postingFeeLabel()} per event. Dates are Bali time.</p>
      {payments.length === 0 ? (
        <p className="mt-6 text-stone-700">No payments yet.</p>
      ) : (
        <table className="mt-6 w-full border-collapse bg-white text-left text-sm">
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="p-2">
                Event
              </th>
              <th scope="col" className="p-2">
                Amount (USD)
              </th>
              <th scope="col" className="p-2">
                Status
              </th>
              <th scope="col" className="p-2">
                Date
              </th>
              <th scope="col" className="p-2">
                Receipt
              </th>
            </tr>
          </thead>
          <tbody>
            {payments.map((payment) => (
              <tr key={payment.id} className="border-b border-stone-100">
                <td className="p-2 font-medium">
                  {payment.event.deleted ? (
                    <>
                      {payment.event.title} <span className="text-xs font-normal text-stone-600">(deleted)</span>
                    </>
                  ) : (
                    <Link href={`/events/${payment.event.slug}`} className="underline hover:text-brand-700">
                      {payment.event.title}
                    </Link>
                  )}
                </td>
                <td className="p-2">{formatUsdCents(payment.amountCents)}</td>
                <td className="p-2">
                  <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold">{PAYMENT_STATUS_LABEL[payment.status]}</span>
                </td>
                <td className="p-2">{formatBaliDateTime(payment.completedAt ?? payment.createdAt)}</td>
                <td className="p-2">
                  {payment.receiptUrl ? (
                    <a href={payment.receiptUrl} target="_blank" rel="noopener noreferrer" className="underline hover:text-brand-700">
                      Receipt<span className="sr-only"> for {payment.event.title}</span>
                    </a>
                  ) : (
                    <span className="text-stone-500" aria-label="No receipt">
                      —
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {totalPages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
          {page > 1 && (
            <Link href={page === 2 ? "/dashboard/payments" : `/dashboard/payments?page=${page - 1}`} className="underline">
              Previous
            </Link>
          )}
          <span>
            Page {page} of {totalPages}
          </span>
          {page < totalPages && (
            <Link href={`/dashboard/payments?page=${page + 1}`} className="underline">
              Next
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
