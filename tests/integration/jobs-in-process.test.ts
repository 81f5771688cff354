import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sendVerificationEmail } from "@/lib/auth/send-verification-email";
import { peekToken } from "@/lib/auth/tokens";
import { db, disconnectDb } from "@/lib/db";
import { getEnv, resetEnvForTests } from "@/lib/env";
import { closeQueues, drainInProcessJobs, enqueue, getQueueCounts, jobQueue, jobsMode, listFailedJobs, retryFailedJob } from "@/lib/jobs";
import { bullMqQueue, inProcessQueue } from "@/lib/jobs/queues";
import { closeMailTransports, newMessageId } from "@/lib/mail/deliver-mail";
import { sendMail } from "@/lib/mail/send-mail";
import { resetRedisForTests } from "@/lib/redis";
import { createCreator } from "../support/fixtures";
import { startSmtpCapture, type TSmtpCapture } from "../support/smtp-capture";
import { applyEnv } from "../support/env";

/**
 * Without a TCP Redis (`npm run demo`, Upstash REST only) there is no queue:
 * jobs run in the calling process, retried a few times in the background.
 */

const realEnv = { REDIS_URL: process.env.REDIS_URL, SMTP_URL: process.env.SMTP_URL, MAIL_DIR: process.env.MAIL_DIR };

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvForTests();
  closeMailTransports();
}

async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith(".eml")).sort();
}

describe("jobs without Redis (in process)", () => {
  let smtp: TSmtpCapture;
  let mailDir: string;
  const captures: TSmtpCapture[] = [];
  const createdUserIds: string[] = [];

  beforeAll(async () => {
    mailDir = await mkdtemp(path.join(tmpdir(), "zenbali-jobs-inline-"));
    process.env.MAIL_DIR = mailDir;
    delete process.env.REDIS_URL;
    smtp = await startSmtpCapture();
    captures.push(smtp);
    useSmtp(smtp.url);
    await resetRedisForTests();
    await closeQueues();
    vi.spyOn(console, "warn").mockImplementation(() => {}); // "Redis: none configured", retry notices
  });

  afterEach(() => {
    useSmtp(smtp.url);
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await drainInProcessJobs();
    await Promise.all(captures.map((capture) => capture.close()));
    closeMailTransports();
    applyEnv(realEnv);
    resetEnvForTests();
    await resetRedisForTests();
    await closeQueues();
    await db.user.deleteMany({ where: { id: { in: createdUserIds } } });
    await rm(mailDir, { recursive: true, force: true });
    await disconnectDb();
  });

  it("runs jobs in process without REDIS_URL, and in demo mode even with one", () => {
    expect(jobsMode()).toBe("in-process");
    expect(jobsMode({ ...getEnv(), REDIS_URL: "redis://127.0.0.1:6379", JOBS_MODE: "auto" })).toBe("queue");
    expect(jobsMode({ ...getEnv(), REDIS_URL: "redis://127.0.0.1:6379", DEMO_MODE: true, JOBS_MODE: "auto" })).toBe("in-process");
    // JOBS_MODE=inline keeps jobs in process even with a TCP Redis (e.g. tests that read the mail at once).
    expect(jobsMode({ ...getEnv(), REDIS_URL: "redis://127.0.0.1:6379", JOBS_MODE: "inline" })).toBe("in-process");
    // The job queue port: its implementation is picked in one place, from the same setting.
    expect(jobQueue()).toBe(inProcessQueue);
    expect(jobQueue({ ...getEnv(), REDIS_URL: "redis://127.0.0.1:6379", JOBS_MODE: "auto" })).toBe(bullMqQueue);
    expect(jobQueue({ ...getEnv(), REDIS_URL: "redis://127.0.0.1:6379", DEMO_MODE: true, JOBS_MODE: "auto" })).toBe(inProcessQueue);
  });

  it("delivers a verification mail over SMTP before sendMail returns", async () => {
    const user = await createCreator({ name: "Ketut Inline" });
    createdUserIds.push(user.id);
    await sendVerificationEmail(user);
    const mail = smtp.messages.find((item) => item.to.includes(user.email));
    expect(mail?.subject).toBe("Verify your email for Zen Bali");
    expect(mail?.headers.to).toBe(user.email);
    const token = /http:\/\/localhost:3000\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
    expect(await peekToken({ purpose: "verify-email", token })).toBe(user.id);
  });

  it("retries in the background while the SMTP server is down, and delivers when it is back", async () => {
    const probe = await startSmtpCapture();
    await probe.close();
    useSmtp(`smtp://127.0.0.1:${probe.port}`);
    const to = `inline-down-${randomUUID()}@example.test`;
    const result = await enqueue(
      "mail",
      "password-reset",
      {
        mail: { kind: "password-reset", to, subject: "Reset your Zen Bali password", text: "http://localhost:3000/reset-password?token=xyz" },
        messageId: newMessageId(),
      },
      { inProcessRetryDelaysMs: [300, 300, 300, 300] },
    );
    expect(result).toMatchObject({ mode: "in-process", status: "retrying", reason: "no-queue" });
    const back = await startSmtpCapture({ port: probe.port });
    captures.push(back);
    await drainInProcessJobs();
    expect(back.messages.filter((item) => item.to.includes(to))).toHaveLength(1);
  });

  it("keeps a mail that could not be sent at all in MAIL_DIR/undelivered", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const probe = await startSmtpCapture();
    await probe.close();
    useSmtp(`smtp://127.0.0.1:${probe.port}`);
    const to = `inline-lost-${randomUUID()}@example.test`;
    const result = await enqueue(
      "mail",
      "verification",
      { mail: { kind: "verification", to, subject: "Verify", text: "the link" }, messageId: newMessageId() },
      { inProcessRetryDelaysMs: [50] },
    );
    expect(result).toMatchObject({ status: "retrying" });
    await drainInProcessJobs();
    const kept = (await filesIn(path.join(mailDir, "undelivered"))).filter((file) => file.includes(to));
    expect(kept).toHaveLength(1);
    expect(await readFile(path.join(mailDir, "undelivered", kept[0]!), "utf8")).toContain("the link");
    expect(error.mock.calls.some(([line]) => String(line).includes("could not be sent"))).toBe(true);
  });

  it("without SMTP_URL writes the mail to MAIL_DIR (link in full, for the developer) and to the log with the link redacted", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    useSmtp(undefined);
    const to = `file-${randomUUID()}@example.test`;
    await sendMail({ kind: "verification", to, subject: "Verify your email for Zen Bali", text: "Open http://localhost:3000/verify-email?token=abc" });
    const files = (await filesIn(mailDir)).filter((file) => file.includes(to));
    expect(files).toHaveLength(1);
    const eml = await readFile(path.join(mailDir, files[0]!), "utf8");
    expect(eml).toContain(`To: ${to}`);
    expect(eml).toContain("Subject: Verify your email for Zen Bali");
    expect(eml).toContain("http://localhost:3000/verify-email?token=abc");
    const line = log.mock.calls.map(([first]) => String(first)).find((text) => text.includes(to));
    expect(line).toContain("/verify-email?token=[redacted]"); // the log never has the secret, only the file does
    expect(line).not.toContain("token=abc");
  });

  it("has no queue to show in the admin", async () => {
    expect(await getQueueCounts()).toEqual({ mode: "in-process", status: "none", queues: [] });
    expect(await listFailedJobs()).toEqual([]);
    expect(await retryFailedJob("mail:1")).toEqual({ ok: false, reason: "no-queue" });
  });
});
