import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/http/current-user";
import { AppError } from "@/lib/errors";
import { publishEventAction } from "@/app/dashboard/events/actions";
import { formatterFor } from "@/lib/i18n/format";
import { confirmCheckoutSession, type TPaymentConfirmation } from "@/lib/payments/confirm-checkout-session";
import { publishButtonLabel } from "@/lib/payments/payment-mode";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "@/app/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("dashboard.paymentSuccess.metaTitle"), robots: { index: false } };
}

const button = "inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800";

/**
 * Where Stripe Checkout sends the creator after paying. The payment is
 * confirmed here too (with Stripe, not with the URL): if the webhook is late,
 * this page records the payment and publishes the event itself.
 */
export default async function PaymentSuccessPage({ searchParams }: { searchParams: Promise<{ session_id?: string | string[] }> }) {
  const { session_id: raw } = await searchParams;
  const sessionId = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const user = await requireUser(sessionId ? `/dashboard/payments/success?session_id=${encodeURIComponent(sessionId)}` : "/dashboard/payments");
  if (!sessionId) notFound();

  let confirmation: TPaymentConfirmation;
  try {
    confirmation = await confirmCheckoutSession({ actor: user, sessionId });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { state, payment, event } = confirmation;
  const live = event.status === "PUBLISHED" && !event.deleted;
  const locale = await requestLocale();
  const amount = formatterFor(locale).usd(payment.amountCents);
  const t = translatorFor(locale);
  const title = event.title;

  return (
    <div className="max-w-2xl">
      {state === "paid" && (
        <>
          <h1 className="text-3xl font-bold">{t("dashboard.paymentSuccess.paidTitle")}</h1>
          <p role="status" className="mt-4 rounded-md bg-green-50 p-3 font-medium text-green-900">
            {live ? t("dashboard.paymentSuccess.live") : t("dashboard.paymentSuccess.notLive")}
          </p>
          <p className="mt-4 text-stone-700">{t("dashboard.paymentSuccess.received", { amount, title })}</p>
          <ul className="mt-6 flex flex-wrap items-center gap-4">
            {live && (
              <li>
                <Link href={localizedPath(locale, `/events/${event.slug}`)} className={button}>
                  {t("dashboard.paymentSuccess.viewEvent")}
                </Link>
              </li>
            )}
            {payment.receiptUrl && (
              <li>
                <a href={payment.receiptUrl} target="_blank" rel="noopener noreferrer" className="underline">
                  {t("dashboard.paymentSuccess.receipt")}
                </a>
              </li>
            )}
          </ul>
        </>
      )}
      {state === "processing" && (
        <>
          <h1 className="text-3xl font-bold">{t("dashboard.paymentSuccess.processingTitle")}</h1>
          <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-950">
            {t("dashboard.paymentSuccess.processing", { amount, title })}
          </p>
        </>
      )}
      {state === "unavailable" && (
        <>
          <h1 className="text-3xl font-bold">{t("dashboard.paymentSuccess.unavailableTitle")}</h1>
          <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-950">
            {t("dashboard.paymentSuccess.unavailable", { title })}
          </p>
        </>
      )}
      {state === "open" && (
        <>
          <h1 className="text-3xl font-bold">{t("dashboard.paymentSuccess.openTitle")}</h1>
          <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-950">
            {t("dashboard.paymentSuccess.open", { title })}
          </p>
          {payment.checkoutUrl && (
            <p className="mt-6">
              <a href={payment.checkoutUrl} className={button}>
                {t("dashboard.paymentSuccess.continue")}
              </a>
            </p>
          )}
        </>
      )}
      {(state === "expired" || state === "refunded") && (
        <>
          <h1 className="text-3xl font-bold">
            {state === "expired" ? t("dashboard.paymentSuccess.expiredTitle") : t("dashboard.paymentSuccess.refundedTitle")}
          </h1>
          <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-950">
            {state === "expired" ? t("dashboard.paymentSuccess.expired", { title }) : t("dashboard.paymentSuccess.refunded", { title })}
          </p>
          {state === "expired" && !event.deleted && (event.status === "AWAITING_PAYMENT" || event.status === "DRAFT") && (
            <form action={publishEventAction.bind(null, event.id)} className="mt-6">
              <button type="submit" className={button}>
                {publishButtonLabel(locale)}
              </button>
            </form>
          )}
        </>
      )}
      <p className="mt-8 flex flex-wrap gap-4 text-sm">
        <Link href={localizedPath(locale, "/dashboard")} className="underline">
          {t("dashboard.backPlain")}
        </Link>
        <Link href={localizedPath(locale, "/dashboard/payments")} className="underline">
          {t("dashboard.paymentHistory")}
        </Link>
      </p>
    </div>
  );
}
