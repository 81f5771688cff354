import { Queue, type JobsOptions } from "bullmq";
import type { Redis as IORedis } from "ioredis";
import { getEnv, type TEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createBullConnection, throttledLogger } from "./connection";
import { runInProcess, type TInProcessStatus } from "./in-process";
import { mailStillSendable, sealMailJob } from "./mail-secrets";
import { bullPrefix, JOB_POLICIES, jobOptionsFor, QUEUE_NAMES, type TJobData, type TJobName, type TQueueName } from "./policies";
import { PROCESSORS, type TJobLike } from "./processors";
import type { JobQueue } from "@/lib/redis/ports";

/**
 * Adding jobs (the web app) and looking at them (the admin System page).
 *
 * Jobs go to BullMQ when a TCP Redis is configured (REDIS_URL), and are then
 * run by the worker process (`npm run worker`). Without one (`npm run demo`,
 * Upstash REST only, JOBS_MODE=inline) they run in the calling process. If
 * Redis does not answer when a job is added, the job runs in process too (and
 * that is logged): a Redis outage must not lose a mail. These are the two
 * implementations of the `JobQueue` port (lib/redis/ports.ts), `bullMqQueue`
 * and `inProcessQueue`, picked in one place by `jobQueue()`.
 */

export type TJobsMode = "queue" | "in-process";

/** JOBS_MODE (lib/env.ts): "auto" (default), "queue" or "inline". */
export function jobsMode(env: TEnv = getEnv()): TJobsMode {
  if (env.DEMO_MODE || env.JOBS_MODE === "inline" || !env.REDIS_URL) return "in-process";
  return "queue";
}

// ---------------------------------------------------------------------------
// The producer: one fail-fast connection and one Queue per name, per process.
// ---------------------------------------------------------------------------

type TProducer = { url: string; prefix: string; connection: IORedis; queues: Map<TQueueName, Queue>; closing: boolean };

const globalForJobs = globalThis as typeof globalThis & { __zbJobsProducer?: TProducer };

const logQueueError = throttledLogger("Jobs: Redis connection problem");

function getProducer(env: TEnv): TProducer {
  const url = env.REDIS_URL;
  if (!url) throw new Error("the job queue needs REDIS_URL");
  const prefix = bullPrefix(env.REDIS_KEY_PREFIX);
  const existing = globalForJobs.__zbJobsProducer;
  if (existing && existing.url === url && existing.prefix === prefix && existing.connection.status !== "end") return existing;
  if (existing) void closeProducer(existing);
  const producer: TProducer = { url, prefix, connection: createBullConnection(url, "producer"), queues: new Map(), closing: false };
  globalForJobs.__zbJobsProducer = producer;
  return producer;
}

function getQueue(queueName: TQueueName, env: TEnv = getEnv()): { queue: Queue; producer: TProducer } {
  const producer = getProducer(env);
  let queue = producer.queues.get(queueName);
  if (!queue) {
    queue = new Queue(queueName, { connection: producer.connection, prefix: producer.prefix, defaultJobOptions: jobOptionsFor(queueName) });
    queue.on("error", (error) => {
      if (!producer.closing) logQueueError(error);
    });
    producer.queues.set(queueName, queue);
  }
  return { queue, producer };
}

class QueueUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QueueUnavailableError";
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new QueueUnavailableError(`${what}: no answer from Redis within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** After Redis did not answer, skip it for a moment: jobs run in process at once instead of each waiting for a timeout. */
const UNAVAILABLE_FOR_MS = 5_000;
let unavailableUntil = 0;

function describeError(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/**
 * The queue, connected, or a QueueUnavailableError within `timeoutMs` (never
 * waits for Redis longer). On failure the producer is dropped (a BullMQ queue
 * whose first connection failed stays broken) and rebuilt by a later call.
 */
async function readyQueue(queueName: TQueueName, timeoutMs: number): Promise<Queue> {
  if (Date.now() < unavailableUntil) throw new QueueUnavailableError("Redis did not answer moments ago");
  const { queue, producer } = getQueue(queueName);
  try {
    await withTimeout(queue.waitUntilReady(), timeoutMs, "connecting to Redis");
    if (producer.connection.status !== "ready") throw new QueueUnavailableError(`the Redis connection is ${producer.connection.status}`);
    return queue;
  } catch (error) {
    markUnavailable(producer);
    throw error instanceof QueueUnavailableError ? error : new QueueUnavailableError(describeError(error));
  }
}

/** The producer's own connection (what `queue` uses), for the mail secrets beside the jobs. */
function producerConnection(): IORedis {
  const producer = globalForJobs.__zbJobsProducer;
  if (!producer) throw new QueueUnavailableError("the queue connection was closed");
  return producer.connection;
}

function markUnavailable(producer: TProducer): void {
  unavailableUntil = Date.now() + UNAVAILABLE_FOR_MS;
  void closeProducer(producer);
}

// ---------------------------------------------------------------------------
// enqueue
// ---------------------------------------------------------------------------

export type TEnqueueOptions = Pick<JobsOptions, "attempts" | "backoff" | "delay" | "jobId" | "priority"> & {
  /** How long adding the job may wait for Redis before running it in process instead (default 2000 ms). */
  timeoutMs?: number;
  /** In-process runs only: retry delays (default: the queue's `inProcessRetryDelaysMs`). */
  inProcessRetryDelaysMs?: readonly number[];
};

export type TEnqueueResult =
  | { mode: "queue"; queue: TQueueName; jobId: string }
  | { mode: "in-process"; queue: TQueueName; status: TInProcessStatus; reason: "no-queue" | "redis-unavailable" };

const DEFAULT_ENQUEUE_TIMEOUT_MS = 2_000;

/**
 * The job queue port's in-process implementation (lib/redis/ports.ts): the
 * demo, no REDIS_URL, JOBS_MODE=inline. The first attempt is awaited.
 */
export const inProcessQueue: JobQueue = {
  async add(queueName, name, data, options = {}) {
    const status = await runInProcess(queueName, name, data, { retryDelaysMs: options.inProcessRetryDelaysMs });
    return { mode: "in-process", queue: queueName, status, reason: "no-queue" };
  },
};

/**
 * The job queue port on Redis: BullMQ, on its own fail-fast ioredis
 * connection. If Redis does not answer within `timeoutMs`, the job runs in
 * process instead (and that is logged): a Redis outage must not lose a mail.
 */
export const bullMqQueue: JobQueue = {
  async add(queueName, name, data, options = {}) {
    const { timeoutMs = DEFAULT_ENQUEUE_TIMEOUT_MS, inProcessRetryDelaysMs, ...jobOptions } = options;
    const job: TJobLike<typeof queueName> = { name, data, attemptsMade: 0 };
    try {
      const queue = await readyQueue(queueName, timeoutMs);
      const adding = async () => {
        // Mail: the queue gets the mail with its links redacted; the full text expires with the link (./mail-secrets.ts).
        const queued = queueName === "mail" ? await sealMailJob(producerConnection(), getEnv().REDIS_KEY_PREFIX, data as TJobData["mail"]) : data;
        return queue.add(name, queued, jobOptions);
      };
      const added = await withTimeout(adding(), timeoutMs, "adding the job").catch((error: unknown) => {
        const producer = globalForJobs.__zbJobsProducer;
        if (producer) markUnavailable(producer);
        throw error;
      });
      return { mode: "queue", queue: queueName, jobId: String(added.id) };
    } catch (error) {
      // Note: after a timeout the add may still reach Redis later; a duplicate mail beats a lost one.
      console.warn(`Jobs: could not queue ${PROCESSORS[queueName].describe(job)} (${describeError(error)}); running it in this process instead`);
      const status = await runInProcess(queueName, name, data, { retryDelaysMs: inProcessRetryDelaysMs });
      return { mode: "in-process", queue: queueName, status, reason: "redis-unavailable" };
    }
  },
};

/** The one place that picks the job queue: BullMQ when a TCP Redis is configured (see jobsMode), in process otherwise. */
export function jobQueue(env: TEnv = getEnv()): JobQueue {
  return jobsMode(env) === "in-process" ? inProcessQueue : bullMqQueue;
}

/**
 * Adds a job to its queue (retry policy from JOB_POLICIES, overridable per
 * job), or runs it in process when there is no queue or Redis does not answer.
 * Never loses the job: it throws only if the in-process run failed for good.
 */
export async function enqueue<Q extends TQueueName>(
  queueName: Q,
  name: TJobName[Q],
  data: TJobData[Q],
  options: TEnqueueOptions = {},
): Promise<TEnqueueResult> {
  return jobQueue().add(queueName, name, data, options);
}

export type TBulkJob<Q extends TQueueName> = { name: TJobName[Q]; data: TJobData[Q]; jobId: string };

export type TBulkResult = { mode: TJobsMode; added: number; retried: number };

/** Jobs per addBulk call: one round trip each, a few hundred KB of job data. */
const BULK_BATCH = 500;
const BULK_TIMEOUT_MS = 10_000;

/**
 * Adds many jobs, each with its own id (bounded by the caller), in batches. BullMQ keeps one job per id: an id that is
 * already in the queue, whatever its state, is not added again. With `retryFailed`, a job of that id that failed for
 * good is moved back to the queue with fresh attempts instead (one look-up per job: for the few a run still owes, not
 * for a whole run). Not for mail (mail is sealed job by job, see `enqueue`).
 *
 * Without a queue (jobsMode "in-process") the jobs run here, one after the other. With one, Redis not answering is an
 * AppError SERVICE_UNAVAILABLE and nothing runs here: the caller is itself a job, retried later, and adding the same
 * ids again then is harmless.
 */
export async function enqueueBulk<Q extends Exclude<TQueueName, "mail">>(
  queueName: Q,
  jobs: readonly TBulkJob<Q>[],
  { retryFailed = false }: { retryFailed?: boolean } = {},
): Promise<TBulkResult> {
  if (jobsMode() === "in-process") {
    for (const job of jobs) await runInProcess(queueName, job.name, job.data);
    return { mode: "in-process", added: jobs.length, retried: 0 };
  }
  let added = 0;
  let retried = 0;
  try {
    const queue = await readyQueue(queueName, DEFAULT_ENQUEUE_TIMEOUT_MS);
    for (let start = 0; start < jobs.length; start += BULK_BATCH) {
      let batch = jobs.slice(start, start + BULK_BATCH);
      if (retryFailed) {
        const existing = await withTimeout(Promise.all(batch.map((job) => queue.getJob(job.jobId))), BULK_TIMEOUT_MS, "reading jobs");
        const states = await withTimeout(
          Promise.all(existing.map((job) => (job ? job.getState() : Promise.resolve(null)))),
          BULK_TIMEOUT_MS,
          "reading job states",
        );
        const failed = existing.filter((job, index): job is NonNullable<typeof job> => Boolean(job) && states[index] === "failed");
        await withTimeout(
          Promise.all(failed.map((job) => job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true }))),
          BULK_TIMEOUT_MS,
          "retrying jobs",
        );
        retried += failed.length;
        batch = batch.filter((_, index) => !existing[index]);
      }
      if (batch.length === 0) continue;
      await withTimeout(
        queue.addBulk(batch.map((job) => ({ name: job.name, data: job.data, opts: { ...jobOptionsFor(queueName), jobId: job.jobId } }))),
        BULK_TIMEOUT_MS,
        "adding jobs",
      );
      added += batch.length;
    }
  } catch (error) {
    const producer = globalForJobs.__zbJobsProducer;
    if (producer && error instanceof QueueUnavailableError) markUnavailable(producer);
    if (error instanceof QueueUnavailableError || isConnectionError(error)) {
      throw new AppError("SERVICE_UNAVAILABLE", `${QUEUE_UNAVAILABLE_MESSAGE} (${added} of ${jobs.length} ${queueName} jobs queued)`, { cause: error });
    }
    throw error;
  }
  return { mode: "queue", added, retried };
}

/** An ioredis error of a connection that is gone (the producer does not queue commands while Redis is away). */
function isConnectionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : "";
  return /Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET|ETIMEDOUT|Command timed out|enableOfflineQueue/i.test(message);
}

// ---------------------------------------------------------------------------
// For the admin System page: counts, the failed list, retry.
// ---------------------------------------------------------------------------

export type TQueueCounts = {
  name: TQueueName;
  description: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  /** Worker connections seen by Redis (null when the server does not allow CLIENT LIST). */
  workers: number | null;
};

export type TQueueOverview =
  | { mode: "queue"; status: "up"; queues: TQueueCounts[] }
  | { mode: "queue"; status: "down"; error: string; queues: [] }
  | { mode: "in-process"; status: "none"; queues: [] };

const ADMIN_TIMEOUT_MS = 2_000;

/** Depth of every queue (waiting, active, delayed, failed…) and the number of workers. Never throws. */
export async function getQueueCounts(): Promise<TQueueOverview> {
  if (jobsMode() === "in-process") return { mode: "in-process", status: "none", queues: [] };
  try {
    const queues = await Promise.all(
      QUEUE_NAMES.map(async (name): Promise<TQueueCounts> => {
        const queue = await readyQueue(name, ADMIN_TIMEOUT_MS);
        const counts = await withTimeout(
          queue.getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized"),
          ADMIN_TIMEOUT_MS,
          "counting jobs",
        );
        const workers = await withTimeout(queue.getWorkersCount(), ADMIN_TIMEOUT_MS, "counting workers").catch(() => null);
        return {
          name,
          description: JOB_POLICIES[name].description,
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
          completed: counts.completed ?? 0,
          workers,
        };
      }),
    );
    return { mode: "queue", status: "up", queues };
  } catch (error) {
    return { mode: "queue", status: "down", error: describeError(error), queues: [] };
  }
}

export type TFailedJob = {
  /** "<queue>:<job id>", what retryFailedJob takes. */
  id: string;
  queue: TQueueName;
  jobId: string;
  name: string;
  /** For mail: kind, recipient and subject; never the body (it carries single-use links). */
  summary: string;
  failedReason: string;
  attemptsMade: number;
  attempts: number;
  createdAt: Date;
  failedAt: Date | null;
};

const QUEUE_UNAVAILABLE_MESSAGE = "The job queue is not reachable right now (Redis). Try again in a moment.";

/**
 * The most recently failed jobs, newest first (at most `limit` per queue).
 * Empty when there is no queue; AppError SERVICE_UNAVAILABLE when Redis does not answer.
 */
export async function listFailedJobs({ queue: only, limit = 50 }: { queue?: TQueueName; limit?: number } = {}): Promise<TFailedJob[]> {
  if (jobsMode() === "in-process") return [];
  const names = only ? [only] : QUEUE_NAMES;
  const lists = await Promise.all(
    names.map(async (queueName) => {
      const queue = await readyQueue(queueName, ADMIN_TIMEOUT_MS);
      const jobs = await withTimeout(queue.getFailed(0, limit - 1), ADMIN_TIMEOUT_MS, "listing failed jobs");
      return jobs.filter(Boolean).map((job): TFailedJob => {
        // Read back from Redis unchecked: describe() copes with data that is not what the job type says.
        const like = { id: job.id, name: job.name, data: job.data as unknown, attemptsMade: job.attemptsMade } as TJobLike<typeof queueName>;
        return {
          id: `${queueName}:${job.id}`,
          queue: queueName,
          jobId: String(job.id),
          name: job.name,
          summary: PROCESSORS[queueName].describe(like as never),
          failedReason: job.failedReason,
          attemptsMade: job.attemptsMade,
          attempts: job.opts.attempts ?? 1,
          createdAt: new Date(job.timestamp),
          failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
        };
      });
    }),
  ).catch((error: unknown) => {
    if (error instanceof QueueUnavailableError) throw new AppError("SERVICE_UNAVAILABLE", QUEUE_UNAVAILABLE_MESSAGE, { cause: error });
    throw error;
  });
  return lists.flat().sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0));
}

export type TRetryResult = { ok: true } | { ok: false; reason: "not-found" | "not-failed" | "no-queue" | "unavailable" | "expired" };

/**
 * Moves a failed job ("<queue>:<job id>" from listFailedJobs) back to the queue with a fresh set of attempts. Never throws for Redis trouble.
 * A mail whose single-use link has expired is not retried ("expired"): it would only deliver a dead link.
 */
export async function retryFailedJob(id: string): Promise<TRetryResult> {
  if (jobsMode() === "in-process") return { ok: false, reason: "no-queue" };
  const separator = id.indexOf(":");
  const queueName = id.slice(0, separator) as TQueueName;
  const jobId = id.slice(separator + 1);
  if (separator < 1 || !QUEUE_NAMES.includes(queueName) || !jobId) return { ok: false, reason: "not-found" };
  try {
    const queue = await readyQueue(queueName, ADMIN_TIMEOUT_MS);
    const job = await withTimeout(queue.getJob(jobId), ADMIN_TIMEOUT_MS, "reading the job");
    if (!job) return { ok: false, reason: "not-found" };
    if ((await withTimeout(job.getState(), ADMIN_TIMEOUT_MS, "reading the job state")) !== "failed") return { ok: false, reason: "not-failed" };
    if (
      queueName === "mail" &&
      !(await withTimeout(
        mailStillSendable(producerConnection(), getEnv().REDIS_KEY_PREFIX, job.data as TJobData["mail"]),
        ADMIN_TIMEOUT_MS,
        "reading the mail",
      ))
    ) {
      return { ok: false, reason: "expired" };
    }
    await withTimeout(job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true }), ADMIN_TIMEOUT_MS, "retrying the job");
    return { ok: true };
  } catch (error) {
    if (error instanceof QueueUnavailableError) return { ok: false, reason: "unavailable" };
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Shutdown
// ---------------------------------------------------------------------------

async function closeProducer(producer: TProducer): Promise<void> {
  if (globalForJobs.__zbJobsProducer === producer) globalForJobs.__zbJobsProducer = undefined;
  producer.closing = true;
  const connected = producer.connection.status === "ready";
  // Not connected: stop reconnecting first, so that closing the queues cannot wait for Redis.
  if (!connected) producer.connection.disconnect();
  await Promise.allSettled([...producer.queues.values()].map((queue) => withTimeout(queue.close(), 2_000, "closing the queue")));
  producer.queues.clear();
  if (connected) await producer.connection.quit().catch(() => producer.connection.disconnect());
}

/** Closes this process's queue connections (scripts, tests, shutdown); the next enqueue opens new ones. */
export async function closeQueues(): Promise<void> {
  unavailableUntil = 0;
  const producer = globalForJobs.__zbJobsProducer;
  if (producer) await closeProducer(producer);
}
