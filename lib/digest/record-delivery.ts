import "server-only";
import { db, Prisma } from "@/lib/db";

/**
 * The states of one subscriber's digest of one week (digest_deliveries), the guard that no retry, stalled job or
 * second worker ever sends it twice:
 *
 *   PENDING, sent_at NULL      owed, nobody is sending it           → claimDelivery may take it
 *   PENDING, sent_at = t       claimed at t: a worker is sending it (or stopped while sending it)
 *   SENT                       the SMTP server accepted it (sent_at = when)
 *   SKIPPED                    nothing to send (no match, or unsubscribed meanwhile)
 *   FAILED                     refused for good, out of attempts, or its sender stopped mid-send (see below)
 *
 * A claim is a conditional UPDATE (PENDING and not claimed → claimed), so exactly one worker wins it. The winner
 * records SENT only after the SMTP server accepted the mail; a refusal (SMTP down, 4xx) releases the claim for the
 * job's next attempt. A claim that stays for longer than CLAIM_LEASE_MS means its worker died between sending and
 * recording (the only window where the mail may or may not have gone out): it is then marked FAILED, never sent
 * again automatically — at most one mail, and the admin decides (retry from /admin/system). Its events are not lost:
 * the subscriber's `digestedUntil` moves on only with SENT or SKIPPED, so next week's digest lists them.
 */

/** Far longer than one SMTP delivery can take (10 s to connect, 10 s greeting, 30 s per socket read). */
export const CLAIM_LEASE_MS = 5 * 60_000;

export const INTERRUPTED_ERROR = "The worker stopped while sending this digest: it may or may not have gone out, so it is not sent again by itself.";

export type TClaim =
  | { claimed: true; attempts: number }
  | { claimed: false; reason: "gone" | "done" | "in-flight" | "interrupted"; status?: "SENT" | "SKIPPED" | "FAILED" | "PENDING" };

type TKey = { runId: string; subscriberId: string };

const errorText = (message: string) => message.slice(0, 500);

/** Takes the delivery for sending, or says why not. */
export async function claimDelivery({ runId, subscriberId }: TKey, now = new Date()): Promise<TClaim> {
  const [claimed] = await db.$queryRaw<{ attempts: number }[]>`
    UPDATE digest_deliveries SET sent_at = ${now}, attempts = attempts + 1, updated_at = now()
    WHERE run_id = ${runId}::uuid AND subscriber_id = ${subscriberId}::uuid AND status = 'PENDING'::"DigestDeliveryStatus" AND sent_at IS NULL
    RETURNING attempts`;
  if (claimed) return { claimed: true, attempts: claimed.attempts };
  const row = await db.digestDelivery.findUnique({ where: { runId_subscriberId: { runId, subscriberId } }, select: { status: true, sentAt: true } });
  if (!row) return { claimed: false, reason: "gone" };
  if (row.status !== "PENDING") return { claimed: false, reason: "done", status: row.status };
  if (row.sentAt && now.getTime() - row.sentAt.getTime() < CLAIM_LEASE_MS) return { claimed: false, reason: "in-flight", status: "PENDING" };
  // The claim outlived its lease: its sender stopped mid-send. FAILED (not sent again by itself); only if nobody moved it meanwhile.
  await db.$executeRaw`
    UPDATE digest_deliveries SET status = 'FAILED'::"DigestDeliveryStatus", last_error = ${INTERRUPTED_ERROR}, updated_at = now()
    WHERE run_id = ${runId}::uuid AND subscriber_id = ${subscriberId}::uuid AND status = 'PENDING'::"DigestDeliveryStatus" AND sent_at = ${row.sentAt}`;
  await finishRunIfDone(runId);
  return { claimed: false, reason: "interrupted", status: "FAILED" };
}

/**
 * SENT or SKIPPED, and the subscriber's digest now covers the run's cutoff: one transaction. Only from the claim
 * (PENDING) — false if the row was not in that state.
 */
export async function recordOutcome({ runId, subscriberId }: TKey, outcome: { status: "SENT" | "SKIPPED"; eventCount: number }): Promise<boolean> {
  const done = await db.$transaction(async (tx) => {
    const updated = await tx.$executeRaw`
      UPDATE digest_deliveries
      SET status = ${outcome.status}::"DigestDeliveryStatus", event_count = ${outcome.eventCount}, last_error = NULL, updated_at = now(),
          sent_at = ${outcome.status === "SENT" ? Prisma.sql`now()` : Prisma.sql`NULL`}
      WHERE run_id = ${runId}::uuid AND subscriber_id = ${subscriberId}::uuid AND status = 'PENDING'::"DigestDeliveryStatus"`;
    if (updated === 0) return false;
    await tx.$executeRaw`
      UPDATE subscribers s SET digested_until = GREATEST(s.digested_until, r.cutoff), updated_at = now()
      FROM digest_runs r WHERE r.id = ${runId}::uuid AND s.id = ${subscriberId}::uuid`;
    return true;
  });
  await finishRunIfDone(runId);
  return done;
}

/** The SMTP server refused (or was away): the claim is released for the job's next attempt, or, when `final`, FAILED. */
export async function releaseClaim({ runId, subscriberId }: TKey, { error, final }: { error: string; final: boolean }): Promise<void> {
  await db.$executeRaw`
    UPDATE digest_deliveries
    SET status = ${final ? "FAILED" : "PENDING"}::"DigestDeliveryStatus", sent_at = NULL, last_error = ${errorText(error)}, updated_at = now()
    WHERE run_id = ${runId}::uuid AND subscriber_id = ${subscriberId}::uuid AND status = 'PENDING'::"DigestDeliveryStatus"`;
  if (final) await finishRunIfDone(runId);
}

/** A run is finished when none of its deliveries is PENDING (run_id, status index). */
export async function finishRunIfDone(runId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE digest_runs SET finished_at = now()
    WHERE id = ${runId}::uuid AND finished_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM digest_deliveries d WHERE d.run_id = ${runId}::uuid AND d.status = 'PENDING'::"DigestDeliveryStatus")`;
}
