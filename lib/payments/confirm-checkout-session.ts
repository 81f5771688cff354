import "server-only";
import { db, type EventStatus, type PaymentStatus } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TEventActor } from "@/lib/events/event-access";
import { ZCheckoutSession, type TCheckoutSession } from "./checkout-session";
import { completePayment } from "./complete-payment";
import { expirePayment } from "./expire-payment";
import { getStripe } from "./stripe-client";

export type TConfirmationState =
  /** Paid and recorded; the event is live unless it was cancelled or deleted meanwhile. */
  | "paid"
  /** Paid with an asynchronous method that Stripe has not confirmed yet. */
  | "processing"
  /** Not paid yet: the Checkout session is still open. */
  | "open"
  | "expired"
  | "refunded"
  /** Stripe could not be asked just now. */
  | "unavailable";

export type TPaymentConfirmation = {
  state: TConfirmationState;
  payment: {
    id: string;
    amountCents: number;
    currency: string;
    status: PaymentStatus;
    receiptUrl: string | null;
    completedAt: Date | null;
    checkoutUrl: string | null;
  };
  event: { id: string; title: string; slug: string; status: EventStatus; deleted: boolean };
};

const SESSION_ID_PATTERN = /^cs_[A-Za-z0-9_]{1,250}$/;

function notFound(): AppError {
  return new AppError("NOT_FOUND", "We could not find this payment.");
}

/**
 * /dashboard/payments/success: Stripe sends the creator back here with the
 * session id. The payment must be the signed-in creator's own (any for an
 * admin). If the webhook has not recorded it yet, the session is fetched from
 * Stripe and, when it is paid and matches, completed right here with the same
 * idempotent completePayment the webhook uses.
 */
export async function confirmCheckoutSession({
  actor,
  sessionId,
  now = new Date(),
}: {
  actor: TEventActor;
  sessionId: string;
  now?: Date;
}): Promise<TPaymentConfirmation> {
  if (!SESSION_ID_PATTERN.test(sessionId)) throw notFound();
  const where = { stripeCheckoutSessionId: sessionId, ...(actor.role === "ADMIN" ? {} : { creatorId: actor.id }) };
  const found = await db.payment.findFirst({ where, select: { id: true, status: true } });
  if (!found) throw notFound();

  let state: TConfirmationState;
  if (found.status === "COMPLETED") state = "paid";
  else if (found.status === "REFUNDED") state = "refunded";
  else state = await askStripe(sessionId, now);

  const payment = await db.payment.findUniqueOrThrow({
    where: { id: found.id },
    select: {
      id: true,
      amountCents: true,
      currency: true,
      status: true,
      receiptUrl: true,
      completedAt: true,
      checkoutUrl: true,
      event: { select: { id: true, title: true, slug: true, status: true, deletedAt: true } },
    },
  });
  const { event, ...rest } = payment;
  return { state, payment: rest, event: { id: event.id, title: event.title, slug: event.slug, status: event.status, deleted: event.deletedAt !== null } };
}

async function askStripe(sessionId: string, now: Date): Promise<TConfirmationState> {
  let session: TCheckoutSession;
  try {
    const fetched = await getStripe().checkout.sessions.retrieve(
      sessionId,
      { expand: ["payment_intent.latest_charge"] },
      { timeout: 10_000, maxNetworkRetries: 1 },
    );
    session = ZCheckoutSession.parse(fetched);
  } catch (error) {
    console.warn(`Could not fetch the Checkout session ${sessionId} for the success page`, error instanceof Error ? error.message : error);
    return "unavailable";
  }
  if (session.status === "expired") {
    await expirePayment({ session });
    return "expired";
  }
  if (session.status !== "complete") return "open";
  const result = await completePayment({ session, now });
  switch (result.outcome) {
    case "completed":
    case "already-completed":
      return "paid";
    case "not-paid":
      return "processing";
    case "mismatch":
      console.warn(`Checkout session ${sessionId} does not match its payment: ${result.reason}`);
      throw notFound();
    case "duplicate":
      return "paid";
  }
}
