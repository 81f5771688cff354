import "server-only";
import { issueToken, TOKEN_TTL } from "@/lib/auth/tokens";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { PUBLIC_STATUSES } from "@/lib/events/public-visibility";
import { isUuid } from "@/lib/format/uuid";
import type { TLocale } from "@/lib/i18n/languages";
import { recipientLocale } from "@/lib/mail/recipient-locale";
import { sendMail } from "@/lib/mail/send-mail";
import { checkRateLimit } from "@/lib/redis/rate-limit";
import { MAX_SAVED_EVENTS } from "@/lib/saved/saved-cookie";
import { alertKeyOf, canonicalAlertQuery, type TAlertTarget } from "./alert-target";
import { subscriptionConfirmMail } from "./confirmation-mail";
import { loadPendingSubscription, PENDING_TTL_MS, type TPendingSubscription } from "./pending-subscription";
import { normaliseSubscriberEmail } from "./subscriber-email";
import { newSubscriberToken } from "./subscriber-token";

/** More alerts than anyone follows; past it a request adds none (and still answers as always). */
export const MAX_ALERTS_PER_SUBSCRIBER = 50;

export const SUBSCRIBE_UNAVAILABLE_MESSAGE = "Subscribing is temporarily unavailable. Please try again in a minute.";

export type TRequestSubscriptionInput = {
  /** As typed: normalised here (trimmed, lower-cased, at most 254 characters). */
  email: string;
  /** The page's language: a new subscriber's mail is written in it. */
  locale: TLocale;
  /** The requester's IP (lib/http/client-ip.ts), for the per-IP limit. */
  ip: string;
  /** Events for the saved list (a visitor's cookie list, lib/subscriptions/saved-event-ids.ts). */
  savedEventIds?: readonly string[];
  /** An alert to add (lib/subscriptions/alert-target.ts). */
  alert?: TAlertTarget;
  /**
   * Runs the database, token and mail work. Route handlers pass `after` from next/server, so that it happens once the
   * response has gone: a known address then answers exactly as fast as a new one. Default: run it now and wait.
   */
  defer?: (task: () => Promise<void>) => void;
  now?: Date;
};

/**
 * "Get these by email" / "Email me new events like these" / "Email me when <name> posts": double opt-in for an
 * address, without an account. Resolves with nothing to tell, whatever the address's state (new, waiting for its
 * confirmation, confirmed, unsubscribed): the page then says "check your inbox" every time. Throws AppError only
 * for what the requester did themselves, never for anything about the address:
 * - INVALID_INPUT: not an email address, or an alert query that is not a listing query;
 * - NOT_FOUND: the organiser of a creator alert has no public page;
 * - RATE_LIMITED: this IP asked more than `subscribeIp` allows (5 an hour);
 * - SERVICE_UNAVAILABLE: the limits cannot be checked (they fail closed), the same for every address.
 *
 * Then, unless the address had `subscribeEmail` (3) confirmation mails in the last day (over it: silently nothing,
 * so that a stranger cannot fill someone's inbox, and the answer stays the same): finds or creates the subscriber
 * (a new one gets the page's language and a private token), forgets its requests older than a confirmation link
 * lives, adds the saved events (up to MAX_SAVED_EVENTS on the list) and the alert (once per key) as pending rows
 * (`confirmedAt` null: invisible and silent until confirmed), issues a 24-hour single-use confirmation token (only
 * the newest link works) and mails it with everything the link switches on. A confirmed subscriber's additions wait
 * for a confirmation too: nobody attaches anything to someone else's address. A failure there is logged, never
 * shown (it would differ between addresses).
 */
export async function requestSubscription(input: TRequestSubscriptionInput): Promise<void> {
  const email = normaliseSubscriberEmail(input.email);
  if (!email) throw new AppError("INVALID_INPUT", "Enter a valid email address.", { fields: { email: "Enter a valid email address." } });
  const alert = input.alert;
  if (alert?.kind === "query" && canonicalAlertQuery(alert.query) !== alert.query) {
    throw new AppError("INVALID_INPUT", "This alert is not a query of the event listing.");
  }
  if (alert?.kind === "creator") {
    const creator = isUuid(alert.creatorId)
      ? await db.user.findFirst({ where: { id: alert.creatorId, role: "CREATOR", isActive: true }, select: { id: true } })
      : null;
    if (!creator) throw new AppError("NOT_FOUND", "This organiser is not on Zen Bali.");
  }
  const savedEventIds = [...new Set((input.savedEventIds ?? []).filter((id) => id.length === 36 && isUuid(id)).map((id) => id.toLowerCase()))].slice(
    -MAX_SAVED_EVENTS,
  );

  const ipLimit = await checkRateLimit("subscribeIp", input.ip);
  if (ipLimit.unavailable) throw new AppError("SERVICE_UNAVAILABLE", SUBSCRIBE_UNAVAILABLE_MESSAGE);
  if (!ipLimit.success) {
    const minutes = Math.max(1, Math.ceil(ipLimit.retryAfterSeconds / 60));
    throw new AppError("RATE_LIMITED", `Too many subscriptions from your connection, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, {
      retryAfterSeconds: ipLimit.retryAfterSeconds,
    });
  }
  const emailLimit = await checkRateLimit("subscribeEmail", email);
  if (emailLimit.unavailable) throw new AppError("SERVICE_UNAVAILABLE", SUBSCRIBE_UNAVAILABLE_MESSAGE);
  if (!emailLimit.success) return; // silent: the same answer, no mail, nothing added

  const now = input.now ?? new Date();
  const task = () =>
    subscribeAndMail({ email, locale: input.locale, savedEventIds, alert, now }).catch((error: unknown) =>
      console.error("subscription: the request could not be recorded or its confirmation mail sent", error),
    );
  if (input.defer) input.defer(task);
  else await task();
}

type TSubscribeWork = { email: string; locale: TLocale; savedEventIds: string[]; alert?: TAlertTarget; now: Date };

async function subscribeAndMail(work: TSubscribeWork): Promise<void> {
  const { subscriber, pending } = await recordRequest(work);
  const { token, expiresAt } = await issueToken({ purpose: "subscription-confirm", userId: subscriber.id, ttlSeconds: TOKEN_TTL["subscription-confirm"] });
  await sendMail({ to: work.email, ...subscriptionConfirmMail({ token, expiresAt, pending, locale: recipientLocale(subscriber.language) }) });
}

/** The subscriber and its pending rows, in one transaction; a lost race for a new address's row is run again once. */
async function recordRequest(work: TSubscribeWork): Promise<{ subscriber: { id: string; language: string }; pending: TPendingSubscription }> {
  const visible = work.savedEventIds.length
    ? new Set(
        (await db.event.findMany({ where: { id: { in: work.savedEventIds }, deletedAt: null, status: { in: PUBLIC_STATUSES } }, select: { id: true } })).map(
          (event) => event.id,
        ),
      )
    : new Set<string>();
  const eventIds = work.savedEventIds.filter((id) => visible.has(id));
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction((tx) => recordIn(tx, { ...work, savedEventIds: eventIds }));
    } catch (error) {
      if (attempt >= 2 || !(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
  }
}

async function recordIn(tx: Prisma.TransactionClient, { email, locale, savedEventIds, alert, now }: TSubscribeWork) {
  const subscriber = await tx.subscriber.upsert({
    where: { email },
    create: { email, token: newSubscriberToken(), language: locale },
    update: {},
    select: { id: true, language: true },
  });
  const subscriberId = subscriber.id;
  // One request of an address at a time (two at once stay under the caps).
  await tx.$executeRaw`SELECT 1 FROM subscribers WHERE id = ${subscriberId}::uuid FOR UPDATE`;
  // Requests whose link has expired are forgotten: a new link switches on only what it lists.
  const staleBefore = new Date(now.getTime() - PENDING_TTL_MS);
  await tx.savedEvent.deleteMany({ where: { subscriberId, confirmedAt: null, createdAt: { lt: staleBefore } } });
  await tx.alert.deleteMany({ where: { subscriberId, confirmedAt: null, createdAt: { lt: staleBefore } } });

  if (savedEventIds.length > 0) {
    const listed = new Set((await tx.savedEvent.findMany({ where: { subscriberId }, select: { eventId: true } })).map((row) => row.eventId));
    const room = MAX_SAVED_EVENTS - listed.size;
    // The newest saved are kept when the list cannot take them all (the cookie's order: oldest first).
    const added = room > 0 ? savedEventIds.filter((id) => !listed.has(id)).slice(-room) : [];
    if (added.length > 0) {
      await tx.savedEvent.createMany({ data: added.map((eventId) => ({ subscriberId, eventId, createdAt: now })), skipDuplicates: true });
    }
  }
  if (alert && (await tx.alert.count({ where: { subscriberId } })) < MAX_ALERTS_PER_SUBSCRIBER) {
    const target = alert.kind === "query" ? { kind: "QUERY" as const, query: alert.query } : { kind: "CREATOR" as const, creatorId: alert.creatorId };
    await tx.alert.createMany({ data: [{ subscriberId, key: alertKeyOf(alert), createdAt: now, ...target }], skipDuplicates: true });
  }
  return { subscriber, pending: await loadPendingSubscription(subscriberId, tx) };
}
