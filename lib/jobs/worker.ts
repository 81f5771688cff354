import { Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis as IORedis } from "ioredis";
import { getEnv } from "@/lib/env";
import { createBullConnection, throttledLogger } from "./connection";
import { forgetMailSecret, MailLinkExpiredError, unsealMailJob } from "./mail-secrets";
import { bullPrefix, JOB_POLICIES, jobOptionsFor, QUEUE_NAMES, type TJobData, type TJobName, type TQueueName, type TSchedule } from "./policies";
import { PROCESSORS, type TJobLike } from "./processors";

/**
 * The worker: one BullMQ Worker per queue, running the processors of
 * ./processors.ts, and the repeatable jobs of JOB_POLICIES (the stats roll-up
 * every 5 minutes). Started by scripts/worker.ts (`npm run worker`); tests
 * start it in process with the same code.
 */

export type TWorkerLogger = Pick<Console, "info" | "warn" | "error">;

export type TStartWorkersOptions = {
  /** Default: REDIS_URL. */
  redisUrl?: string;
  /** Default: REDIS_KEY_PREFIX (BullMQ prefix `<prefix>bull`). */
  redisKeyPrefix?: string;
  /** Which queues to work on (default: all). */
  queues?: readonly TQueueName[];
  /** Per-queue concurrency (default: the table). */
  concurrency?: Partial<Record<TQueueName, number>>;
  /** Keep the repeatable jobs scheduled (default true). */
  schedule?: boolean;
  logger?: TWorkerLogger;
};

export type TWorkersHandle = {
  readonly prefix: string;
  readonly workers: ReadonlyMap<TQueueName, Worker>;
  /** Stops taking jobs, waits for the running ones (at most `timeoutMs`, default 10 s), closes the connections. */
  close(options?: { timeoutMs?: number }): Promise<void>;
};

function describeError(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/** Where sealed mail waits for delivery (see ./mail-secrets.ts): the worker's own connection and key prefix. */
type TMailSecrets = { connection: IORedis; redisKeyPrefix: string };

function processorFor(queueName: TQueueName, secrets: TMailSecrets) {
  return async (job: Job) => {
    try {
      if (queueName === "stats") return await PROCESSORS.stats.run(job as unknown as TJobLike<"stats">);
      if (queueName === "series") return await PROCESSORS.series.run(job as unknown as TJobLike<"series">);
      if (queueName === "digest") {
        const data = job.data as TJobData["digest"];
        return await PROCESSORS.digest.run({
          id: job.id,
          name: job.name as TJobName["digest"],
          data,
          attemptsMade: job.attemptsMade,
          attempts: job.opts.attempts,
        });
      }
      // Mail: the full text (with its link) is read just before sending, and forgotten once sent.
      const data = await unsealMailJob(secrets.connection, secrets.redisKeyPrefix, job.data as TJobData["mail"]);
      const result = await PROCESSORS.mail.run({ id: job.id, name: job.name as TJobName["mail"], data, attemptsMade: job.attemptsMade });
      await forgetMailSecret(secrets.connection, secrets.redisKeyPrefix, data).catch(() => {});
      return result;
    } catch (error) {
      // No retry can fix this one: fail now (the job stays in the failed list, retry from the admin).
      if (error instanceof MailLinkExpiredError || PROCESSORS[queueName].isPermanent?.(error)) throw new UnrecoverableError(describeError(error));
      throw error;
    }
  };
}

/** BullMQ's repeat options of a schedule: `every` ms, or a cron `pattern` read in the time zone `tz`. */
export function repeatOptionsOf(schedule: TSchedule): { every: number } | { pattern: string; tz: string } {
  return "everyMs" in schedule ? { every: schedule.everyMs } : { pattern: schedule.pattern, tz: schedule.tz };
}

/** Creates or updates the repeatable jobs (idempotent: every worker may call it). */
export async function scheduleRepeatableJobs({
  connection,
  prefix,
  queues = QUEUE_NAMES,
}: {
  connection: IORedis;
  prefix: string;
  queues?: readonly TQueueName[];
}): Promise<string[]> {
  const scheduled: string[] = [];
  for (const queueName of queues) {
    const schedules = JOB_POLICIES[queueName].schedules;
    if (!schedules.length) continue;
    const queue = new Queue(queueName, { connection, prefix });
    queue.on("error", () => {});
    try {
      for (const schedule of schedules) {
        await queue.upsertJobScheduler(schedule.id, repeatOptionsOf(schedule), { name: schedule.name, data: {}, opts: jobOptionsFor(queueName) });
        scheduled.push(
          `${queueName}/${schedule.name} ${"everyMs" in schedule ? `every ${Math.round(schedule.everyMs / 1000)} s` : `at "${schedule.pattern}" (${schedule.tz})`}`,
        );
      }
    } finally {
      await queue.close();
    }
  }
  return scheduled;
}

export async function startWorkers(options: TStartWorkersOptions = {}): Promise<TWorkersHandle> {
  const env = getEnv();
  const redisUrl = options.redisUrl ?? env.REDIS_URL;
  if (!redisUrl) throw new Error("The worker needs a TCP Redis: set REDIS_URL (redis://…). Without it, jobs run inside the app (demo mode).");
  const redisKeyPrefix = options.redisKeyPrefix ?? env.REDIS_KEY_PREFIX;
  const prefix = bullPrefix(redisKeyPrefix);
  const logger = options.logger ?? console;
  const queueNames = options.queues ?? QUEUE_NAMES;
  const connections: IORedis[] = [];
  const workers = new Map<TQueueName, Worker>();

  const connect = () => {
    const connection = createBullConnection(redisUrl, "worker");
    connections.push(connection);
    return connection;
  };

  const secrets: TMailSecrets = { connection: connect(), redisKeyPrefix };

  for (const queueName of queueNames) {
    const describe = (job: Job) => PROCESSORS[queueName].describe(job as never);
    const worker = new Worker(queueName, processorFor(queueName, secrets), {
      connection: connect(),
      prefix,
      concurrency: options.concurrency?.[queueName] ?? JOB_POLICIES[queueName].concurrency,
      autorun: true,
    });
    const logError = throttledLogger(`Worker ${queueName}: Redis`, 60_000, (message) => logger.warn(message));
    worker.on("error", logError);
    worker.on("completed", (job) =>
      logger.info(`Job ${queueName}#${job.id} done: ${describe(job)}${job.attemptsMade > 1 ? ` (attempt ${job.attemptsMade})` : ""}`),
    );
    worker.on("failed", (job, error) => {
      if (!job) return logger.error(`Job in ${queueName} failed: ${describeError(error)}`);
      const attempts = job.opts.attempts ?? 1;
      const final = job.attemptsMade >= attempts || error instanceof UnrecoverableError || error.name === "UnrecoverableError";
      const message = `Job ${queueName}#${job.id} ${describe(job)}: attempt ${job.attemptsMade} of ${attempts} failed: ${describeError(error)}`;
      if (final) logger.error(`${message}. Giving up; the job stays in the failed list (retry it from the admin).`);
      else logger.warn(`${message}. Will retry with backoff.`);
    });
    worker.on("stalled", (jobId) => logger.warn(`Job ${queueName}#${jobId} stalled (a worker stopped while running it); it will run again`));
    workers.set(queueName, worker);
  }

  if (options.schedule ?? true) {
    const scheduled = await scheduleRepeatableJobs({ connection: connect(), prefix, queues: queueNames });
    if (scheduled.length) logger.info(`Repeatable jobs: ${scheduled.join(", ")}`);
  }

  let closing: Promise<void> | undefined;
  return {
    prefix,
    workers,
    close({ timeoutMs = 10_000 } = {}) {
      closing ??= (async () => {
        const graceful = Promise.allSettled([...workers.values()].map((worker) => worker.close()));
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          graceful.then(() => false),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
        ]);
        clearTimeout(timer);
        if (timedOut) {
          logger.warn(`Worker: jobs still running after ${timeoutMs} ms; stopping anyway (they will run again)`);
          await Promise.allSettled([...workers.values()].map((worker) => worker.close(true)));
        }
        await Promise.allSettled(connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
      })();
      return closing;
    },
  };
}
