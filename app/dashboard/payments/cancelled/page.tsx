import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/http/current-user";
import { AppError } from "@/lib/errors";
import { publishEventAction } from "@/app/dashboard/events/actions";
import { getOwnedEvent, type TOwnedEvent } from "@/lib/events/get-owned-event";
import { publishButtonLabel } from "@/lib/payments/payment-mode";

export const metadata: Metadata = { title: "Payment cancelled", robots: { index: false } };

/** Where Stripe Checkout sends the creator who goes back without paying. Nothing was charged; the event waits. */
export default async function PaymentCancelledPage({ searchParams }: { searchParams: Promise<{ event?: string | string[] }> }) {
  const { event: raw } = await searchParams;
  const eventId = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const user = await requireUser(eventId ? `/dashboard/payments/cancelled?event=${encodeURIComponent(eventId)}` : "/dashboard");

  let event: TOwnedEvent | null = null;
  if (eventId) {
    try {
      event = await getOwnedEvent({ actor: user, eventId });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
    }
  }
  const canPay = event !== null && (event.status === "DRAFT" || event.status === "AWAITING_PAYMENT") && event.endsAt > new Date();

  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">Payment cancelled</h1>
      <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-950">
        You were not charged. {event ? `“${event.title}” is saved and awaits payment.` : "Your event is saved."} You can pay and publish it whenever you are
        ready.
      </p>
      {canPay && event && (
        <form action={publishEventAction.bind(null, event.id)} className="mt-6">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            {publishButtonLabel()}
          </button>
        </form>
      )}
      <p className="mt-8 flex flex-wrap gap-4 text-sm">
        <Link href="/dashboard" className="underline">
          Back to the dashboard
        </Link>
        {event && (
          <Link href={`/dashboard/events/${event.id}/edit`} prefetch={false} className="underline">
            Edit the event
          </Link>
        )}
      </p>
    </div>
  );
}
