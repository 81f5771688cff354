import "server-only";
import { z } from "zod";
import { db, type Payment } from "@/lib/db";
import { isUuid } from "@/lib/format/uuid";

/**
 * The parts of a Stripe Checkout Session that Zen Bali reads, checked with
 * zod: a webhook payload is signed by Stripe, but its shape is still input.
 * `payment_intent` may be an id or, when expanded, an object whose
 * `latest_charge` carries the receipt URL.
 */
const ZCharge = z.object({ id: z.string(), receipt_url: z.string().nullish() }).loose();
const ZPaymentIntent = z.object({ id: z.string(), latest_charge: z.union([z.string(), ZCharge]).nullish() }).loose();

export const ZCheckoutSession = z
  .object({
    id: z.string().min(1).max(255),
    object: z.literal("checkout.session"),
    mode: z.string().nullish(),
    status: z.string().nullish(),
    payment_status: z.string(),
    amount_total: z.number().int().nullish(),
    currency: z.string().nullish(),
    client_reference_id: z.string().nullish(),
    metadata: z.record(z.string(), z.string()).nullish(),
    payment_intent: z.union([z.string(), ZPaymentIntent]).nullish(),
    url: z.string().nullish(),
    expires_at: z.number().nullish(),
  })
  .loose();

export type TCheckoutSession = z.infer<typeof ZCheckoutSession>;

/** What we put on every session, so that a webhook can be matched to one payment and one event. */
export type TCheckoutMetadata = { eventId: string; paymentId: string; creatorId: string };

export function paymentIntentId(session: TCheckoutSession): string | null {
  const intent = session.payment_intent;
  if (!intent) return null;
  return typeof intent === "string" ? intent : intent.id;
}

/** The receipt URL when the session was fetched with `expand: ["payment_intent.latest_charge"]`. */
export function receiptUrlOf(session: TCheckoutSession): string | null {
  const intent = session.payment_intent;
  if (!intent || typeof intent === "string") return null;
  const charge = intent.latest_charge;
  return charge && typeof charge !== "string" ? (charge.receipt_url ?? null) : null;
}

export type TSessionMatch = { ok: true; payment: Payment } | { ok: false; reason: string };

/**
 * The payment a session belongs to, or why it belongs to none. The session's
 * metadata must name our payment, its event and its creator; its id must be
 * the one stored on the payment (or the payment must not have one yet: the
 * answer to the create call was lost); and, for money, the amount and the
 * currency must be the payment's. Sessions of other apps on the same Stripe
 * account never match.
 */
export async function matchSessionToPayment(session: TCheckoutSession, { checkAmount }: { checkAmount: boolean }): Promise<TSessionMatch> {
  const metadata = session.metadata ?? {};
  const paymentId = metadata.paymentId;
  if (!paymentId || !isUuid(paymentId)) return { ok: false, reason: "no paymentId in the session metadata" };
  if (session.client_reference_id && session.client_reference_id !== paymentId) return { ok: false, reason: "client_reference_id is not the payment id" };
  const payment = await db.payment.findUnique({ where: { id: paymentId } });
  if (!payment) return { ok: false, reason: "unknown payment" };
  if (payment.provider !== "stripe") return { ok: false, reason: "not a Stripe payment" };
  if (payment.stripeCheckoutSessionId !== null && payment.stripeCheckoutSessionId !== session.id)
    return { ok: false, reason: "the payment has another session" };
  if (metadata.eventId !== payment.eventId) return { ok: false, reason: "eventId does not match the payment" };
  if (metadata.creatorId !== payment.creatorId) return { ok: false, reason: "creatorId does not match the payment" };
  if (session.mode && session.mode !== "payment") return { ok: false, reason: `unexpected mode ${session.mode}` };
  if (checkAmount) {
    if (session.amount_total !== payment.amountCents) return { ok: false, reason: `amount ${session.amount_total} is not ${payment.amountCents}` };
    if ((session.currency ?? "").toLowerCase() !== payment.currency.toLowerCase())
      return { ok: false, reason: `currency ${session.currency} is not ${payment.currency}` };
  }
  return { ok: true, payment };
}
