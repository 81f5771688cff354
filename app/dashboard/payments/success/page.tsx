import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/http/current-user";
import { AppError } from "@/lib/errors";
import { publishEventAction } from "@/app/dashboard/events/actions";
import { formatUsdCents } from "@/lib/format/money";
import { confirmCheckoutSession, type TPaymentConfirmation } from "@/lib/payments/confirm-checkout-session";
import { publishButtonLabel } from "@/lib/payments/payment-mode";

export const metadata: Metadata = { title: "Payment", robots: { index: false } };

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
  const amount = formatUsdCents(payment.amountCents);

  return (
    <div className="max-w-2xl">
      {state === "paid" && (
        <>
          <h1 className="text-3xl font-bold">Payment received</h1>
          <p role="status" className="mt-4 rounded-md bg-green-50 p-3 font-medium text-green-900">
            {live ? "Your event is live." : "Thank you. The event was not published because it was cancelled or deleted in the meantime."}
          </p>
          <p className="mt-4 text-stone-700">
            We received {amount} for “{event.title}”. A receipt is on its way to your email.
          </p>
          <ul className="mt-6 flex flex-wrap items-center gap-4">
            {live && (
              <li>
                <Link href={`/events/${event.slug}`} className={button}>
                  View your event
                </Link>
              </li>
            )}
            {payment.receiptUrl && (
              <li>
                <a href={payment.receiptUrl} target="_blank" rel="noopener noreferrer" className="underline">
                  Stripe receipt
                </a>
              </li>
            )}
          </ul>
        </>
      )}
      {state === "processing" && (
        <>
          <h1 className="text-3xl font-bold">Your payment is being processed</h1>
          <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-950">
            Stripe has not confirmed your payment of {amount} for “{event.title}” yet. Your event goes live as soon as it does; reload this page to check.
          </p>
        </>
      )}
      {state === "unavailable" && (
        <>
          <h1 className="text-3xl font-bold">We are confirming your payment</h1>
          <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-950">
            We could not reach our payment provider just now. If you paid, “{event.title}” goes live within a few minutes; reload this page to check.
          </p>
        </>
      )}
      {state === "open" && (
        <>
          <h1 className="text-3xl font-bold">Payment not completed</h1>
          <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-950">
            You have not paid for “{event.title}” yet. Your event is saved and awaits payment.
          </p>
          {payment.checkoutUrl && (
            <p className="mt-6">
              <a href={payment.checkoutUrl} className={button}>
                Continue to payment
              </a>
            </p>
          )}
        </>
      )}
      {(state === "expired" || state === "refunded") && (
        <>
          <h1 className="text-3xl font-bold">{state === "expired" ? "This payment session expired" : "This payment was refunded"}</h1>
          <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-950">
            {state === "expired" ? `You were not charged. “${event.title}” is saved and awaits payment.` : `The payment for “${event.title}” was refunded.`}
          </p>
          {state === "expired" && !event.deleted && (event.status === "AWAITING_PAYMENT" || event.status === "DRAFT") && (
            <form action={publishEventAction.bind(null, event.id)} className="mt-6">
              <button type="submit" className={button}>
                {publishButtonLabel()}
              </button>
            </form>
          )}
        </>
      )}
      <p className="mt-8 flex flex-wrap gap-4 text-sm">
        <Link href="/dashboard" className="underline">
          Back to the dashboard
        </Link>
        <Link href="/dashboard/payments" className="underline">
          Payment history
        </Link>
      </p>
    </div>
  );
}
