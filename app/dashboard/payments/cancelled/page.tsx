import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/http/current-user";
import { AppError } from "@/lib/errors";
import { publishEventAction } from "@/app/dashboard/events/actions";
import { getOwnedEvent, type TOwnedEvent } from "@/lib/events/get-owned-event";
import { publishButtonLabel } from "@/lib/payments/payment-mode";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "@/app/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("dashboard.paymentCancelled.title"), robots: { index: false } };
}

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
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const canPay = event !== null && (event.status === "DRAFT" || event.status === "AWAITING_PAYMENT") && event.endsAt > new Date();

  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">{t("dashboard.paymentCancelled.title")}</h1>
      <p role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-950">
        {event ? t("dashboard.paymentCancelled.savedTitle", { title: event.title }) : t("dashboard.paymentCancelled.saved")}
      </p>
      {canPay && event && (
        <form action={publishEventAction.bind(null, event.id)} className="mt-6">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            {publishButtonLabel(locale)}
          </button>
        </form>
      )}
      <p className="mt-8 flex flex-wrap gap-4 text-sm">
        <Link href={localizedPath(locale, "/dashboard")} className="underline">
          {t("dashboard.backPlain")}
        </Link>
        {event && (
          <Link href={localizedPath(locale, `/dashboard/events/${event.id}/edit`)} prefetch={false} className="underline">
            {t("dashboard.paymentCancelled.editEvent")}
          </Link>
        )}
      </p>
    </div>
  );
}
