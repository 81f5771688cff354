import "server-only";
import { getEnv } from "@/lib/env";
import { db } from "@/lib/db";
import type { TDigestSendData } from "@/lib/jobs/policies";
import { deliverMail, PermanentMailError } from "@/lib/mail/deliver-mail";
import { recipientLocale } from "@/lib/mail/recipient-locale";
import type { TMail } from "@/lib/mail/types";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import { describeAlert } from "./describe-alert";
import { digestMail, type TDigestMailEvent } from "./digest-mail";
import { MAX_DIGEST_EVENTS } from "./match-digest-events";
import { claimDelivery, recordOutcome, releaseClaim } from "./record-delivery";

/**
 * One subscriber's digest of one week (the "send" job): at most one mail, ever, per run and subscriber.
 *
 * claim the delivery (a conditional UPDATE; see record-delivery.ts) → read the subscriber, their events (still public,
 * not ended) and alerts → nothing left: SKIPPED, no mail → else send through the deliverer directly (not through a
 * second "mail" job, whose own retries the claim could not see) → SENT once the SMTP server accepted it. SENT and
 * SKIPPED move the subscriber's `digestedUntil` to the run's cutoff.
 *
 * A refused mail releases the claim and throws, so the job is retried with backoff; the last attempt, or a permanent
 * refusal (5xx), records FAILED. A job that finds the delivery done does nothing: a retry, a stalled job run again,
 * a second worker or the same job queued twice all end there.
 */

export type TDigestSendOutcome = "sent" | "skipped" | "already-done" | "interrupted" | "gone";

/** Another worker holds the claim right now: retry later (by then it is SENT, or its lease has run out). */
export class DigestInFlightError extends Error {
  constructor(subscriberId: string) {
    super(`the digest of subscriber ${subscriberId} is being sent by another worker`);
    this.name = "DigestInFlightError";
  }
}

/** The same Message-ID on every attempt: a receiver that sees it twice (after a lost SMTP answer) can drop one. */
function digestMessageId(week: string, subscriberId: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(getEnv().MAIL_FROM)?.[1] ?? "zenbali.site";
  return `<digest-${week}-${subscriberId}@${domain}>`;
}

/** Whether the SMTP server (or the file system) refused for good: a retry would be refused the same way. */
function isPermanent(error: unknown): boolean {
  return error instanceof PermanentMailError;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

export async function sendDigest(data: TDigestSendData, { finalAttempt = false }: { finalAttempt?: boolean } = {}): Promise<TDigestSendOutcome> {
  const key = { runId: data.runId, subscriberId: data.subscriberId };
  const claim = await claimDelivery(key);
  if (!claim.claimed) {
    if (claim.reason === "in-flight") throw new DigestInFlightError(data.subscriberId);
    return claim.reason === "done" ? "already-done" : claim.reason;
  }

  let composed: TComposed | null;
  try {
    composed = await composeDigest(data);
  } catch (error) {
    // Nothing went out: the claim goes back for the next attempt.
    await releaseClaim(key, { error: describeError(error), final: finalAttempt });
    throw error;
  }
  if (!composed) {
    await recordOutcome(key, { status: "SKIPPED", eventCount: 0 });
    return "skipped";
  }
  const { mail, eventCount } = composed;

  try {
    await deliverMail(mail, { messageId: digestMessageId(data.week, data.subscriberId), pooled: true });
  } catch (error) {
    await releaseClaim(key, { error: describeError(error), final: finalAttempt || isPermanent(error) });
    throw error;
  }
  // Sent: record it, trying a little harder than usual (until this lands, the claim stands, and the mail is never sent again).
  await withRetries(() => recordOutcome(key, { status: "SENT", eventCount }));
  return "sent";
}

async function withRetries<T>(action: () => Promise<T>, delaysMs: readonly number[] = [500, 2_000, 5_000]): Promise<T> {
  for (const delay of delaysMs) {
    try {
      return await action();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return action();
}

type TComposed = { mail: TMail; eventCount: number };

/** The mail, or null when there is nothing to send (no event still listed, or the subscriber left meanwhile). */
async function composeDigest(data: TDigestSendData): Promise<TComposed | null> {
  const subscriber = await db.subscriber.findUnique({
    where: { id: data.subscriberId },
    select: { email: true, token: true, language: true, confirmedAt: true, unsubscribedAt: true },
  });
  if (!subscriber?.confirmedAt || subscriber.unsubscribedAt || data.eventIds.length === 0) return null;

  const locale = recipientLocale(subscriber.language);
  const ids = data.eventIds.slice(0, MAX_DIGEST_EVENTS);
  const [events, alerts, reference] = await Promise.all([
    // Still public and not over: an event unpublished or deleted since the run is left out.
    db.$queryRaw<TDigestMailEvent[]>`
      SELECT e.slug, e.title, e.starts_at AS "startsAt", l.name AS location
      FROM events e JOIN locations l ON l.id = e.location_id
      WHERE e.id = ANY(${ids}::uuid[]) AND e.deleted_at IS NULL AND e.status = 'PUBLISHED'::"EventStatus" AND e.ends_at > now()
      ORDER BY e.starts_at, e.id`,
    db.alert.findMany({
      where: { id: { in: data.alertIds.slice(0, 100) }, subscriberId: data.subscriberId, confirmedAt: { not: null } },
      select: { kind: true, query: true, creatorId: true, createdAt: true, creator: { select: { name: true, organisation: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    listReferenceData(),
  ]);
  if (events.length === 0) return null;
  const dropped = ids.length - events.length;
  const mail = digestMail({
    to: subscriber.email,
    locale,
    token: subscriber.token,
    events,
    total: Math.max(events.length, data.total - dropped),
    alerts: alerts.map((alert) =>
      describeAlert(
        {
          kind: alert.kind,
          query: alert.query,
          creatorId: alert.creatorId,
          creatorName: alert.creator ? alert.creator.organisation || alert.creator.name : null,
        },
        locale,
        reference,
      ),
    ),
  });
  return { mail, eventCount: events.length };
}
