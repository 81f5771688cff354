import { randomUUID } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { retryDigestAction } from "@/app/admin/system/actions";
import AdminSystemPage from "@/app/admin/system/page";
import { getSubscriberFigures } from "@/lib/admin/get-subscriber-figures";
import { listDigestRuns } from "@/lib/admin/list-digest-runs";
import { retryFailedDigestDeliveries } from "@/lib/admin/retry-digest-deliveries";
import { invalidatePublicChange } from "@/lib/cache/public-cache";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { auth } from "@/lib/http/auth";
import { runDigest } from "@/lib/digest/run-digest";
import { closeMailTransports } from "@/lib/mail/deliver-mail";
import { closeRedis } from "@/lib/redis";
import { applyEnv } from "../support/env";
import { clearEvents, createCreator } from "../support/fixtures";
import { ago, clearDigestData, createSubscriber, CUTOFF, newEvent } from "../support/digest-fixtures";
import { caught, digestOf, redirectOf } from "../support/server-actions";
import { startSmtpCapture, type TSmtpCapture } from "../support/smtp-capture";

/**
 * The admin's view of subscriptions (issue 13): counts on /admin (never an address), the digest runs on
 * /admin/system with sent / skipped / failed, and "Retry failed" (admins only, audited once, twice is refused).
 */

vi.mock("@/lib/http/auth", () => ({ auth: vi.fn(() => Promise.resolve(null)) }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers({ "x-zenbali-client-ip": "203.0.113.9" })) }));
const signedIn = vi.mocked(auth) as unknown as { mockResolvedValue: (value: unknown) => void };

const realEnv = { SMTP_URL: process.env.SMTP_URL };
let smtp: TSmtpCapture;
let admin: { id: string; email: string };
let creator: { id: string; email: string; name: string };

function pointSmtpAt(url: string) {
  applyEnv({ SMTP_URL: url });
  resetEnvForTests();
  closeMailTransports();
}

/** A run of the 2030-W01 digest in which the SMTP server refused every mail for good: its deliveries FAILED. */
async function runWithFailures(count: number) {
  const refusing = await startSmtpCapture({ rejectRecipient: () => true });
  const people = [];
  for (let index = 0; index < count; index++) people.push(await createSubscriber({ alerts: [{ query: "location=canggu" }] }));
  pointSmtpAt(refusing.url);
  try {
    await runDigest({ now: CUTOFF });
  } finally {
    pointSmtpAt(smtp.url);
    await refusing.close();
  }
  return { people, run: await db.digestRun.findUniqueOrThrow({ where: { week: "2030-W01" } }) };
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  pointSmtpAt(smtp.url);
  await clearEvents();
  await clearDigestData();
  const adminUser = await db.user.create({ data: { email: `digest-admin-${randomUUID()}@example.test`, name: "Admin", role: "ADMIN", passwordHash: "x" } });
  admin = { id: adminUser.id, email: adminUser.email };
  const creatorUser = await createCreator({ name: "Made Wirawan" });
  creator = { id: creatorUser.id, email: creatorUser.email, name: creatorUser.name };
  await newEvent(creator.id, { title: "Canggu Dance" });
});

beforeEach(async () => {
  await clearDigestData();
  await db.auditLog.deleteMany({ where: { action: "digest.retry" } });
  smtp.messages.length = 0;
  vi.spyOn(console, "error").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterAll(async () => {
  vi.restoreAllMocks();
  await clearDigestData();
  await clearEvents();
  await db.auditLog.deleteMany({ where: { action: "digest.retry" } });
  await db.user.deleteMany({ where: { id: { in: [admin.id, creator.id] } } });
  await smtp.close();
  closeMailTransports();
  applyEnv(realEnv);
  resetEnvForTests();
  await disconnectDb();
  await closeRedis();
});

describe("subscribers on /admin", () => {
  it("counts confirmed subscribers, their confirmed alerts and the unsubscribed; pending ones are not counted", async () => {
    await invalidatePublicChange({ adminStats: true });
    const before = await getSubscriberFigures();
    await createSubscriber({ alerts: [{ query: "location=canggu" }, { creatorId: creator.id }] });
    await createSubscriber({ alerts: [{ query: "" }] });
    await createSubscriber({ confirmedAt: null, alerts: [{ query: "location=ubud" }] });
    await createSubscriber({ alertConfirmedAt: null, alerts: [{ query: "location=ubud" }] });
    await createSubscriber({ unsubscribedAt: ago(1), alerts: [{ query: "location=ubud" }] });
    await invalidatePublicChange({ adminStats: true });
    const after = await getSubscriberFigures();
    expect({
      subscribers: after.subscribers - before.subscribers,
      alerts: after.alerts - before.alerts,
      unsubscribed: after.unsubscribed - before.unsubscribed,
    }).toEqual({ subscribers: 3, alerts: 3, unsubscribed: 1 });
  });
});

describe("digest runs on /admin/system", () => {
  it("lists each run with its deliveries sent, skipped, failed and pending", async () => {
    await createSubscriber({ alerts: [{ query: "location=canggu" }] });
    await createSubscriber({ alerts: [{ query: "location=ubud" }] });
    await runDigest({ now: CUTOFF });
    const [run] = await listDigestRuns();
    expect(run).toMatchObject({ week: "2030-W01", sent: 1, skipped: 1, failed: 0, pending: 0, lastError: null });
    expect(run!.finishedAt).not.toBeNull();
  });

  it("Retry failed: the failed deliveries are sent again, once, with exactly one audit row; a second retry is refused", async () => {
    const { people, run } = await runWithFailures(2);
    expect((await listDigestRuns())[0]).toMatchObject({ week: "2030-W01", sent: 0, failed: 2, lastError: expect.stringContaining("550") as unknown });

    const result = await retryFailedDigestDeliveries({ actor: admin, runId: run.id, ip: "203.0.113.9" });
    expect(result).toEqual({ week: "2030-W01", retried: 2, queued: true });
    expect(people.map((person) => smtp.messages.filter((mail) => mail.to.includes(person.email)).length)).toEqual([1, 1]);
    expect((await listDigestRuns())[0]).toMatchObject({ sent: 2, failed: 0, pending: 0 });
    const audit = await db.auditLog.findMany({ where: { action: "digest.retry" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      targetType: "digest-run",
      targetId: run.id,
      summary: { week: "2030-W01", deliveries: 2, before: { status: "FAILED" }, after: { status: "PENDING" } },
    });

    await expect(retryFailedDigestDeliveries({ actor: admin, runId: run.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(retryFailedDigestDeliveries({ actor: admin, runId: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(retryFailedDigestDeliveries({ actor: admin, runId: "1 OR 1=1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.auditLog.count({ where: { action: "digest.retry" } })).toBe(1);
    expect(smtp.messages).toHaveLength(2);
  });

  it("the page shows the runs and a Retry failed button; the action is for admins only", async () => {
    const { run } = await runWithFailures(1);
    signedIn.mockResolvedValue({ user: { id: admin.id, role: "ADMIN", email: admin.email, name: "Admin" } });
    const html = renderToStaticMarkup(await AdminSystemPage({ searchParams: Promise.resolve({}) }));
    expect(html).toContain(">Digest runs</h2>");
    expect(html).toMatch(/<th scope="row"[^>]*>2030-W01<\/th>/);
    expect(html).toContain('Retry failed<span class="sr-only"> deliveries of digest 2030-W01</span>');

    signedIn.mockResolvedValue(null);
    expect(redirectOf(await caught(retryDigestAction(run.id, new FormData()))).pathname).toBe("/login");
    signedIn.mockResolvedValue({ user: { id: creator.id, role: "CREATOR", email: creator.email, name: creator.name } });
    expect(digestOf(await caught(retryDigestAction(run.id, new FormData())))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(await db.auditLog.count({ where: { action: "digest.retry" } })).toBe(0);

    signedIn.mockResolvedValue({ user: { id: admin.id, role: "ADMIN", email: admin.email, name: "Admin" } });
    const back = redirectOf(await caught(retryDigestAction(run.id, new FormData())));
    expect(back.pathname).toBe("/admin/system");
    expect(back.searchParams.get("digestRetried")).toBe("2030-W01");
    expect(back.searchParams.get("count")).toBe("1");
    const again = redirectOf(await caught(retryDigestAction(run.id, new FormData())));
    expect(again.searchParams.get("error")).toMatch(/no failed deliveries/);
    const shown = renderToStaticMarkup(await AdminSystemPage({ searchParams: Promise.resolve({ digestRetried: "2030-W01", count: "1" }) }));
    expect(shown).toContain("Digest 2030-W01: 1 failed delivery queued again.");
  });
});
