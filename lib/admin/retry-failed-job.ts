import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listFailedJobs, QUEUE_NAMES, retryFailedJob, type TFailedJob, type TQueueName } from "@/lib/jobs";

const REFUSALS = {
  "not-found": () => new AppError("NOT_FOUND", "This job is no longer in the failed list."),
  "not-failed": () => new AppError("CONFLICT", "This job has not failed (it may have been retried already)."),
  "no-queue": () => new AppError("BAD_REQUEST", "There is no job queue here: jobs run inside the web process."),
  unavailable: () => new AppError("SERVICE_UNAVAILABLE", "The job queue is not reachable right now (Redis). Try again in a moment."),
  expired: () =>
    new AppError("CONFLICT", "The link in this mail has expired, so it was not sent again. The user can ask for a new one (verification or password reset)."),
} as const;

/** What the audit row says about the job: looked up before the retry, best effort. */
async function describeFailedJob(id: string): Promise<TFailedJob | null> {
  const queue = id.slice(0, id.indexOf(":")) as TQueueName;
  if (!QUEUE_NAMES.includes(queue)) return null;
  try {
    return (await listFailedJobs({ queue, limit: 500 })).find((job) => job.id === id) ?? null;
  } catch {
    return null;
  }
}

/**
 * An admin retries a failed job ("<queue>:<job id>" from listFailedJobs) with
 * a fresh set of attempts. The retry is a Redis write, so the audit row
 * (`job.retry`) is written once it has succeeded; a refused retry writes none.
 */
export async function retryFailedJobAsAdmin({ actor, id, ip }: { actor: TAuditActor; id: string; ip?: string | null }): Promise<void> {
  if (!/^[a-z-]+:[\w:.-]{1,150}$/.test(id)) throw REFUSALS["not-found"]();
  const job = await describeFailedJob(id);
  const result = await retryFailedJob(id);
  if (!result.ok) throw REFUSALS[result.reason]();
  await db.$transaction(async (tx) => {
    await recordAudit(tx, {
      actor,
      action: "job.retry",
      targetType: "job",
      targetId: id.slice(0, 80),
      ip,
      summary: job
        ? {
            queue: job.queue,
            jobId: job.jobId,
            name: job.name,
            job: job.summary,
            before: { state: "failed", attemptsMade: job.attemptsMade, failedReason: job.failedReason.slice(0, 500) },
            after: { state: "waiting" },
          }
        : { id, before: { state: "failed" }, after: { state: "waiting" } },
    });
  });
}
