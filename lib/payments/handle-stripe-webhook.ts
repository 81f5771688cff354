import "server-only";
import Stripe from "stripe";
import { z } from "zod";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ZCheckoutSession, type TCheckoutSession } from "./checkout-session";
import { completePayment, isUniqueViolation, type TWebhookRecord } from "./complete-payment";
import { expirePayment } from "./expire-payment";

/** Stripe events are a few KiB; anything much bigger is not from Stripe. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

export type TWebhookOutcome = { type: string; outcome: string };

type THandler = (session: TCheckoutSession, record: TWebhookRecord) => Promise<string>;

/** Completes the payment and publishes the event, only for a session whose payment_status is "paid". */
async function completeIfPaid(session: TCheckoutSession, record: TWebhookRecord): Promise<string> {
  const result = await completePayment({ session, webhookEvent: record });
  if (result.outcome === "mismatch") console.warn(`Stripe ${record.type} ${record.id} ignored: ${result.reason}`);
  // Not paid (an async payment is still pending) or not ours: remember the event, change nothing.
  if (result.outcome === "mismatch" || result.outcome === "not-paid") await remember(record);
  return result.outcome;
}

/** The customer finished Checkout: paid by card, or (payment_status "unpaid") an async method is still pending. */
const onCheckoutSessionCompleted: THandler = (session, record) => completeIfPaid(session, record);

/** The async payment of a completed session went through. */
const onAsyncPaymentSucceeded: THandler = (session, record) => completeIfPaid(session, record);

/** The session expired unpaid: the payment becomes EXPIRED, the event stays unpublished. */
const onCheckoutSessionExpired: THandler = async (session, record) => {
  const result = await expirePayment({ session, webhookEvent: record });
  if (result.outcome === "mismatch") {
    console.warn(`Stripe ${record.type} ${record.id} ignored: ${result.reason}`);
    await remember(record);
  }
  return result.outcome;
};

/** The event types Zen Bali acts on, one handler each; every other type is acknowledged and ignored. */
const HANDLERS: Record<string, THandler> = {
  "checkout.session.completed": onCheckoutSessionCompleted,
  "checkout.session.async_payment_succeeded": onAsyncPaymentSucceeded,
  "checkout.session.expired": onCheckoutSessionExpired,
};

async function remember(record: TWebhookRecord): Promise<void> {
  try {
    await db.processedWebhookEvent.create({ data: { id: record.id, type: record.type } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/** A signed body is Stripe's, but its shape is still checked before use. */
const ZStripeEventEnvelope = z.object({ id: z.string().min(1).max(255), type: z.string().min(1).max(100), data: z.object({ object: z.unknown() }) });

/**
 * POST /api/webhooks/stripe. The signature is checked on the raw body with
 * STRIPE_WEBHOOK_SECRET; a missing or wrong signature — or no secret
 * configured at all — is a 400 (BAD_REQUEST). Then only the handled types
 * do anything, once per Stripe event id (ProcessedWebhookEvent, written in
 * the same transaction as the change).
 */
export async function handleStripeWebhook({ rawBody, signature }: { rawBody: string; signature: string | null }): Promise<TWebhookOutcome> {
  if (!signature) throw new AppError("BAD_REQUEST", "Missing Stripe-Signature header.");
  const secret = getEnv().STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    console.warn("A Stripe webhook arrived but STRIPE_WEBHOOK_SECRET is not set: refused.");
    throw new AppError("BAD_REQUEST", "The Stripe signature could not be verified.");
  }
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    throw new AppError("BAD_REQUEST", "The Stripe signature could not be verified.");
  }

  const envelope = ZStripeEventEnvelope.safeParse(event);
  if (!envelope.success) {
    console.warn("A signed Stripe webhook without an event id, type or data: ignored");
    return { type: "", outcome: "ignored" };
  }
  const { id, type, data } = envelope.data;
  const handler = Object.hasOwn(HANDLERS, type) ? HANDLERS[type] : undefined;
  if (!handler) return { type, outcome: "ignored" };
  const record: TWebhookRecord = { id, type };

  const parsed = ZCheckoutSession.safeParse(data.object);
  if (!parsed.success) {
    console.warn(`Stripe ${type} ${record.id} does not carry a Checkout session: ignored`);
    await remember(record);
    return { type, outcome: "ignored" };
  }
  if (await db.processedWebhookEvent.findUnique({ where: { id: record.id }, select: { id: true } })) return { type, outcome: "duplicate" };
  return { type, outcome: await handler(parsed.data, record) };
}
