import type { KeepJobs } from "bullmq";
import type { TMail, TMailKind } from "@/lib/mail/types";
import { normalisePrefix } from "@/lib/redis/client";
import { BALI_TIME_ZONE } from "@/lib/time/bali";

/**
 * Every background job in one table: the queues, the job names each accepts,
 * and their retry and retention policy. BullMQ keys live under
 * `<REDIS_KEY_PREFIX>bull:<queue>:…` (see `bullPrefix`).
 *
 * Backoff is exponential: the n-th retry waits `delay * 2^(n-1)` (± jitter).
 * Mail: 10 attempts, 30 s first → retries after ~30 s, 1, 2, 4, 8, 16, 32, 64
 * and 128 min, so a mail survives an SMTP outage of about four hours; after
 * that the job stays in the failed list (30 days) and can be retried from the admin.
 *
 * Mail with single-use links: the job data in Redis only ever holds the mail
 * with its links redacted; the full text waits beside it in a key that expires
 * with the link (`secretUntil`, see lib/jobs/mail-secrets.ts). Completed mail
 * jobs are dropped after 10 minutes.
 */

export type TQueueName = "mail" | "stats" | "series" | "digest";

/**
 * The weekly digest's jobs (lib/digest/): "run" (scheduled, Thursday 08:00 Bali time) starts the week's run and queues
 * one "send" per subscriber; "resume" (every 15 minutes) queues again what an unfinished run still owes; "send" mails
 * one subscriber their matches (computed by the run, at most 20 event ids). `at` (ISO instant): a run as if it were
 * then (tests and the benchmark; the schedule never sets it).
 */
export type TDigestJobData = { at?: string } | TDigestSendData;

export type TDigestSendData = {
  runId: string;
  week: string;
  subscriberId: string;
  /** The events to list, soonest first (at most 20). */
  eventIds: string[];
  /** How many events matched in all (the mail says "see all" when there are more than it lists). */
  total: number;
  /** The alerts that matched, for the mail's "see all" links. */
  alertIds: string[];
};

export type TJobData = {
  /** `sealed`: `mail` has its secrets redacted; the full text is in the mail-secret key until `mail.secretUntil`. */
  mail: { mail: TMail; messageId: string; sealed?: boolean };
  stats: Record<string, never>;
  series: Record<string, never>;
  digest: TDigestJobData;
};

export type TJobName = {
  mail: TMailKind;
  stats: "roll-up";
  series: "keep-dates";
  digest: "run" | "resume" | "send";
};

/** A repeatable job: every so many milliseconds, or at the times of a cron pattern in a time zone. */
export type TSchedule = { id: string; name: string } & ({ everyMs: number } | { pattern: string; tz: string });

export type TQueuePolicy = {
  description: string;
  attempts: number;
  backoff: { type: "exponential"; delay: number; jitter?: number };
  /** Completed jobs are removed after this (mail bodies carry single-use links: keep them briefly). */
  removeOnComplete: KeepJobs;
  /** Failed jobs are kept this long for inspection and retry from the admin. */
  removeOnFail: KeepJobs;
  /** Mail only: how long the full text of a mail with a secret link but no `secretUntil` is kept for delivery (ms). */
  secretsKeptForMs?: number;
  /** Jobs one worker process runs at the same time. */
  concurrency: number;
  /** Without a queue (demo, no REDIS_URL, Redis down): the job runs in the calling process, retried after these delays. */
  inProcessRetryDelaysMs: readonly number[];
  /** Repeatable jobs that the worker keeps scheduled. */
  schedules: readonly TSchedule[];
};

const DAY_SECONDS = 86_400;

export const JOB_POLICIES = {
  mail: {
    description: "Emails: verification, password reset, payment receipt, event published, report received",
    attempts: 10,
    backoff: { type: "exponential", delay: 30_000, jitter: 0.1 },
    // Minutes, not a day: a delivered mail has nothing left to inspect.
    removeOnComplete: { age: 600, count: 1_000 },
    removeOnFail: { age: 30 * DAY_SECONDS, count: 10_000 },
    secretsKeptForMs: DAY_SECONDS * 1000,
    concurrency: 5,
    inProcessRetryDelaysMs: [2_000, 10_000, 60_000],
    schedules: [],
  },
  stats: {
    description: "Stats roll-up: Redis counters into PostgreSQL",
    attempts: 3,
    backoff: { type: "exponential", delay: 10_000 },
    removeOnComplete: { count: 50 },
    removeOnFail: { age: 7 * DAY_SECONDS, count: 500 },
    concurrency: 1,
    inProcessRetryDelaysMs: [],
    schedules: [{ id: "stats-roll-up", name: "roll-up", everyMs: 5 * 60_000 }],
  },
  series: {
    description: "Recurring series: their dates kept 12 weeks ahead",
    attempts: 3,
    backoff: { type: "exponential", delay: 60_000 },
    removeOnComplete: { count: 50 },
    removeOnFail: { age: 7 * DAY_SECONDS, count: 500 },
    concurrency: 1,
    inProcessRetryDelaysMs: [],
    // Hourly: a date is due 12 weeks ahead, so a missed run or two changes nothing a visitor sees.
    schedules: [{ id: "series-keep-dates", name: "keep-dates", everyMs: 60 * 60_000 }],
  },
  digest: {
    description: "Weekly digest: new events matching subscribers' alerts, Thursday 08:00 Bali time",
    // A send that fails (SMTP away) is retried for about 17 hours: 1, 2, 4 … 512 min. The delivery row, not the job,
    // says whether the mail went out (lib/digest/send-digest.ts), so a retry, a stalled job run again or a second
    // worker never sends twice. After the last attempt the delivery is FAILED: its events wait for next week's
    // digest, and the admin can retry it from /admin/system.
    attempts: 11,
    backoff: { type: "exponential", delay: 60_000, jitter: 0.1 },
    // A completed job holds event ids only; kept a week so that the same job id added again is a no-op.
    removeOnComplete: { age: 7 * DAY_SECONDS, count: 50_000 },
    removeOnFail: { age: 30 * DAY_SECONDS, count: 50_000 },
    concurrency: 4,
    // In process (Redis down when queueing, no REDIS_URL) a failed send is not retried here: its delivery stays
    // PENDING and the next "resume" queues it again.
    inProcessRetryDelaysMs: [],
    schedules: [
      { id: "digest-weekly", name: "run", pattern: "0 8 * * 4", tz: BALI_TIME_ZONE },
      { id: "digest-resume", name: "resume", everyMs: 15 * 60_000 },
    ],
  },
} as const satisfies Record<TQueueName, TQueuePolicy>;

export const QUEUE_NAMES = Object.keys(JOB_POLICIES) as TQueueName[];

/** BullMQ's `prefix` option: the app's REDIS_KEY_PREFIX + "bull" (e.g. "zb:bull"), so runs with different prefixes never collide. */
export function bullPrefix(redisKeyPrefix: string): string {
  return `${normalisePrefix(redisKeyPrefix)}bull`;
}

/** The default job options of a queue, from the table. */
export function jobOptionsFor(queue: TQueueName) {
  const policy: TQueuePolicy = JOB_POLICIES[queue];
  return {
    attempts: policy.attempts,
    backoff: { ...policy.backoff },
    removeOnComplete: { ...policy.removeOnComplete },
    removeOnFail: { ...policy.removeOnFail },
  };
}
