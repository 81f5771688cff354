import "server-only";
import { getEnv } from "@/lib/env";
import type { TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { postingFeeLabel } from "@/lib/site";

/**
 * How submitting an event works in this deployment. PAYMENT_PROVIDER=stripe:
 * the creator pays the posting fee through Stripe Checkout and the event is
 * published when the payment completes. "none" (the default without a Stripe
 * key): submitting publishes at once.
 */
export type TPaymentProvider = "stripe" | "none";

function paymentProvider(): TPaymentProvider {
  return getEnv().PAYMENT_PROVIDER;
}

export function paymentsEnabled(): boolean {
  return paymentProvider() === "stripe";
}

/** The event form's submit button: "Pay USD 3 & publish" with Stripe, "Publish" when payments are off. */
export function publishButtonLabel(locale: TLocale = "en"): string {
  const t = translatorFor(locale);
  return paymentsEnabled() ? t("dashboard.actions.payFeeAndPublish", { fee: postingFeeLabel(locale) }) : t("dashboard.actions.publish");
}

/** The dashboard's per-event action: "Pay & publish" with Stripe, "Publish" when payments are off. */
export function dashboardPublishLabel(locale: TLocale = "en"): string {
  const t = translatorFor(locale);
  return paymentsEnabled() ? t("dashboard.actions.payAndPublish") : t("dashboard.actions.publish");
}
