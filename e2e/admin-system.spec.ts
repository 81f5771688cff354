import { expect, test } from "@playwright/test";
import { Queue } from "bullmq";
import { Redis as IORedis } from "ioredis";
import { E2E_REDIS_PREFIX, TEST_REDIS_URL } from "../tests/support/test-config";
import { logInAsAdmin } from "./support/admin";
import { closeDb, query } from "./support/db";

test.afterAll(async () => {
  await closeDb();
});

test.describe("admin system page", () => {
  test("shows database and Redis health, Redis memory and hit ratio, caches and the job queue", async ({ page }) => {
    await logInAsAdmin(page);
    await page.goto("/admin/system");
    await expect(page.getByRole("heading", { level: 1, name: "System" })).toBeVisible();
    for (const heading of ["Database", "State Redis", "Cache Redis", "Caches", "Job queue", "Recent failures"]) {
      await expect(page.getByRole("heading", { level: 2, name: heading, exact: true })).toBeVisible();
    }
    const figure = (section: string, label: string) =>
      page
        .getByRole("region", { name: section })
        .locator("dt", { hasText: new RegExp(`^${label}$`) })
        .locator("xpath=following-sibling::dd[1]");
    await expect(figure("Database", "Status")).toHaveText("Up");
    await expect(figure("Database", "Latency")).toHaveText(/^[\d.,]+ ms$/);
    for (const role of ["State Redis", "Cache Redis"]) {
      await expect(figure(role, "Status")).toHaveText("Up");
      await expect(figure(role, "Memory used")).toHaveText(/^[\d.]+[BKMGT]$/);
      await expect(figure(role, "Memory limit")).toHaveText(/no limit|^[\d.]+[BKMGT]$/);
      await expect(figure(role, "Eviction policy")).toHaveText(/^[a-z-]+$/);
      await expect(figure(role, "Keyspace hit ratio")).toHaveText(/%|no lookups yet/);
      await expect(figure(role, "Connected clients")).toHaveText(/^\d+$/);
    }
    await expect(page.getByRole("region", { name: "Cache Redis" })).toContainText("Same server as the state Redis");
    const caches = page.getByRole("region", { name: "Caches" });
    for (const bucket of ["listing", "event", "feed", "reference", "creator"]) {
      await expect(caches.getByRole("row").filter({ hasText: `(${bucket})` })).toBeVisible();
    }
    // The e2e server runs the BullMQ queue with a worker.
    const jobs = page.getByRole("region", { name: "Job queue" });
    for (const column of ["Waiting", "Active", "Delayed", "Failed", "Completed"]) {
      await expect(jobs.getByRole("columnheader", { name: column })).toBeVisible();
    }
    await expect(jobs.getByRole("rowheader", { name: /^mail/ })).toBeVisible();
    await expect(jobs.getByRole("rowheader", { name: /^stats/ })).toBeVisible();
  });

  test("a failed job shows in Recent failures with its reason, and Retry puts it back in the queue (audited)", async ({ page }) => {
    const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue("mail", { connection, prefix: `${E2E_REDIS_PREFIX}bull` });
    try {
      // A mail job the worker cannot run (no mail in it): it fails at its only attempt.
      const job = await queue.add("verification", { mail: null, messageId: "e2e-admin-system" }, { attempts: 1 });
      await expect.poll(async () => (await queue.getJob(job.id!))?.getState(), { timeout: 15_000 }).toBe("failed");

      await logInAsAdmin(page);
      await page.goto("/admin/system");
      const failures = page.getByRole("region", { name: "Recent failures" });
      const retry = page.getByRole("button", { name: `Retry verification job ${job.id}`, exact: true });
      const row = failures.getByRole("row").filter({ has: retry });
      await expect(row).toContainText("verification");
      await expect(row.getByRole("cell").nth(1)).toHaveText("mail");
      await expect(row).toContainText("1 of 1");
      await retry.click();
      await expect(page.getByText(`Job mail:${job.id} is queued again.`)).toBeVisible();
      const audit = await query<{ action: string; target_id: string }>(
        "SELECT action, target_id FROM audit_log WHERE action = 'job.retry' AND target_id = $1",
        [`mail:${job.id}`],
      );
      expect(audit).toHaveLength(1);
      await queue.remove(job.id!).catch(() => 0);
    } finally {
      await queue.close();
      await connection.quit();
    }
  });
});
