import { JOB_POLICIES, type TJobData, type TJobName, type TQueueName } from "./policies";
import { PROCESSORS, type TJobLike } from "./processors";

/**
 * Runs a job in the calling process: `npm run demo` and any setup without a
 * TCP Redis (REDIS_URL), and the fallback when Redis is down at enqueue time.
 * The first attempt is awaited; if it fails, the job is retried in the
 * background after the queue's `inProcessRetryDelaysMs`. Retries live in this
 * process only (a restart forgets them), which is why production uses the queue.
 */

export type TInProcessStatus = "done" | "retrying" | "failed";

const pending = new Set<Promise<void>>();

function describeError(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

export async function runInProcess<Q extends TQueueName>(
  queue: Q,
  name: TJobName[Q],
  data: TJobData[Q],
  { retryDelaysMs = JOB_POLICIES[queue].inProcessRetryDelaysMs }: { retryDelaysMs?: readonly number[] } = {},
): Promise<TInProcessStatus> {
  const processor = PROCESSORS[queue];
  const job: TJobLike<Q> = { name, data, attemptsMade: 0, attempts: 1 + retryDelaysMs.length };
  const attempt = async (): Promise<unknown> => {
    try {
      await processor.run(job);
      return null;
    } catch (error) {
      job.attemptsMade += 1;
      return error ?? new Error("failed");
    }
  };

  const first = await attempt();
  if (first === null) return "done";
  const permanent = processor.isPermanent?.(first) ?? false;
  if (permanent || retryDelaysMs.length === 0) {
    console.error(`Job ${processor.describe(job)} failed${permanent ? " (permanent error)" : ""}: ${describeError(first)}`);
    await processor.onGiveUp?.(job, first);
    return "failed";
  }
  console.warn(`Job ${processor.describe(job)} failed (${describeError(first)}); retrying in process in ${retryDelaysMs[0]} ms`);

  const retries = (async () => {
    let lastError = first;
    for (const [index, delay] of retryDelaysMs.entries()) {
      // Not unref'd: a script that sent a mail stays alive until its retries are over.
      await new Promise((resolve) => setTimeout(resolve, delay));
      const error = await attempt();
      if (error === null) {
        console.info(`Job ${processor.describe(job)} done on attempt ${job.attemptsMade + 1}`);
        return;
      }
      lastError = error;
      if (processor.isPermanent?.(error)) break;
      const next = retryDelaysMs[index + 1];
      if (next !== undefined) console.warn(`Job ${processor.describe(job)} failed again (${describeError(error)}); next try in ${next} ms`);
    }
    console.error(`Job ${processor.describe(job)} failed after ${job.attemptsMade} attempts: ${describeError(lastError)}`);
    await processor.onGiveUp?.(job, lastError);
  })().catch((error: unknown) => console.error("in-process job retry crashed", error));
  pending.add(retries);
  void retries.finally(() => pending.delete(retries));
  return "retrying";
}

/** Waits for the in-process retries still pending (tests; graceful shutdown). */
export async function drainInProcessJobs(): Promise<void> {
  while (pending.size) await Promise.allSettled([...pending]);
}
