import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { localizedPath, type TLocale } from "@/lib/i18n/languages";
import { siteUrl } from "@/lib/site";
import { ZCheckoutSession, type TCheckoutMetadata, type TCheckoutSession } from "./checkout-session";
import { completePayment } from "./complete-payment";
import { expirePayment } from "./expire-payment";
import { getStripe, isStripeError } from "./stripe-client";

/** An open session is reused while it has at least this long to live; closer to its expiry a new one is made. */
const REUSE_MARGIN_MS = 2 * 60_000;
/** A payment row without a session yet, younger than this, is a Checkout being created right now (or lost mid-way). */
const IN_FLIGHT_MS = 2 * 60_000;

export type TCheckoutStart =
  /** Send the browser to Stripe Checkout. */
  | { kind: "checkout"; url: string; paymentId: string; sessionId: string; reused: boolean }
  /** The open session had been paid already (the webhook is late): the payment is now recorded and the event live. */
  | { kind: "paid"; paymentId: string; sessionId: string }
  /** Paid with an asynchronous method (a bank debit, say) that Stripe has not confirmed yet. */
  | { kind: "processing"; paymentId: string; sessionId: string };

type TPaymentRow = {
  id: string;
  amountCents: number;
  stripeCheckoutSessionId: string | null;
  checkoutUrl: string | null;
  expiresAt: Date | null;
  createdAt: Date;
};

const paymentRowSelect = { id: true, amountCents: true, stripeCheckoutSessionId: true, checkoutUrl: true, expiresAt: true, createdAt: true } as const;

const STRIPE_UNAVAILABLE_MESSAGE = "We could not reach our payment provider. Your event is saved; please try again in a few minutes.";

/**
 * Starts (or resumes) paying the posting fee for an event the caller has
 * already checked: owned by the creator, verified email, a draft or awaiting
 * payment, not ended. The event moves to AWAITING_PAYMENT; an open Checkout
 * session of this event is reused (never doubled), otherwise one is created
 * for POSTING_FEE_CENTS in USD and stored on a PENDING payment.
 *
 * Concurrent submits of one event are serialised by the event row's lock, and
 * the Stripe call carries an idempotency key per payment row, so two clicks
 * end on the same session.
 */
export async function startCheckout({
  event,
  now = new Date(),
  retried = false,
  locale = "en",
}: {
  event: { id: string; title: string; creatorId: string };
  now?: Date;
  retried?: boolean;
  /** The language of the page the creator paid from: Checkout comes back to our pages in it. */
  locale?: TLocale;
}): Promise<TCheckoutStart> {
  const feeCents = getEnv().POSTING_FEE_CENTS;
  getStripe(); // no key, no payment: refuse before touching the event

  const plan = await db.$transaction(async (tx) => {
    // Locks the event row until the end of the transaction.
    const moved = await tx.event.updateMany({
      where: { id: event.id, deletedAt: null, status: { in: ["DRAFT", "AWAITING_PAYMENT"] } },
      data: { status: "AWAITING_PAYMENT" },
    });
    if (moved.count === 0) throw new AppError("CONFLICT", "This event changed in the meantime. Reload the page and try again.");
    const pending: TPaymentRow[] = await tx.payment.findMany({
      where: { eventId: event.id, provider: "stripe", status: "PENDING" },
      orderBy: { createdAt: "desc" },
      select: paymentRowSelect,
    });
    const reusable = pending.find(
      (payment) =>
        payment.stripeCheckoutSessionId !== null &&
        payment.checkoutUrl !== null &&
        payment.amountCents === feeCents &&
        payment.expiresAt !== null &&
        payment.expiresAt.getTime() > now.getTime() + REUSE_MARGIN_MS,
    );
    const inFlight = reusable
      ? undefined
      : pending.find(
          (payment) =>
            payment.stripeCheckoutSessionId === null && payment.amountCents === feeCents && payment.createdAt.getTime() > now.getTime() - IN_FLIGHT_MS,
        );
    const chosen = reusable ?? inFlight;
    const stale = pending.filter((payment) => payment !== chosen);
    // A row that never got a session, long ago: its Checkout was never shown to anyone.
    const abandoned = stale.filter((payment) => payment.stripeCheckoutSessionId === null).map((payment) => payment.id);
    if (abandoned.length) await tx.payment.updateMany({ where: { id: { in: abandoned }, status: "PENDING" }, data: { status: "FAILED" } });
    const staleSessions = stale.flatMap((payment) =>
      payment.stripeCheckoutSessionId ? [{ paymentId: payment.id, sessionId: payment.stripeCheckoutSessionId }] : [],
    );
    if (chosen) return { payment: chosen, staleSessions, createdHere: false };
    const created = await tx.payment.create({
      data: { eventId: event.id, creatorId: event.creatorId, provider: "stripe", amountCents: feeCents, currency: "USD", status: "PENDING" },
      select: paymentRowSelect,
    });
    return { payment: created, staleSessions, createdHere: true };
  });

  // Sessions we will not reuse (about to expire, or for another fee) are closed first, so that only one can be paid.
  for (const stale of plan.staleSessions) await closeStaleSession(stale.sessionId);

  const { payment } = plan;
  if (payment.stripeCheckoutSessionId && payment.checkoutUrl) {
    const resumed = await resumeSession({ paymentId: payment.id, sessionId: payment.stripeCheckoutSessionId, storedUrl: payment.checkoutUrl, now });
    if (resumed !== "expired") return resumed;
    if (retried) throw new AppError("SERVICE_UNAVAILABLE", STRIPE_UNAVAILABLE_MESSAGE);
    return startCheckout({ event, now, retried: true, locale });
  }
  return createSession({ event, paymentId: payment.id, amountCents: payment.amountCents, createdHere: plan.createdHere, locale });
}

/**
 * Creates the Checkout session of a payment row. A row made by a concurrent
 * submit (still waiting for Stripe) is resumed with the same idempotency key,
 * so Stripe answers with that same session.
 */
async function createSession({
  event,
  paymentId,
  amountCents,
  createdHere,
  locale,
}: {
  event: { id: string; title: string; creatorId: string };
  paymentId: string;
  amountCents: number;
  createdHere: boolean;
  locale: TLocale;
}): Promise<TCheckoutStart> {
  const creator = await db.user.findUniqueOrThrow({ where: { id: event.creatorId }, select: { email: true } });
  const metadata: TCheckoutMetadata = { eventId: event.id, paymentId, creatorId: event.creatorId };
  let session: TCheckoutSession;
  try {
    const created = await getStripe().checkout.sessions.create(
      {
        mode: "payment",
        line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: amountCents, product_data: { name: `Event posting fee – ${event.title}` } } }],
        metadata,
        payment_intent_data: { metadata },
        client_reference_id: paymentId,
        customer_email: creator.email,
        // Stripe fills in {CHECKOUT_SESSION_ID}; it must reach Stripe unencoded.
        success_url: `${siteUrl(localizedPath(locale, "/dashboard/payments/success"))}?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: siteUrl(localizedPath(locale, `/dashboard/payments/cancelled?event=${event.id}`)),
      },
      { idempotencyKey: `zenbali-checkout-${paymentId}` },
    );
    session = ZCheckoutSession.parse(created);
    if (!session.url) throw new Error(`Stripe returned the Checkout session ${session.id} without a url`);
  } catch (error) {
    console.error(`Could not create a Stripe Checkout session for payment ${paymentId}`, isStripeError(error) ? `${error.type}: ${error.message}` : error);
    // Only the request that made the row gives it up; another one may still be waiting for Stripe's answer.
    if (createdHere) await db.payment.updateMany({ where: { id: paymentId, status: "PENDING", stripeCheckoutSessionId: null }, data: { status: "FAILED" } });
    throw new AppError("SERVICE_UNAVAILABLE", STRIPE_UNAVAILABLE_MESSAGE, { cause: error });
  }
  await db.payment.updateMany({
    where: { id: paymentId, OR: [{ stripeCheckoutSessionId: null }, { stripeCheckoutSessionId: session.id }] },
    data: { stripeCheckoutSessionId: session.id, checkoutUrl: session.url, expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null },
  });
  return { kind: "checkout", url: session.url, paymentId, sessionId: session.id, reused: false };
}

/**
 * An open session of ours exists: ask Stripe how it stands. Open → reuse it.
 * Paid meanwhile → record the payment now. Expired → mark it and let the
 * caller make a new one. If Stripe cannot be asked, the stored URL is reused.
 */
async function resumeSession({
  paymentId,
  sessionId,
  storedUrl,
  now,
}: {
  paymentId: string;
  sessionId: string;
  storedUrl: string;
  now: Date;
}): Promise<TCheckoutStart | "expired"> {
  let session: TCheckoutSession;
  try {
    session = ZCheckoutSession.parse(await getStripe().checkout.sessions.retrieve(sessionId, {}, { timeout: 10_000, maxNetworkRetries: 1 }));
  } catch (error) {
    console.warn(`Could not check the Checkout session ${sessionId}; reusing it`, error instanceof Error ? error.message : error);
    return { kind: "checkout", url: storedUrl, paymentId, sessionId, reused: true };
  }
  if (session.status === "expired") {
    await expirePayment({ session });
    return "expired";
  }
  if (session.status === "complete") {
    if (session.payment_status !== "paid") return { kind: "processing", paymentId, sessionId };
    const completed = await completePayment({ session, now });
    if (completed.outcome === "completed" || completed.outcome === "already-completed") return { kind: "paid", paymentId, sessionId };
    throw new AppError("CONFLICT", "This payment could not be matched to the event. Please contact us.");
  }
  return { kind: "checkout", url: session.url ?? storedUrl, paymentId, sessionId, reused: true };
}

/** Best effort: expire a session we are replacing. Whatever Stripe says, its webhooks keep our rows right. */
async function closeStaleSession(sessionId: string): Promise<void> {
  try {
    const session = ZCheckoutSession.parse(await getStripe().checkout.sessions.expire(sessionId, {}, { timeout: 10_000, maxNetworkRetries: 1 }));
    if (session.status === "expired") await expirePayment({ session });
  } catch (error) {
    console.warn(`Could not expire the old Checkout session ${sessionId}`, error instanceof Error ? error.message : error);
  }
}
