import { deliverMail, keepUndeliveredMail, PermanentMailError } from "@/lib/mail/deliver-mail";
import type { TDigestSendData, TJobData, TJobName, TQueueName } from "./policies";

/**
 * What each queue's jobs do. The same functions run in the worker process
 * (BullMQ) and in process when there is no queue (demo, no REDIS_URL, Redis down).
 */

/** The part of a BullMQ job a processor uses (an in-process job has the same shape). */
export type TJobLike<Q extends TQueueName> = {
  id?: string;
  name: TJobName[Q];
  data: TJobData[Q];
  /** Attempts that failed before this one. */
  attemptsMade: number;
  /** How many attempts the job has in all (this one is the last when attemptsMade + 1 reaches it); unknown: 1. */
  attempts?: number;
};

export type TProcessor<Q extends TQueueName> = {
  run: (job: TJobLike<Q>) => Promise<unknown>;
  /** Errors that no retry can fix: the job fails at once (it stays in the failed list). */
  isPermanent?: (error: unknown) => boolean;
  /** In process only, after the last attempt failed: keep what would be lost. */
  onGiveUp?: (job: TJobLike<Q>, error: unknown) => Promise<void>;
  /** A one-line description for logs and the admin (never secrets or mail bodies). */
  describe: (job: TJobLike<Q>) => string;
};

export const PROCESSORS: { [Q in TQueueName]: TProcessor<Q> } = {
  mail: {
    run: async (job) => deliverMail(job.data.mail, { messageId: job.data.messageId }),
    isPermanent: (error) => error instanceof PermanentMailError,
    onGiveUp: async (job) => {
      const file = await keepUndeliveredMail(job.data.mail, job.data.messageId);
      console.error(`Mail to ${job.data.mail.to} ("${job.data.mail.subject}") could not be sent; ${file ? `kept in ${file}` : "it could not be saved either"}`);
    },
    describe: (job) => {
      // Also describes failed jobs read back from Redis (the admin's list), whose data is not checked: a missing mail reads as "?".
      const mail = job.data.mail as TJobData["mail"]["mail"] | undefined;
      return `${job.name} mail to ${mail?.to ?? "?"}: "${mail?.subject ?? ""}"`;
    },
  },
  stats: {
    // Loaded on first use: the mail path of the web app does not need the stats code.
    run: async () => (await import("@/lib/stats/roll-up-stats")).rollUpStats(),
    describe: (job) => `stats ${job.name}`,
  },
  series: {
    run: async () => (await import("@/lib/series/keep-series-dates")).keepAllSeriesDates(),
    describe: (job) => `series ${job.name}`,
  },
  digest: {
    run: async (job) => (await import("@/lib/digest/digest-jobs")).runDigestJob(job),
    // A send job's outcome is in its delivery row; a refusal that no retry changes has been recorded there as FAILED.
    isPermanent: (error) => error instanceof PermanentMailError,
    describe: (job) => {
      // Also describes failed jobs read back from Redis, whose data is not checked.
      const data = job.data as Partial<TDigestSendData> | undefined;
      return job.name === "send" ? `digest ${data?.week ?? "?"} to subscriber ${data?.subscriberId ?? "?"}` : `digest ${job.name}`;
    },
  },
};
