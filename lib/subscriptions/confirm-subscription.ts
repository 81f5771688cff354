import "server-only";
import { consumeToken, peekToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { loadPendingSubscription, type TPendingSubscription } from "./pending-subscription";

/** Where a confirmed subscriber goes next: their saved list (/saved/<token>) or their alerts (/alerts/<token>). */
export type TConfirmedSubscription = { token: string; destination: "saved" | "alerts" };

/** Tokens are 43 characters (lib/auth/tokens.ts); anything much longer is not looked at. */
const MAX_TOKEN_LENGTH = 64;

function usableToken(token: unknown): token is string {
  return typeof token === "string" && token.length > 0 && token.length <= MAX_TOKEN_LENGTH;
}

/**
 * What the confirmation link in a mail would switch on, WITHOUT using the link up: the page the link opens shows
 * this and a button (mail scanners follow links; only the button's POST confirms). Null when the link is unknown,
 * expired, already used or superseded by a newer one.
 */
export async function peekSubscriptionConfirmation(token: unknown): Promise<TPendingSubscription | null> {
  if (!usableToken(token)) return null;
  const subscriberId = await peekToken({ purpose: "subscription-confirm", token });
  if (!subscriberId) return null;
  const exists = await db.subscriber.findUnique({ where: { id: subscriberId }, select: { id: true } });
  return exists ? loadPendingSubscription(subscriberId) : null;
}

/**
 * The button on the confirmation page: uses the link up (single use, 24 hours; only the newest link of an address
 * works) and confirms the subscriber and everything pending on it, in one transaction: the subscriber's
 * `confirmedAt` (kept when it was confirmed before), and every saved event and alert waiting for this confirmation.
 * An unsubscribed subscriber who asked for an alert again is subscribed again here, and only here; asking for a
 * saved list does not restart mail they stopped. Null when the link no longer works.
 *
 * `destination`: "alerts" when the confirmation switched on an alert (or the subscriber has only alerts), else
 * "saved".
 */
export async function confirmSubscription(token: unknown, now = new Date()): Promise<TConfirmedSubscription | null> {
  if (!usableToken(token)) return null;
  const subscriberId = await consumeToken({ purpose: "subscription-confirm", token });
  if (!subscriberId) return null;
  return db.$transaction(async (tx) => {
    const subscriber = await tx.subscriber.findUnique({ where: { id: subscriberId }, select: { id: true, token: true, confirmedAt: true } });
    if (!subscriber) return null;
    const saved = await tx.savedEvent.updateMany({ where: { subscriberId, confirmedAt: null }, data: { confirmedAt: now } });
    const alerts = await tx.alert.updateMany({ where: { subscriberId, confirmedAt: null }, data: { confirmedAt: now } });
    await tx.subscriber.update({
      where: { id: subscriberId },
      data: { confirmedAt: subscriber.confirmedAt ?? now, ...(alerts.count > 0 ? { unsubscribedAt: null } : {}) },
    });
    let destination: TConfirmedSubscription["destination"] = alerts.count > 0 ? "alerts" : "saved";
    if (alerts.count === 0 && saved.count === 0) {
      const savedTotal = await tx.savedEvent.count({ where: { subscriberId } });
      if (savedTotal === 0 && (await tx.alert.count({ where: { subscriberId } })) > 0) destination = "alerts";
    }
    return { token: subscriber.token, destination };
  });
}
