import "server-only";
import { publishSeriesDates } from "@/lib/series/keep-series-dates";
import { invalidateEventChange } from "@/lib/cache/public-changes";
import { db, Prisma } from "@/lib/db";
import { sendMail } from "@/lib/mail/send-mail";
import { recipientLocale } from "@/lib/mail/recipient-locale";
import { eventPublishedMail, paymentReceiptMail } from "@/lib/mail/templates";
import { matchSessionToPayment, paymentIntentId, receiptUrlOf, type TCheckoutSession } from "./checkout-session";
import { getStripe } from "./stripe-client";

/** A Stripe webhook event to record in the same transaction (idempotency on the Stripe event id). */
export type TWebhookRecord = { id: string; type: string };

export type TCompleteOutcome =
  /** This call marked the payment completed (and published the event when it still could be). */
  | { outcome: "completed"; paymentId: string; eventId: string; published: boolean }
  /** Done before (by the webhook or the success page): nothing changed. */
  | { outcome: "already-completed"; paymentId: string; eventId: string }
  /** The session is not paid (yet): an async method such as a bank debit is still pending. */
  | { outcome: "not-paid"; paymentId: string; eventId: string }
  /** The session does not belong to a payment of ours, or its amount, currency, event or creator differ. */
  | { outcome: "mismatch"; reason: string }
  /** This webhook event was handled before. */
  | { outcome: "duplicate" };

/** Payments that may still become completed: money taken for a session we had given up on is still recorded. */
const COMPLETABLE = ["PENDING", "EXPIRED", "FAILED"] as const;

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * The one way a posting fee becomes paid, shared by the webhook and the
 * success page. Idempotent: in one transaction the payment becomes COMPLETED
 * (with the PaymentIntent id and completedAt) and its event PUBLISHED — unless
 * the event was cancelled, unpublished or deleted meanwhile — and the webhook
 * event, if any, is recorded. Only then are the public caches invalidated and
 * the receipt (and "your event is live") mailed, once, by whichever caller
 * completed the payment.
 * A session whose payment_status is not "paid" never publishes anything.
 */
export async function completePayment({
  session,
  webhookEvent,
  now = new Date(),
}: {
  session: TCheckoutSession;
  webhookEvent?: TWebhookRecord;
  now?: Date;
}): Promise<TCompleteOutcome> {
  const match = await matchSessionToPayment(session, { checkAmount: true });
  if (!match.ok) return { outcome: "mismatch", reason: match.reason };
  const { payment } = match;
  if (session.payment_status !== "paid") return { outcome: "not-paid", paymentId: payment.id, eventId: payment.eventId };

  let result: { completed: false } | { completed: true; published: boolean };
  try {
    result = await db.$transaction(async (tx) => {
      if (webhookEvent) await tx.processedWebhookEvent.create({ data: { id: webhookEvent.id, type: webhookEvent.type } });
      const receiptUrl = receiptUrlOf(session);
      const { count } = await tx.payment.updateMany({
        where: { id: payment.id, status: { in: [...COMPLETABLE] } },
        data: {
          status: "COMPLETED",
          completedAt: now,
          stripeCheckoutSessionId: session.id,
          stripePaymentIntentId: paymentIntentId(session),
          ...(receiptUrl ? { receiptUrl } : {}),
        },
      });
      if (count === 0) return { completed: false as const };
      const published = await tx.event.updateMany({
        where: { id: payment.eventId, deletedAt: null, status: { in: ["DRAFT", "AWAITING_PAYMENT"] } },
        data: { status: "PUBLISHED", publishedAt: now, unpublishReason: null },
      });
      return { completed: true as const, published: published.count > 0 };
    });
  } catch (error) {
    // The same Stripe event delivered twice at once: the other delivery recorded it.
    if (webhookEvent && isUniqueViolation(error)) return { outcome: "duplicate" };
    throw error;
  }
  if (!result.completed) return { outcome: "already-completed", paymentId: payment.id, eventId: payment.eventId };

  if (result.published) {
    const event = await db.event.findUnique({ where: { id: payment.eventId }, select: { slug: true, creatorId: true, seriesId: true } });
    if (event) await invalidateEventChange({ slug: event.slug, creatorIds: [event.creatorId], before: null, after: { status: "PUBLISHED" } });
    // One posting fee publishes a series: its other dates are created now (and by the hourly job, should this fail).
    if (event?.seriesId) await publishSeriesDates(event.seriesId);
  }
  await sendReceipt({ paymentId: payment.id, session, published: result.published, now });
  return { outcome: "completed", paymentId: payment.id, eventId: payment.eventId, published: result.published };
}

/**
 * Mails the receipt and, when the event went live, "your event is live".
 * Runs after the transaction and never fails the caller: the payment is
 * recorded whatever happens to the mail. When the session did not carry the
 * receipt URL (webhooks send the PaymentIntent id only), one short,
 * best-effort call asks Stripe for it, for the payment history.
 */
async function sendReceipt({
  paymentId,
  session,
  published,
  now,
}: {
  paymentId: string;
  session: TCheckoutSession;
  published: boolean;
  now: Date;
}): Promise<void> {
  const intentId = paymentIntentId(session);
  if (!receiptUrlOf(session) && intentId) {
    const receiptUrl = await fetchReceiptUrl(intentId);
    if (receiptUrl)
      await db.payment.update({ where: { id: paymentId }, data: { receiptUrl } }).catch((error: unknown) => {
        console.error(`Could not store the receipt URL of payment ${paymentId}`, error);
      });
  }
  const payment = await db.payment.findUnique({
    where: { id: paymentId },
    select: {
      amountCents: true,
      completedAt: true,
      creator: { select: { email: true, name: true, language: true } },
      event: { select: { title: true, slug: true } },
    },
  });
  if (!payment) return;
  const locale = recipientLocale(payment.creator.language); // the creator's mail language
  const mails = [
    paymentReceiptMail({
      name: payment.creator.name,
      eventTitle: payment.event.title,
      amountCents: payment.amountCents,
      paidAt: payment.completedAt ?? now,
      reference: session.id,
      locale,
    }),
    ...(published ? [eventPublishedMail({ name: payment.creator.name, eventTitle: payment.event.title, slug: payment.event.slug, locale })] : []),
  ];
  for (const mail of mails) {
    try {
      await sendMail({ to: payment.creator.email, ...mail });
    } catch (error) {
      console.error(`Payment ${paymentId} is completed, but the ${mail.kind} mail could not be sent`, error);
    }
  }
}

async function fetchReceiptUrl(paymentIntentIdValue: string): Promise<string | null> {
  try {
    const intent = await getStripe().paymentIntents.retrieve(paymentIntentIdValue, { expand: ["latest_charge"] }, { timeout: 5_000, maxNetworkRetries: 0 });
    const charge = intent.latest_charge;
    return charge && typeof charge !== "string" ? charge.receipt_url : null;
  } catch (error) {
    console.warn(`Could not fetch the receipt URL of ${paymentIntentIdValue}`, error instanceof Error ? error.message : error);
    return null;
  }
}
