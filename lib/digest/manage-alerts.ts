import "server-only";
import { db } from "@/lib/db";
import { isLocale, type TLocale } from "@/lib/i18n/languages";
import { findSubscriberByToken } from "@/lib/subscriptions/find-subscriber";
import { isSubscriberToken } from "@/lib/subscriptions/subscriber-token";
import type { TAlertForWords } from "./describe-alert";

/**
 * /alerts/<token>: a subscriber's alerts, Delete, and "Unsubscribe from everything" (also the one-click unsubscribe of
 * every digest, RFC 8058). The token is the only credential: a value that is not shaped like one never reaches the
 * database, and an unknown token (or one not confirmed yet) is null, which the routes answer with 404.
 */

export type TManagedAlert = TAlertForWords & { id: string };

export type TAlertsPage = { subscriberId: string; token: string; locale: TLocale; unsubscribed: boolean; alerts: TManagedAlert[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The subscriber's confirmed alerts, oldest first (an alert waiting for its confirmation mail is not theirs yet). */
export async function getAlertsPage(token: unknown): Promise<TAlertsPage | null> {
  const subscriber = await findSubscriberByToken(token);
  if (!subscriber) return null;
  const alerts = await db.alert.findMany({
    where: { subscriberId: subscriber.id, confirmedAt: { not: null } },
    select: { id: true, kind: true, query: true, creatorId: true, creator: { select: { name: true, organisation: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return {
    subscriberId: subscriber.id,
    token: subscriber.token,
    locale: isLocale(subscriber.language) ? subscriber.language : "en",
    unsubscribed: subscriber.unsubscribedAt !== null,
    alerts: alerts.map((alert) => ({
      id: alert.id,
      kind: alert.kind,
      query: alert.query,
      creatorId: alert.creatorId,
      creatorName: alert.creator ? alert.creator.organisation || alert.creator.name : null,
    })),
  };
}

/**
 * Deletes one of the subscriber's alerts: only theirs (an alert id of someone else, or none, deletes nothing).
 * Null for an unknown token; "gone" when there was no such alert of theirs (already deleted: the same page again).
 */
export async function deleteSubscriberAlert({ token, alertId }: { token: unknown; alertId: unknown }): Promise<"deleted" | "gone" | null> {
  const subscriber = await findSubscriberByToken(token);
  if (!subscriber) return null;
  if (typeof alertId !== "string" || !UUID.test(alertId)) return "gone";
  const { count } = await db.alert.deleteMany({ where: { id: alertId, subscriberId: subscriber.id } });
  return count > 0 ? "deleted" : "gone";
}

/**
 * Unsubscribes from everything: no digest from now on (a run's deliveries still owed to them end SKIPPED). Idempotent:
 * the first time is kept. Their alerts and saved list stay readable at their links; confirming a new alert subscribes
 * them again (lib/subscriptions/confirm-subscription.ts). One statement; null for an unknown or unconfirmed token.
 */
export async function unsubscribeEverything(token: unknown): Promise<{ locale: TLocale; token: string } | null> {
  if (!isSubscriberToken(token)) return null;
  const [row] = await db.$queryRaw<{ language: string }[]>`
    UPDATE subscribers SET unsubscribed_at = COALESCE(unsubscribed_at, now()), updated_at = now()
    WHERE token = ${token} AND confirmed_at IS NOT NULL
    RETURNING language`;
  if (!row) return null;
  return { locale: isLocale(row.language) ? row.language : "en", token };
}
