import net from "node:net";
import { Queue } from "bullmq";
import { Redis as IORedis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { getEnv, resetEnvForTests } from "@/lib/env";
import { resumeDigestRuns, runDigest } from "@/lib/digest/run-digest";
import { bullPrefix, closeQueues, enqueue, JOB_POLICIES, jobsMode } from "@/lib/jobs";
import { scheduleRepeatableJobs, startWorkers, type TWorkersHandle } from "@/lib/jobs/worker";
import { closeMailTransports } from "@/lib/mail/deliver-mail";
import { closeRedis, resetRedisForTests } from "@/lib/redis";
import { toBaliDate, toBaliTime } from "@/lib/time/bali";
import { applyEnv } from "../support/env";
import { clearEvents, createCreator } from "../support/fixtures";
import { clearDigestData, createSubscriber, CUTOFF, newEvent } from "../support/digest-fixtures";
import { startSmtpCapture, type TSmtpCapture } from "../support/smtp-capture";

/**
 * The digest through the real queue (BullMQ on the test Redis, a worker in this process, a real SMTP server), with
 * the faults of the quality bar: "Redis or SMTP down during a digest: no subscriber gets two mails and none is
 * skipped once both are back". Redis is reached through a TCP proxy that the tests cut and restore.
 */

const realEnv = { REDIS_URL: process.env.REDIS_URL, SMTP_URL: process.env.SMTP_URL, JOBS_MODE: process.env.JOBS_MODE };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  { timeoutMs = 20_000, what = "condition" } = {},
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A TCP proxy in front of Redis: `cut()` drops every connection and refuses new ones (Redis is away), `restore()` ends that. */
async function startRedisProxy(target: URL) {
  let open = true;
  const pairs = new Set<net.Socket[]>();
  const server = net.createServer((client) => {
    client.on("error", () => {});
    if (!open) return void client.destroy();
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    upstream.on("error", () => {});
    const pair = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on("close", drop);
    upstream.on("close", drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut() {
      open = false;
      for (const pair of pairs) for (const socket of pair) socket.destroy();
      pairs.clear();
    },
    restore() {
      open = true;
    },
    /** Stops listening and drops whatever is still connected (server.close alone would wait for it). */
    close() {
      open = false;
      for (const pair of pairs) for (const socket of pair) socket.destroy();
      pairs.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port where nothing listens (an SMTP server that is down). */
async function deadPort(): Promise<number> {
  const probe = await startSmtpCapture();
  await probe.close();
  return probe.port;
}

function useSmtp(url: string) {
  applyEnv({ SMTP_URL: url });
  resetEnvForTests();
  closeMailTransports();
}

let proxy: Awaited<ReturnType<typeof startRedisProxy>> | undefined;
let workers: TWorkersHandle | undefined;
let inspect: IORedis | undefined;
let digestQueue: Queue | undefined;
let creatorId: string;
const captures: TSmtpCapture[] = [];
const policy = JOB_POLICIES.digest as { backoff: { delay: number; jitter?: number } };
const originalBackoff = { ...policy.backoff };

async function subscribers(count: number) {
  const made = [];
  for (let index = 0; index < count; index++) made.push(await createSubscriber({ alerts: [{ query: "location=canggu" }] }));
  return made;
}

async function deliveriesOf(week: string) {
  return db.digestDelivery.findMany({ where: { run: { week } }, select: { subscriberId: true, status: true, attempts: true } });
}

/** Every subscriber got exactly one mail, on any of the SMTP servers of the test. */
function mailCounts(addresses: readonly string[]): number[] {
  return addresses.map((address) => captures.reduce((sum, capture) => sum + capture.messages.filter((mail) => mail.to.includes(address)).length, 0));
}

beforeAll(async () => {
  proxy = await startRedisProxy(new URL(realEnv.REDIS_URL ?? "redis://127.0.0.1:6379"));
  applyEnv({ REDIS_URL: proxy.url, JOBS_MODE: "auto" });
  resetEnvForTests();
  await resetRedisForTests();
  await closeQueues();
  // Retries within the test's time: 200 ms, 400 ms, 800 ms … instead of 1, 2, 4 … minutes.
  policy.backoff.delay = 200;
  policy.backoff.jitter = 0;
  inspect = new IORedis(realEnv.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
  digestQueue = new Queue("digest", { connection: inspect, prefix: bullPrefix(getEnv().REDIS_KEY_PREFIX) });
  await digestQueue.obliterate({ force: true });
  await clearEvents();
  await clearDigestData();
  creatorId = (await createCreator({ name: "Made Wirawan" })).id;
  await newEvent(creatorId, { title: "Canggu Dance" });
  // One send at a time: a run of many subscribers takes long enough to cut Redis in the middle of it.
  workers = await startWorkers({
    queues: ["digest"],
    schedule: false,
    concurrency: { digest: 1 },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });
});

beforeEach(async () => {
  await clearDigestData();
});

afterAll(async () => {
  await workers?.close();
  await closeQueues();
  await digestQueue?.obliterate({ force: true }).catch(() => {});
  await digestQueue?.close();
  await inspect?.quit();
  await Promise.all(captures.map((capture) => capture.close()));
  Object.assign(policy.backoff, originalBackoff);
  if (originalBackoff.jitter === undefined) delete policy.backoff.jitter;
  closeMailTransports();
  applyEnv(realEnv);
  resetEnvForTests();
  await resetRedisForTests();
  await proxy?.close();
  await clearDigestData();
  await clearEvents();
  await disconnectDb();
  await closeRedis();
});

describe("the digest through the queue", () => {
  it("keeps the weekly run scheduled at Thursday 08:00 Bali time (a cron pattern in Asia/Makassar), and a resume every 15 minutes", async () => {
    const connection = new IORedis(realEnv.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
    try {
      const scheduled = await scheduleRepeatableJobs({ connection, prefix: bullPrefix(getEnv().REDIS_KEY_PREFIX), queues: ["digest"] });
      expect(scheduled).toEqual(['digest/run at "0 8 * * 4" (Asia/Makassar)', "digest/resume every 900 s"]);
      const weekly = await digestQueue!.getJobScheduler("digest-weekly");
      expect(weekly).toMatchObject({ name: "run", pattern: "0 8 * * 4", tz: "Asia/Makassar" });
      const next = new Date(weekly!.next!);
      expect(new Date(`${toBaliDate(next)}T00:00:00Z`).getUTCDay()).toBe(4);
      expect(toBaliTime(next)).toBe("08:00");
      expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
      expect(await digestQueue!.getJobScheduler("digest-resume")).toMatchObject({ name: "resume", every: 900_000 });
      // A second worker schedules the same two, not two more.
      await scheduleRepeatableJobs({ connection, prefix: bullPrefix(getEnv().REDIS_KEY_PREFIX), queues: ["digest"] });
      expect(await digestQueue!.getJobSchedulersCount()).toBe(2);
    } finally {
      await digestQueue!.removeJobScheduler("digest-weekly");
      await digestQueue!.removeJobScheduler("digest-resume");
      await digestQueue!.drain(true);
      await connection.quit();
    }
  });

  it("SMTP refusing, then accepting: every subscriber gets one mail once it is back, none twice", async () => {
    expect(jobsMode()).toBe("queue");
    const port = await deadPort();
    useSmtp(`smtp://127.0.0.1:${port}`);
    const people = await subscribers(5);
    const run = await enqueue("digest", "run", { at: CUTOFF.toISOString() });
    expect(run.mode).toBe("queue");

    // Refused: each send is retried with backoff, its delivery still PENDING and unclaimed between attempts.
    await waitUntil(async () => (await deliveriesOf("2030-W01")).filter((item) => item.attempts >= 2).length === 5, { what: "two refused attempts each" });
    expect((await deliveriesOf("2030-W01")).every((item) => item.status === "PENDING")).toBe(true);
    const jobIds = people.map((person) => `digest:2030-W01:${person.id}`);
    for (const jobId of jobIds) expect(await (await digestQueue!.getJob(jobId))?.getState()).toMatch(/delayed|waiting|active/);

    // The SMTP server is back on the same address.
    const back = await startSmtpCapture({ port });
    captures.push(back);
    await waitUntil(async () => (await deliveriesOf("2030-W01")).every((item) => item.status === "SENT"), { what: "every delivery SENT" });
    await sleep(1_000); // no late second mail
    expect(mailCounts(people.map((person) => person.email))).toEqual([1, 1, 1, 1, 1]);
    expect((await db.digestRun.findUniqueOrThrow({ where: { week: "2030-W01" } })).finishedAt).not.toBeNull();

    // The run job again (a repeat, a second worker): the same run, nothing more sent.
    await enqueue("digest", "run", { at: new Date(CUTOFF.getTime() + 3_600_000).toISOString() });
    await sleep(1_000);
    expect(mailCounts(people.map((person) => person.email))).toEqual([1, 1, 1, 1, 1]);
    useSmtp(back.url);
  });

  it("Redis unavailable in the middle of the sends, then back: every subscriber gets one mail, none twice, none skipped", async () => {
    const smtp = await startSmtpCapture();
    captures.push(smtp);
    useSmtp(smtp.url);
    const people = await subscribers(60);
    await enqueue("digest", "run", { at: CUTOFF.toISOString() });
    await waitUntil(() => smtp.messages.length >= 10, { what: "the first ten mails" });
    proxy!.cut();
    const duringOutage = smtp.messages.length;
    await sleep(3_000);
    // Whatever a worker was sending when Redis went went out once; nothing more could be taken from the queue.
    expect(smtp.messages.length).toBeLessThan(people.length);
    expect(smtp.messages.length - duringOutage).toBeLessThanOrEqual(1);
    proxy!.restore();

    await waitUntil(async () => (await deliveriesOf("2030-W01")).every((item) => item.status === "SENT"), { what: "every delivery SENT", timeoutMs: 40_000 });
    await sleep(1_000);
    expect(mailCounts(people.map((person) => person.email))).toEqual(people.map(() => 1));
    expect((await db.digestRun.findUniqueOrThrow({ where: { week: "2030-W01" } })).finishedAt).not.toBeNull();
  });

  it("Redis unavailable while the run queues its sends: the run stops with 503, and the resume pass sends every one, once", async () => {
    const smtp = await startSmtpCapture();
    captures.push(smtp);
    useSmtp(smtp.url);
    const people = await subscribers(8);
    proxy!.cut();
    try {
      await expect(runDigest({ now: CUTOFF })).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    } finally {
      proxy!.restore();
    }
    // The run and its deliveries are in PostgreSQL; nothing went out.
    expect((await deliveriesOf("2030-W01")).map((item) => item.status)).toEqual(people.map(() => "PENDING"));
    expect(smtp.messages).toHaveLength(0);
    await closeQueues(); // forget "Redis did not answer moments ago"

    const [resumed] = await resumeDigestRuns({ graceMs: 0 });
    expect(resumed).toMatchObject({ week: "2030-W01", pending: 8 });
    await waitUntil(async () => (await deliveriesOf("2030-W01")).every((item) => item.status === "SENT"), { what: "every delivery SENT" });
    // The run job retried as well, and the resume once more: nothing more is sent.
    await runDigest({ now: CUTOFF });
    await resumeDigestRuns({ graceMs: 0 });
    await sleep(1_000);
    expect(mailCounts(people.map((person) => person.email))).toEqual(people.map(() => 1));
  });
});
