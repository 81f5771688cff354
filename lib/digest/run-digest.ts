import "server-only";
import { db } from "@/lib/db";
import { enqueueBulk, type TBulkResult } from "@/lib/jobs/queues";
import type { TDigestSendData } from "@/lib/jobs/policies";
import { digestSendJobId, digestWeekOf } from "./digest-week";
import { finishRunIfDone } from "./record-delivery";
import { matchDigestEvents } from "./match-digest-events";

/**
 * The weekly digest run (the "run" job, Thursday 08:00 Bali time), and the "resume" pass.
 *
 * A run is the week's one DigestRun row (`week` is unique): a repeat of the job or a second worker gets the same row
 * and the same cutoff. Each subscriber it owes a mail gets one DigestDelivery row (PENDING), inserted set-based; then
 * the matches of the PENDING ones are computed (matchDigestEvents) and one "send" job per subscriber is queued, with
 * the job id `digest:<week>:<subscriber id>`. The delivery row, not the queue, decides whether a mail goes out
 * (lib/digest/send-digest.ts), so queueing the same subscriber twice is harmless.
 */

export type TDigestRunResult = { week: string; runId: string; created: boolean; pending: number; queued: TBulkResult | null };

export type TRun = { id: string; week: string; cutoff: Date; finishedAt: Date | null };

/** Starts the run of the week `now` is in (or finds it) and queues what it still owes. */
export async function runDigest({ now = new Date() }: { now?: Date } = {}): Promise<TDigestRunResult> {
  const { run, created } = await openDigestRun({ now });
  if (run.finishedAt) return { week: run.week, runId: run.id, created: false, pending: 0, queued: null };
  // A repeat may find jobs of this run that failed for good with their delivery still PENDING: those are retried.
  return queuePendingDeliveries(run, { created, retryFailed: !created });
}

/**
 * The run of the week `now` is in, created with `now` as its cutoff by whoever comes first (a repeat or a second
 * worker gets the same row), and its PENDING deliveries (set-based; those already there are left as they are).
 */
export async function openDigestRun({ now = new Date() }: { now?: Date } = {}): Promise<{ run: TRun; created: boolean }> {
  const week = digestWeekOf(now);
  const created = await db.$executeRaw`
    INSERT INTO digest_runs (id, week, cutoff, started_at) VALUES (gen_random_uuid(), ${week}, ${now}, now())
    ON CONFLICT (week) DO NOTHING`;
  const run = await db.digestRun.findUniqueOrThrow({ where: { week }, select: { id: true, week: true, cutoff: true, finishedAt: true } });
  if (!run.finishedAt) await insertDeliveries(run);
  return { run, created: created > 0 };
}

/**
 * The "resume" pass (every 15 minutes): every unfinished run of the last week queues again the deliveries still
 * PENDING (a send that failed in process, a job lost with Redis, a run job that stopped half-way). A run that started
 * less than `graceMs` ago is left alone: its jobs are still being worked through.
 */
export async function resumeDigestRuns({ now = new Date(), graceMs = 10 * 60_000 }: { now?: Date; graceMs?: number } = {}): Promise<TDigestRunResult[]> {
  const runs = await db.digestRun.findMany({
    where: { finishedAt: null, startedAt: { lt: new Date(now.getTime() - graceMs), gt: new Date(now.getTime() - 8 * 86_400_000) } },
    select: { id: true, week: true, cutoff: true, finishedAt: true },
    orderBy: { startedAt: "asc" },
  });
  const results: TDigestRunResult[] = [];
  for (const run of runs) results.push(await queuePendingDeliveries(run, { created: false, retryFailed: true }));
  return results;
}

/** A PENDING delivery for every confirmed, still subscribed subscriber with a confirmed alert (as of the cutoff). */
async function insertDeliveries(run: TRun): Promise<number> {
  return db.$executeRaw`
    INSERT INTO digest_deliveries (run_id, subscriber_id, status, updated_at)
    SELECT ${run.id}::uuid, s.id, 'PENDING'::"DigestDeliveryStatus", now()
    FROM subscribers s
    WHERE s.confirmed_at IS NOT NULL AND s.confirmed_at <= ${run.cutoff} AND s.unsubscribed_at IS NULL
      AND EXISTS (SELECT 1 FROM alerts a WHERE a.subscriber_id = s.id AND a.confirmed_at IS NOT NULL AND a.confirmed_at <= ${run.cutoff})
    ON CONFLICT DO NOTHING`;
}

/**
 * Computes the matches of the run's PENDING deliveries (or of `subscriberIds` among them) and queues one send job per
 * subscriber. `retryFailed`: a job of the same id that failed for good is moved back to the queue (see enqueueBulk).
 */
export async function queuePendingDeliveries(
  run: TRun,
  { created, retryFailed, subscriberIds }: { created: boolean; retryFailed: boolean; subscriberIds?: readonly string[] },
): Promise<TDigestRunResult> {
  const matches = await matchDigestEvents({ runId: run.id, cutoff: run.cutoff, subscriberIds });
  const jobs = matches.map((match) => {
    const data: TDigestSendData = { runId: run.id, week: run.week, ...match };
    return { name: "send" as const, data, jobId: digestSendJobId(run.week, match.subscriberId) };
  });
  const queued = jobs.length > 0 ? await enqueueBulk("digest", jobs, { retryFailed }) : null;
  if (jobs.length === 0) await finishRunIfDone(run.id);
  return { week: run.week, runId: run.id, created, pending: matches.length, queued };
}
