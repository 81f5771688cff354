import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Queue } from "bullmq";
import { Redis as IORedis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { peekToken } from "@/lib/auth/tokens";
import { sendVerificationEmail } from "@/lib/auth/send-verification-email";
import { db, disconnectDb } from "@/lib/db";
import { getEnv, resetEnvForTests } from "@/lib/env";
import {
  bullPrefix,
  closeQueues,
  enqueue,
  getQueueCounts,
  JOB_POLICIES,
  jobsMode,
  listFailedJobs,
  retryFailedJob,
  type TJobData,
  type TQueueName,
} from "@/lib/jobs";
import { mailSecretKey } from "@/lib/jobs/mail-secrets";
import { startWorkers, type TWorkersHandle } from "@/lib/jobs/worker";
import { closeMailTransports, newMessageId } from "@/lib/mail/deliver-mail";
import { sendMail } from "@/lib/mail/send-mail";
import { passwordResetMail, verificationMail } from "@/lib/mail/templates";
import type { TMail } from "@/lib/mail/types";
import { closeRedis } from "@/lib/redis";
import { createCreator } from "../support/fixtures";
import { startSmtpCapture, type TSmtpCapture } from "../support/smtp-capture";
import { asymmetric } from "../support/asymmetric";
import { applyEnv } from "../support/env";

/**
 * The job queue for real: BullMQ on the test Redis (under the test key prefix),
 * a worker started in this process with the same code as `npm run worker`,
 * and a real SMTP server (smtp-server) receiving the mail.
 */

const realEnv = { REDIS_URL: process.env.REDIS_URL, SMTP_URL: process.env.SMTP_URL, MAIL_DIR: process.env.MAIL_DIR, JOBS_MODE: process.env.JOBS_MODE };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  { timeoutMs = 10_000, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvForTests();
  closeMailTransports();
}

/** A port where nothing listens (an SMTP server that is down). */
async function deadPort(): Promise<number> {
  const probe = await startSmtpCapture();
  await probe.close();
  return probe.port;
}

const aMail = (to: string, kind: TMail["kind"] = "verification"): TMail => ({
  kind,
  to,
  subject: `Test mail ${randomUUID().slice(0, 8)}`,
  text: "Hello,\n\nhttp://localhost:3000/verify-email?token=abc\n",
});

describe("the job queue (BullMQ + worker + SMTP)", () => {
  let smtp: TSmtpCapture;
  // Undefined until beforeAll has made them: afterAll closes whatever was made.
  let workers: TWorkersHandle | undefined;
  let inspect: IORedis | undefined;
  let mailDir: string;
  const queues = new Map<TQueueName, Queue>();
  /** Every SMTP capture started here (the main one too), closed by afterAll. */
  const captures: TSmtpCapture[] = [];
  const workerLog: string[] = [];
  const createdUserIds: string[] = [];

  /** Our own view of a queue (a separate connection), to look at job states; its jobs carry that queue's TJobData. */
  function queue<Q extends TQueueName>(name: Q): Queue<TJobData[Q]> {
    let found = queues.get(name);
    if (!found) {
      found = new Queue(name, { connection: inspect!, prefix: bullPrefix(getEnv().REDIS_KEY_PREFIX) });
      queues.set(name, found);
    }
    return found as Queue<TJobData[Q]>;
  }

  beforeAll(async () => {
    mailDir = await mkdtemp(path.join(tmpdir(), "zenbali-jobs-mail-"));
    process.env.MAIL_DIR = mailDir;
    process.env.JOBS_MODE = "auto"; // the queue, whatever the other integration tests use
    smtp = await startSmtpCapture();
    captures.push(smtp);
    useSmtp(smtp.url);
    await closeQueues();
    inspect = new IORedis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const logger = {
      info: (line: string) => workerLog.push(line),
      warn: (line: string) => workerLog.push(line),
      error: (line: string) => workerLog.push(line),
    };
    workers = await startWorkers({ logger });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    useSmtp(smtp.url);
  });

  afterAll(async () => {
    await workers?.close();
    await closeQueues();
    await Promise.all([...queues.values()].map((item) => item.close()));
    await inspect?.quit();
    await Promise.all(captures.map((capture) => capture.close()));
    closeMailTransports();
    applyEnv(realEnv);
    resetEnvForTests();
    await db.user.deleteMany({ where: { id: { in: createdUserIds } } });
    await rm(mailDir, { recursive: true, force: true });
    await disconnectDb();
    await closeRedis();
  });

  it("uses the queue when REDIS_URL is set, under the test key prefix", () => {
    expect(jobsMode()).toBe("queue");
    expect(workers!.prefix).toBe(`${getEnv().REDIS_KEY_PREFIX}bull`);
  });

  it("queues a verification mail, and the worker delivers it over SMTP with the right To, Subject and a working link", async () => {
    const user = await createCreator({ name: "Wayan Queue" });
    createdUserIds.push(user.id);
    await sendVerificationEmail(user);

    const mail = await smtp.waitFor((item) => item.to.includes(user.email));
    expect(mail.headers.to).toBe(user.email);
    expect(mail.subject).toBe("Verify your email for Zen Bali");
    expect(mail.from).toBe("no-reply@zenbali.site");
    expect(mail.text).toContain("Hello Wayan Queue,");
    const token = /http:\/\/localhost:3000\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();
    expect(await peekToken({ purpose: "verify-email", token })).toBe(user.id);

    // It went through the queue: a completed "verification" job for this address.
    const job = await waitUntil(async () => (await queue("mail").getCompleted()).find((item) => item.data.mail.to === user.email), {
      what: "the completed job",
    });
    expect(job.name).toBe("verification");
    expect(job.attemptsMade).toBe(1); // the first attempt, which succeeded
    expect(mail.headers["message-id"]).toBe(job.data.messageId);
  });

  it("keeps a mail while the SMTP server is down, retrying with exponential backoff, and sends it when the server is back", async () => {
    const port = await deadPort();
    useSmtp(`smtp://127.0.0.1:${port}`);
    const mail = aMail(`down-${randomUUID()}@example.test`);
    const failedAt: number[] = [];
    const worker = workers!.workers.get("mail")!;
    let jobId = "";
    const onFailed = (job: { id?: string } | undefined) => {
      if (job?.id === jobId) failedAt.push(Date.now());
    };
    worker.on("failed", onFailed);
    try {
      const result = await enqueue("mail", "verification", { mail, messageId: newMessageId() }, { attempts: 10, backoff: { type: "exponential", delay: 200 } });
      expect(result.mode).toBe("queue");
      if (result.mode !== "queue") return;
      jobId = result.jobId;

      await waitUntil(() => failedAt.length >= 3, { what: "three failed attempts" });
      const job = (await queue("mail").getJob(jobId))!;
      expect(job.attemptsMade).toBeGreaterThanOrEqual(3);
      expect(job.failedReason).toMatch(/ECONNREFUSED|connect/i);
      expect(await job.getState()).toMatch(/delayed|waiting|active/);
      // Exponential: ~200 ms before the 2nd attempt, ~400 ms before the 3rd.
      expect(failedAt[1]! - failedAt[0]!).toBeGreaterThanOrEqual(180);
      expect(failedAt[2]! - failedAt[1]!).toBeGreaterThanOrEqual(380);
      expect(smtp.messages.some((item) => item.to.includes(mail.to))).toBe(false);

      // The SMTP server comes back on the same address: the next retry delivers the mail.
      const back = await startSmtpCapture({ port });
      captures.push(back);
      const received = await back.waitFor((item) => item.to.includes(mail.to), 15_000);
      expect(received.subject).toBe(mail.subject);
      expect(received.text).toContain("/verify-email?token=abc");
      await waitUntil(async () => (await job.getState()) === "completed", { what: "the job to complete" });
      expect(workerLog.some((line) => line.includes(`mail#${jobId}`) && line.includes("Will retry with backoff"))).toBe(true);
      expect(back.messages.filter((item) => item.to.includes(mail.to))).toHaveLength(1);
    } finally {
      worker.off("failed", onFailed);
    }
  });

  it("ends a job that keeps failing in the failed list; the admin can see it and retry it", async () => {
    const port = await deadPort();
    useSmtp(`smtp://127.0.0.1:${port}`);
    const mail = aMail(`never-${randomUUID()}@example.test`, "password-reset");
    const result = await enqueue("mail", "password-reset", { mail, messageId: newMessageId() }, { attempts: 3, backoff: { type: "exponential", delay: 50 } });
    if (result.mode !== "queue") throw new Error("expected the queue");
    const job = (await queue("mail").getJob(result.jobId))!;
    await waitUntil(async () => (await job.getState()) === "failed", { what: "the job to fail" });

    const failed = await listFailedJobs({ queue: "mail" });
    const entry = failed.find((item) => item.jobId === result.jobId);
    expect(entry).toMatchObject({ id: `mail:${result.jobId}`, queue: "mail", name: "password-reset", attemptsMade: 3, attempts: 3 });
    expect(entry!.failedReason).toMatch(/ECONNREFUSED|connect/i);
    expect(entry!.summary).toContain(mail.to);
    expect(entry!.summary).not.toContain("token=abc"); // no mail body in the admin
    expect(workerLog.some((line) => line.includes(`mail#${result.jobId}`) && line.includes("Giving up"))).toBe(true);

    const overview = await getQueueCounts();
    expect(overview.status).toBe("up");
    const mailCounts = overview.queues.find((item) => item.name === "mail")!;
    expect(mailCounts.failed).toBeGreaterThanOrEqual(1);
    expect(mailCounts.workers).toBeGreaterThanOrEqual(1);

    expect(await retryFailedJob("mail:does-not-exist")).toEqual({ ok: false, reason: "not-found" });
    expect(await retryFailedJob("nonsense")).toEqual({ ok: false, reason: "not-found" });

    // The server is back; the admin retries: the job runs again with a fresh set of attempts and the mail goes out.
    const back = await startSmtpCapture({ port });
    captures.push(back);
    expect(await retryFailedJob(entry!.id)).toEqual({ ok: true });
    const received = await back.waitFor((item) => item.to.includes(mail.to));
    expect(received.subject).toBe(mail.subject);
    await waitUntil(async () => (await job.getState()) === "completed", { what: "the retried job to complete" });
    expect((await listFailedJobs({ queue: "mail" })).some((item) => item.jobId === result.jobId)).toBe(false);
    expect(await retryFailedJob(entry!.id)).toEqual({ ok: false, reason: "not-failed" });
  });

  it("does not retry a mail the SMTP server refuses for good (5xx): it fails at once and waits in the failed list", async () => {
    const strict = await startSmtpCapture({ rejectRecipient: (address) => address.startsWith("bounce-") });
    captures.push(strict);
    useSmtp(strict.url);
    const mail = aMail(`bounce-${randomUUID()}@example.test`);
    const result = await enqueue("mail", "verification", { mail, messageId: newMessageId() }, { attempts: 5, backoff: { type: "exponential", delay: 50 } });
    if (result.mode !== "queue") throw new Error("expected the queue");
    const job = (await queue("mail").getJob(result.jobId))!;
    await waitUntil(async () => (await job.getState()) === "failed", { what: "the job to fail" });
    const reloaded = (await queue("mail").getJob(result.jobId))!;
    expect(reloaded.attemptsMade).toBe(1);
    expect(reloaded.failedReason).toMatch(/550|refused/);
    expect((await listFailedJobs()).some((item) => item.id === `mail:${result.jobId}`)).toBe(true);
  });

  it("delivers in process when Redis does not answer, instead of losing the mail", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    process.env.REDIS_URL = "redis://127.0.0.1:6399"; // nothing listens here
    resetEnvForTests();
    await closeQueues();
    try {
      const mail = aMail(`fallback-${randomUUID()}@example.test`, "password-reset");
      const started = Date.now();
      await sendMail(mail);
      expect(Date.now() - started).toBeLessThan(5_000);
      // Delivered before sendMail returned.
      expect(smtp.messages.find((item) => item.to.includes(mail.to))?.subject).toBe(mail.subject);
      expect(warn.mock.calls.some(([line]) => String(line).includes("running it in this process instead"))).toBe(true);
      // The next mail does not wait for Redis again (it is skipped for a moment).
      const second = aMail(`fallback2-${randomUUID()}@example.test`);
      const again = Date.now();
      await sendMail(second);
      expect(Date.now() - again).toBeLessThan(1_000);
      expect(smtp.messages.some((item) => item.to.includes(second.to))).toBe(true);
      // The admin says so instead of hanging.
      expect((await getQueueCounts()).status).toBe("down");
      await expect(listFailedJobs()).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
      expect(await retryFailedJob("mail:1")).toEqual({ ok: false, reason: "unavailable" });
    } finally {
      process.env.REDIS_URL = realEnv.REDIS_URL;
      resetEnvForTests();
      await closeQueues();
    }
  });

  it("runs the stats roll-up as a job, and keeps it scheduled every 5 minutes", async () => {
    const schedulers = await queue("stats").getJobSchedulers();
    const rollUp = schedulers.find((item) => item.key === "stats-roll-up" || item.id === "stats-roll-up");
    expect(rollUp).toBeTruthy();
    expect(Number(rollUp!.every)).toBe(300_000);

    const result = await enqueue("stats", "roll-up", {});
    if (result.mode !== "queue") throw new Error("expected the queue");
    const job = (await queue("stats").getJob(result.jobId))!;
    await waitUntil(async () => (await job.getState()) === "completed", { what: "the roll-up job" });
    const done = (await queue("stats").getJob(result.jobId))!;
    expect(done.returnvalue).toMatchObject({ days: asymmetric.any(Number), events: asymmetric.any(Number) });
  });
  describe("secrets in the queue and the log (issue 9, item 9)", () => {
    const secretKey = (messageId: string) => mailSecretKey(getEnv().REDIS_KEY_PREFIX, messageId);
    const resetMail = (to: string, token: string, expiresAt?: Date): TMail => ({ to, ...passwordResetMail({ name: "Komang", token, expiresAt }) });

    it("queues a reset mail without its token, sends the full link, and keeps nothing of it once sent", async () => {
      const token = `tok${randomUUID().replace(/-/g, "")}`;
      const mail = resetMail(`sealed-${randomUUID()}@example.test`, token);
      const messageId = newMessageId();
      const result = await enqueue("mail", "password-reset", { mail, messageId });
      if (result.mode !== "queue") throw new Error("expected the queue");

      const received = await smtp.waitFor((item) => item.to.includes(mail.to));
      expect(received.text).toContain(`/reset-password?token=${token}`);
      const job = await waitUntil(
        async () => {
          const found = await queue("mail").getJob(result.jobId);
          return found && (await found.getState()) === "completed" ? found : null;
        },
        { what: "the completed job" },
      );
      expect(JSON.stringify(job.data)).not.toContain(token);
      expect(job.data.mail.text).toContain("/reset-password?token=[redacted]");
      expect(await inspect!.exists(secretKey(messageId))).toBe(0);
    });

    it("logs mail without SMTP_URL with its links redacted, and keeps the full link in the MAIL_DIR file", async () => {
      const log = vi.spyOn(console, "log").mockImplementation(() => {});
      useSmtp(undefined);
      const token = `tok${randomUUID().replace(/-/g, "")}`;
      const mail: TMail = { to: `logged-${randomUUID()}@example.test`, ...verificationMail({ name: "Ketut", token }) };
      const result = await enqueue("mail", "verification", { mail, messageId: newMessageId() });
      if (result.mode !== "queue") throw new Error("expected the queue");
      const line = await waitUntil(() => log.mock.calls.map(([first]) => String(first)).find((text) => text.includes(mail.to)), { what: "the log line" });
      expect(line).toContain("/verify-email?token=[redacted]");
      expect(line).not.toContain(token);
      const file = /written to (\S+\.eml)/.exec(line)?.[1];
      expect(file).toBeTruthy();
      const { readFile } = await import("node:fs/promises");
      expect(await readFile(file!, "utf8")).toContain(`/verify-email?token=${token}`);
    });

    it("removes completed mail jobs after the policy's age (10 minutes in production)", async () => {
      expect(JOB_POLICIES.mail.removeOnComplete.age).toBeLessThanOrEqual(15 * 60);
      const policy = JOB_POLICIES.mail.removeOnComplete as { age: number };
      const realAge = policy.age;
      policy.age = 1; // seconds
      await closeQueues(); // the queue takes its default job options from the table
      try {
        const first = await enqueue("mail", "event-published", {
          mail: aMail(`aged-${randomUUID()}@example.test`, "event-published"),
          messageId: newMessageId(),
        });
        if (first.mode !== "queue") throw new Error("expected the queue");
        await waitUntil(async () => (await (await queue("mail").getJob(first.jobId))?.getState()) === "completed", { what: "the first job" });
        await sleep(1_200);
        // BullMQ removes completed jobs older than the age whenever another job completes.
        const second = await enqueue("mail", "event-published", {
          mail: aMail(`aged2-${randomUUID()}@example.test`, "event-published"),
          messageId: newMessageId(),
        });
        if (second.mode !== "queue") throw new Error("expected the queue");
        await waitUntil(async () => (await (await queue("mail").getJob(second.jobId))?.getState()) === "completed", { what: "the second job" });
        expect(await queue("mail").getJob(first.jobId)).toBeUndefined();
      } finally {
        policy.age = realAge;
        await closeQueues();
      }
    });

    it("a failed reset mail whose link has expired holds no token, and the admin's Retry refuses to send a dead link", async () => {
      const port = await deadPort();
      useSmtp(`smtp://127.0.0.1:${port}`);
      const token = `tok${randomUUID().replace(/-/g, "")}`;
      const mail = resetMail(`expired-${randomUUID()}@example.test`, token, new Date(Date.now() + 1_500));
      const messageId = newMessageId();
      const result = await enqueue("mail", "password-reset", { mail, messageId }, { attempts: 2, backoff: { type: "exponential", delay: 50 } });
      if (result.mode !== "queue") throw new Error("expected the queue");
      const job = (await queue("mail").getJob(result.jobId))!;
      await waitUntil(async () => (await job.getState()) === "failed", { what: "the job to fail" });
      const failed = (await queue("mail").getJob(result.jobId))!;
      expect(JSON.stringify(failed.data)).not.toContain(token);
      expect(await inspect!.exists(secretKey(messageId))).toBe(1); // the link still works: a retry could send it

      await waitUntil(async () => (await inspect!.exists(secretKey(messageId))) === 0, { what: "the link to expire", timeoutMs: 5_000 });
      expect(JSON.stringify((await queue("mail").getJob(result.jobId))!.data)).not.toContain(token);
      const back = await startSmtpCapture({ port });
      captures.push(back);
      expect(await retryFailedJob(`mail:${result.jobId}`)).toEqual({ ok: false, reason: "expired" });
      expect(await job.getState()).toBe("failed");
      await sleep(300);
      expect(back.messages.some((item) => item.to.includes(mail.to))).toBe(false);
    });

    it("does not send a queued mail whose link expired before its turn: the job fails at once, nothing is sent", async () => {
      const token = `tok${randomUUID().replace(/-/g, "")}`;
      const mail = resetMail(`late-${randomUUID()}@example.test`, token, new Date(Date.now() + 200));
      const result = await enqueue("mail", "password-reset", { mail, messageId: newMessageId() }, { delay: 700, attempts: 5 });
      if (result.mode !== "queue") throw new Error("expected the queue");
      const job = (await queue("mail").getJob(result.jobId))!;
      await waitUntil(async () => (await job.getState()) === "failed", { what: "the job to fail" });
      const failed = (await queue("mail").getJob(result.jobId))!;
      expect(failed.attemptsMade).toBe(1);
      expect(failed.failedReason).toMatch(/link in this mail has expired/);
      expect(smtp.messages.some((item) => item.to.includes(mail.to))).toBe(false);
    });
  });
});
