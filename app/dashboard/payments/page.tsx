import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/http/current-user";
import { listCreatorPayments } from "@/lib/payments/list-creator-payments";
import { paymentStatusWord } from "@/lib/events/status-words";
import { formatterFor } from "@/lib/i18n/format";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { postingFeeLabel } from "@/lib/site";
import { requestLocale } from "@/app/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("dashboard.payments.title"), robots: { index: false } };
}

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const { page: pageParam } = await searchParams;
  const requested = Number(Array.isArray(pageParam) ? pageParam[0] : pageParam);
  const page = Number.isInteger(requested) && requested > 1 ? requested : 1;
  const user = await requireUser(page === 1 ? "/dashboard/payments" : `/dashboard/payments?page=${page}`);
  const { payments, totalPages } = await listCreatorPayments({ creatorId: user.id, page });
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const format = formatterFor(locale);

  return (
    <>
      <p className="mb-4 text-sm">
        <Link href={localizedPath(locale, "/dashboard")} className="underline">
          {t("dashboard.back")}
        </Link>
      </p>
      <h1 className="text-3xl font-bold">{t("dashboard.payments.title")}</h1>
      <p className="mt-2 text-stone-700">{t("dashboard.payments.intro", { fee: postingFeeLabel(locale) })}</p>
      {payments.length === 0 ? (
        <p className="mt-6 text-stone-700">{t("dashboard.payments.empty")}</p>
      ) : (
        <table className="mt-6 w-full border-collapse bg-white text-left text-sm">
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="p-2">
                {t("dashboard.payments.columns.event")}
              </th>
              <th scope="col" className="p-2">
                {t("dashboard.payments.columns.amount")}
              </th>
              <th scope="col" className="p-2">
                {t("dashboard.payments.columns.status")}
              </th>
              <th scope="col" className="p-2">
                {t("dashboard.payments.columns.date")}
              </th>
              <th scope="col" className="p-2">
                {t("dashboard.payments.columns.receipt")}
              </th>
            </tr>
          </thead>
          <tbody>
            {payments.map((payment) => (
              <tr key={payment.id} className="border-b border-stone-100">
                <td className="p-2 font-medium">
                  {payment.event.deleted ? (
                    <>
                      {payment.event.title} <span className="text-xs font-normal text-stone-600">{t("dashboard.payments.deleted")}</span>
                    </>
                  ) : (
                    <Link href={localizedPath(locale, `/events/${payment.event.slug}`)} className="underline hover:text-brand-700">
                      {payment.event.title}
                    </Link>
                  )}
                </td>
                <td className="p-2">{formatterFor(locale).usd(payment.amountCents)}</td>
                <td className="p-2">
                  <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold">{paymentStatusWord(locale, payment.status)}</span>
                </td>
                <td className="p-2">{format.dateTime(payment.completedAt ?? payment.createdAt)}</td>
                <td className="p-2">
                  {payment.receiptUrl ? (
                    <a href={payment.receiptUrl} target="_blank" rel="noopener noreferrer" className="underline hover:text-brand-700">
                      {t("dashboard.payments.columns.receipt")}
                      <span className="sr-only"> {t("dashboard.payments.receiptFor", { title: payment.event.title })}</span>
                    </a>
                  ) : (
                    <span className="text-stone-500" aria-label={t("dashboard.payments.noReceipt")}>
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
        <nav aria-label={t("dashboard.payments.pages")} className="mt-4 flex gap-4 text-sm">
          {page > 1 && (
            <Link href={localizedPath(locale, page === 2 ? "/dashboard/payments" : `/dashboard/payments?page=${page - 1}`)} className="underline">
              {t("dashboard.payments.previous")}
            </Link>
          )}
          <span>{t("dashboard.payments.pageOf", { page, total: totalPages })}</span>
          {page < totalPages && (
            <Link href={localizedPath(locale, `/dashboard/payments?page=${page + 1}`)} className="underline">
              {t("dashboard.payments.next")}
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
