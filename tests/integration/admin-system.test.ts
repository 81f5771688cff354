import { randomUUID } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { Redis as IORedis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { retryJobAction } from "@/app/admin/system/actions";
import { getSystemStatus } from "@/lib/admin/get-system-status";
import { retryFailedJobAsAdmin } from "@/lib/admin/retry-failed-job";
import { CACHE_BUCKETS } from "@/lib/cache/policies";
import { cached } from "@/lib/cache/public-cache";
import { db, disconnectDb } from "@/lib/db";
import { getEnv, resetEnvForTests } from "@/lib/env";
import { auth } from "@/lib/http/auth";
import { bullPrefix, closeQueues, enqueue, listFailedJobs } from "@/lib/jobs";
import { newMessageId } from "@/lib/mail/deliver-mail";
import { closeRedis, createRedis } from "@/lib/redis";
import { getRedisInfo, parseRedisInfo } from "@/lib/redis/redis-info";
import { createCreator } from "../support/fixtures";
import { caught, digestOf, redirectOf } from "../support/server-actions";
import { asymmetric } from "../support/asymmetric";
import { applyEnv } from "../support/env";

// The session layer only (who is signed in), so that the server action's own admin check runs for real.
vi.mock("@/lib/http/auth", () => ({ auth: vi.fn(() => Promise.resolve(null)) }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers({ "x-zenbali-client-ip": "203.0.113.88" })) }));
const signedIn = vi.mocked(auth) as unknown as { mockResolvedValue: (value: unknown) => void };

const realEnv = { REDIS_URL: process.env.REDIS_URL, JOBS_MODE: process.env.JOBS_MODE };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

function setEnv(values: Record<string, string | undefined>) {
  applyEnv(values);
  resetEnvForTests();
}

let admin: { id: string; email: string };
let creator: { id: string; email: string; name: string };

beforeAll(async () => {
  await db.auditLog.deleteMany();
  const adminUser = await db.user.create({ data: { email: `admin-system-${randomUUID()}@example.test`, name: "Admin", role: "ADMIN", passwordHash: "x" } });
  admin = { id: adminUser.id, email: adminUser.email };
  const creatorUser = await createCreator({ name: "System Creator" });
  creator = { id: creatorUser.id, email: creatorUser.email, name: creatorUser.name };
});

afterAll(async () => {
  setEnv(realEnv);
  await closeQueues();
  await db.auditLog.deleteMany();
  await db.user.deleteMany({ where: { id: { in: [admin.id, creator.id] } } });
  await disconnectDb();
  await closeRedis();
});

describe("Redis INFO", () => {
  it("parses memory, limit, eviction policy, hit ratio, clients and keys", () => {
    const info = parseRedisInfo(
      [
        "# Server",
        "redis_version:7.2.4",
        "uptime_in_seconds:120",
        "",
        "# Clients",
        "connected_clients:7",
        "",
        "# Memory",
        "used_memory:1048576",
        "used_memory_human:1.00M",
        "maxmemory:0",
        "maxmemory_human:0B",
        "maxmemory_policy:noeviction",
        "",
        "# Stats",
        "keyspace_hits:90",
        "keyspace_misses:10",
        "",
        "# Keyspace",
        "db0:keys=12,expires=3,avg_ttl=0",
        "db1:keys=3,expires=0,avg_ttl=0",
        "",
      ].join("\r\n"),
    );
    expect(info).toEqual({
      version: "7.2.4",
      usedMemoryBytes: 1_048_576,
      usedMemoryHuman: "1.00M",
      maxMemoryBytes: 0,
      maxMemoryHuman: "0B",
      evictionPolicy: "noeviction",
      keyspaceHits: 90,
      keyspaceMisses: 10,
      hitRatio: 0.9,
      connectedClients: 7,
      keys: 15,
      uptimeSeconds: 120,
    });
    expect(parseRedisInfo("keyspace_hits:0\nkeyspace_misses:0\n").hitRatio).toBeNull();
    expect(parseRedisInfo("").usedMemoryHuman).toBeNull();
  });

  it("reads INFO from the real Redis, and a reduced one from the in-process memory store", async () => {
    const real = await getRedisInfo();
    expect(real.available).toBe(true);
    if (!real.available) return;
    expect(real.info.usedMemoryHuman).toMatch(/^[\d.]+[BKMGT]$/);
    expect(real.info.maxMemoryBytes).toEqual(expect.any(Number));
    expect(real.info.evictionPolicy).toEqual(expect.any(String));
    expect(real.info.connectedClients).toBeGreaterThanOrEqual(1);

    const memory = await getRedisInfo({ handle: createRedis({}) });
    expect(memory).toMatchObject({ available: true, info: { version: "memory", usedMemoryHuman: null, hitRatio: null } });
  });
});

describe("the system status", () => {
  it("has database, Redis, cache, job queue and failure figures (jobs in process)", async () => {
    await cached("reference", `system-test-${randomUUID()}`, () => Promise.resolve({ filled: true }));
    const status = await getSystemStatus();
    expect(status.database).toMatchObject({ status: "up", latencyMs: asymmetric.any(Number) });
    expect(status.redis).toMatchObject({ status: "up", mode: "tcp", latencyMs: asymmetric.any(Number), info: { available: true } });
    if (!status.redis.info.available) return;
    expect(status.redis.info.info).toMatchObject({
      usedMemoryHuman: asymmetric.any(String),
      evictionPolicy: asymmetric.any(String),
      connectedClients: asymmetric.any(Number),
    });
    expect(status.redis.info.info.hitRatio === null || (status.redis.info.info.hitRatio >= 0 && status.redis.info.info.hitRatio <= 1)).toBe(true);
    // Both Redis roles; without REDIS_CACHE_URL the caches use the state Redis's server (through a client of their own).
    expect(status.cacheRedis).toMatchObject({
      status: "up",
      mode: "tcp",
      latencyMs: asymmetric.any(Number),
      sharesStateServer: true,
      info: { available: true },
    });
    expect(status.caches.buckets.map((bucket) => bucket.bucket)).toEqual(Object.keys(CACHE_BUCKETS));
    expect(status.caches.buckets.find((bucket) => bucket.bucket === "reference")!.entries).toBeGreaterThanOrEqual(1);
    expect(status.caches.processMisses).toBeGreaterThanOrEqual(1);
    expect(status.jobs).toEqual({ mode: "in-process", status: "none", queues: [] });
    expect(status.failures).toEqual({ status: "none" });
  });

  it("says what is down, without throwing, when Redis does not answer", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    setEnv({ REDIS_URL: "redis://127.0.0.1:6399", JOBS_MODE: "auto" }); // nothing listens there
    await closeRedis();
    await closeQueues();
    try {
      const started = Date.now();
      const status = await getSystemStatus();
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(status.database.status).toBe("up");
      expect(status.redis).toMatchObject({ status: "down", info: { available: false } });
      expect(status.cacheRedis).toMatchObject({ status: "down", info: { available: false } });
      expect(status.caches.buckets.every((bucket) => bucket.entries === null)).toBe(true);
      expect(status.jobs).toMatchObject({ mode: "queue", status: "down" });
      expect(status.failures.status).toBe("unavailable");
      await expect(retryFailedJobAsAdmin({ actor: admin, id: "mail:1" })).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
      expect(await db.auditLog.count({ where: { action: "job.retry" } })).toBe(0);
    } finally {
      setEnv(realEnv);
      await closeRedis();
      await closeQueues();
      warn.mockRestore();
    }
  });
});

describe("failed jobs and retry", () => {
  // Undefined until beforeAll has made them: afterAll closes whatever was made.
  let connection: IORedis | undefined;
  let worker: Worker | undefined;
  let inspect: Queue | undefined;

  beforeAll(async () => {
    setEnv({ JOBS_MODE: "auto" });
    await closeQueues();
    const prefix = bullPrefix(getEnv().REDIS_KEY_PREFIX);
    connection = new IORedis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    inspect = new Queue("mail", { connection, prefix });
    // A worker whose every mail fails: the job lands in the failed list.
    worker = new Worker("mail", (): Promise<void> => Promise.reject(new Error("SMTP said no (test)")), { connection: connection.duplicate(), prefix });
  });

  afterAll(async () => {
    await worker?.close();
    await inspect?.obliterate({ force: true });
    await inspect?.close();
    await connection?.quit();
    setEnv(realEnv);
    await closeQueues();
  });

  it("shows a failed job with its reason and attempts, retries it for an admin with one job.retry audit row, and refuses visitors and creators", async () => {
    const to = `failing-${randomUUID()}@example.test`;
    const result = await enqueue(
      "mail",
      "password-reset",
      { mail: { kind: "password-reset", to, subject: "Reset", text: "secret link" }, messageId: newMessageId() },
      { attempts: 1 },
    );
    if (result.mode !== "queue") throw new Error("expected the queue");
    await waitUntil(async () => (await inspect!.getJob(result.jobId))?.failedReason, "the job to fail");
    await waitUntil(async () => (await (await inspect!.getJob(result.jobId))?.getState()) === "failed", "the failed state");
    await worker!.close(); // nothing runs the job again after the retry: it waits in the queue

    const status = await getSystemStatus();
    expect(status.jobs.status).toBe("up");
    expect(status.jobs.queues.find((queue) => queue.name === "mail")).toMatchObject({ failed: asymmetric.any(Number) });
    expect(status.jobs.queues.find((queue) => queue.name === "mail")!.failed).toBeGreaterThanOrEqual(1);
    if (status.failures.status !== "ok") throw new Error(`failures: ${JSON.stringify(status.failures)}`);
    const failed = status.failures.jobs.find((job) => job.jobId === result.jobId);
    expect(failed).toMatchObject({
      id: `mail:${result.jobId}`,
      queue: "mail",
      name: "password-reset",
      failedReason: "SMTP said no (test)",
      attemptsMade: 1,
      attempts: 1,
    });
    expect(failed!.failedAt).toBeInstanceOf(Date);
    expect(failed!.summary).not.toContain("secret link");

    // Visitors and creators cannot retry.
    const form = new FormData();
    signedIn.mockResolvedValue(null);
    expect(redirectOf(await caught(retryJobAction(failed!.id, form))).pathname).toBe("/login");
    signedIn.mockResolvedValue({ user: { id: creator.id, role: "CREATOR", email: creator.email, name: creator.name } });
    expect(digestOf(await caught(retryJobAction(failed!.id, form)))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(await (await inspect!.getJob(result.jobId))!.getState()).toBe("failed");
    expect(await db.auditLog.count({ where: { action: "job.retry" } })).toBe(0);

    // Unknown or malformed ids are refused without an audit row.
    await expect(retryFailedJobAsAdmin({ actor: admin, id: "mail:does-not-exist" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(retryFailedJobAsAdmin({ actor: admin, id: "nonsense" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.auditLog.count({ where: { action: "job.retry" } })).toBe(0);

    // The admin retries through the server action.
    signedIn.mockResolvedValue({ user: { id: admin.id, role: "ADMIN", email: admin.email, name: "Admin" } });
    const back = redirectOf(await caught(retryJobAction(failed!.id, form)));
    expect(`${back.pathname}${back.search}`).toBe(`/admin/system?retried=${encodeURIComponent(failed!.id)}`);
    expect(await (await inspect!.getJob(result.jobId))!.getState()).toMatch(/waiting|prioritized/);
    expect((await listFailedJobs({ queue: "mail" })).some((job) => job.jobId === result.jobId)).toBe(false);
    const rows = await db.auditLog.findMany({ where: { action: "job.retry" } });
    expect(rows).toEqual([expect.objectContaining({ actorId: admin.id, targetType: "job", targetId: failed!.id, ip: "203.0.113.88" })]);
    expect(rows[0]!.summary).toMatchObject({ queue: "mail", jobId: result.jobId, name: "password-reset", before: { state: "failed", attemptsMade: 1 } });

    // Retrying again: the job is no longer failed; refused with the reason, no second row.
    const again = redirectOf(await caught(retryJobAction(failed!.id, form)));
    expect(again.searchParams.get("error")).toBe("This job has not failed (it may have been retried already).");
    expect(await db.auditLog.count({ where: { action: "job.retry" } })).toBe(1);
  });
});

describe("retrying a mail whose link has expired", () => {
  // Undefined until beforeAll has made them: afterAll closes whatever was made.
  let connection: IORedis | undefined;
  let worker: Worker | undefined;
  let inspect: Queue | undefined;

  beforeAll(async () => {
    setEnv({ JOBS_MODE: "auto" });
    await closeQueues();
    const prefix = bullPrefix(getEnv().REDIS_KEY_PREFIX);
    connection = new IORedis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    inspect = new Queue("mail", { connection, prefix });
    worker = new Worker("mail", (): Promise<void> => Promise.reject(new Error("SMTP said no (test)")), { connection: connection.duplicate(), prefix });
  });

  afterAll(async () => {
    await worker?.close();
    await inspect?.obliterate({ force: true });
    await inspect?.close();
    await connection?.quit();
    setEnv(realEnv);
    await closeQueues();
  });

  it("is refused with a message instead of sending a dead link, and writes no audit row", async () => {
    await db.auditLog.deleteMany({ where: { action: "job.retry" } });
    const to = `expired-link-${randomUUID()}@example.test`;
    const mail = {
      kind: "password-reset" as const,
      to,
      subject: "Reset",
      text: "Open https://zenbali.site/reset-password?token=abcdef",
      secretUntil: Date.now() + 300,
    };
    const result = await enqueue("mail", "password-reset", { mail, messageId: newMessageId() }, { attempts: 1 });
    if (result.mode !== "queue") throw new Error("expected the queue");
    await waitUntil(async () => (await (await inspect!.getJob(result.jobId))?.getState()) === "failed", "the failed state");
    await sleep(400); // the link expires

    signedIn.mockResolvedValue({ user: { id: admin.id, role: "ADMIN", email: admin.email, name: "Admin" } });
    const back = redirectOf(await caught(retryJobAction(`mail:${result.jobId}`, new FormData())));
    expect(back.searchParams.get("error")).toMatch(/^The link in this mail has expired, so it was not sent again\./);
    expect(await (await inspect!.getJob(result.jobId))!.getState()).toBe("failed");
    expect(await db.auditLog.count({ where: { action: "job.retry" } })).toBe(0);
  });
});
