import "server-only";
import { db } from "@/lib/db";
import { matchSessionToPayment, type TCheckoutSession } from "./checkout-session";
import { isUniqueViolation, type TWebhookRecord } from "./complete-payment";

export type TExpireOutcome = { outcome: "expired" | "unchanged"; paymentId: string } | { outcome: "mismatch"; reason: string } | { outcome: "duplicate" };

/**
 * A Checkout session expired unpaid: its payment (if still pending) becomes
 * EXPIRED. The event is left as it is (awaiting payment, never published);
 * the creator can start a new payment from the dashboard.
 */
export async function expirePayment({ session, webhookEvent }: { session: TCheckoutSession; webhookEvent?: TWebhookRecord }): Promise<TExpireOutcome> {
  const match = await matchSessionToPayment(session, { checkAmount: false });
  if (!match.ok) return { outcome: "mismatch", reason: match.reason };
  if (session.status && session.status !== "expired") return { outcome: "mismatch", reason: `session status is ${session.status}` };
  const { payment } = match;
  try {
    const count = await db.$transaction(async (tx) => {
      if (webhookEvent) await tx.processedWebhookEvent.create({ data: { id: webhookEvent.id, type: webhookEvent.type } });
      const updated = await tx.payment.updateMany({
        where: { id: payment.id, status: "PENDING" },
        data: { status: "EXPIRED", stripeCheckoutSessionId: session.id },
      });
      return updated.count;
    });
    return { outcome: count > 0 ? "expired" : "unchanged", paymentId: payment.id };
  } catch (error) {
    if (webhookEvent && isUniqueViolation(error)) return { outcome: "duplicate" };
    throw error;
  }
}
