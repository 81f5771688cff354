import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { queuePendingDeliveries } from "@/lib/digest/run-digest";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/format/uuid";

export type TDigestRetryResult = { week: string; retried: number; queued: boolean };

/**
 * An admin retries the failed deliveries of one digest run (/admin/system, "Retry failed"): they go back to PENDING
 * and are queued again, each as its own send job (a failed job of the same id is moved back with fresh attempts).
 * The change and its audit row (`digest.retry`) are one transaction; conditional on FAILED, so two admins pressing
 * at once retry them once. A delivery that failed because its worker stopped mid-send may have gone out: retrying it
 * is the admin's call (the list shows the error).
 *
 * Refusals: no such run (404), nothing failed (409). If the queue is not reachable, the deliveries stay PENDING and
 * the worker's resume pass (every 15 minutes) queues them: `queued` is false.
 */
export async function retryFailedDigestDeliveries({
  actor,
  runId,
  ip,
}: {
  actor: TAuditActor;
  runId: string;
  ip?: string | null;
}): Promise<TDigestRetryResult> {
  if (!isUuid(runId)) throw new AppError("NOT_FOUND", "This digest run does not exist.");
  const { run, subscriberIds } = await db.$transaction(async (tx) => {
    const found = await tx.digestRun.findUnique({ where: { id: runId }, select: { id: true, week: true, cutoff: true, finishedAt: true } });
    if (!found) throw new AppError("NOT_FOUND", "This digest run does not exist.");
    const rows = await tx.$queryRaw<{ subscriberId: string }[]>`
      UPDATE digest_deliveries SET status = 'PENDING'::"DigestDeliveryStatus", sent_at = NULL, updated_at = now()
      WHERE run_id = ${runId}::uuid AND status = 'FAILED'::"DigestDeliveryStatus"
      RETURNING subscriber_id AS "subscriberId"`;
    if (rows.length === 0) throw new AppError("CONFLICT", "This digest run has no failed deliveries (they may have been retried already).");
    await tx.digestRun.update({ where: { id: runId }, data: { finishedAt: null } });
    await recordAudit(tx, {
      actor,
      action: "digest.retry",
      targetType: "digest-run",
      targetId: runId,
      ip,
      summary: { week: found.week, deliveries: rows.length, before: { status: "FAILED" }, after: { status: "PENDING" } },
    });
    return { run: { ...found, finishedAt: null }, subscriberIds: rows.map((row) => row.subscriberId) };
  });
  try {
    await queuePendingDeliveries(run, { created: false, retryFailed: true, subscriberIds });
    return { week: run.week, retried: subscriberIds.length, queued: true };
  } catch (error) {
    if (error instanceof AppError && error.code === "SERVICE_UNAVAILABLE") return { week: run.week, retried: subscriberIds.length, queued: false };
    throw error;
  }
}
