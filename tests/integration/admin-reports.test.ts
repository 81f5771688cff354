import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resolveReportAction } from "@/app/admin/moderation/actions";
import { countOpenReports, listReports, ZReportQuery } from "@/lib/admin/list-reports";
import { resolveReport } from "@/lib/admin/resolve-report";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { auth } from "@/lib/http/auth";
import { closeMailTransports } from "@/lib/mail/deliver-mail";
import { closeRedis, getRedis, key } from "@/lib/redis";
import { createReport } from "@/lib/reports/create-report";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";
import { caught, digestOf, form, redirectOf } from "../support/server-actions";
import { startSmtpCapture, type TSmtpCapture } from "../support/smtp-capture";
import { applyEnv } from "../support/env";

// The session layer only (who is signed in), so that the server action's own admin check can be exercised.
vi.mock("@/lib/http/auth", () => ({ auth: vi.fn(() => Promise.resolve(null)) }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers({ "x-zenbali-client-ip": "203.0.113.50" })) }));
const signedIn = vi.mocked(auth) as unknown as { mockResolvedValue: (value: unknown) => void };

const DAY = 86_400_000;
const savedEnv = { SMTP_URL: process.env.SMTP_URL, MAIL_DIR: process.env.MAIL_DIR };
let smtp: TSmtpCapture;
let mailDir: string;
let admin: { id: string; email: string };
let secondAdmin: { id: string; email: string };
let inactiveAdmin: { id: string; email: string };
let creatorId: string;
let ipCounter = 0;

/** A fresh visitor each time, so the report rate limit (5 per hour per IP) never interferes. */
const visitor = () => ({ ip: `198.51.100.${++ipCounter}`, userAgent: "Report Test Browser" });

async function newEvent(title: string) {
  return createEvent({ creatorId, title, startsAt: new Date(Date.now() + 3 * DAY) });
}

async function report(slug: string, reason = "misleading", details?: string): Promise<string> {
  await createReport({ slug, input: { reason, details }, ...visitor() });
  const stored = await db.report.findFirstOrThrow({ where: { event: { slug } }, orderBy: { createdAt: "desc" }, select: { id: true } });
  return stored.id;
}

const auditRows = (where: { targetId?: string; action?: string } = {}) => db.auditLog.findMany({ where });

beforeAll(async () => {
  await clearEvents();
  await db.auditLog.deleteMany();
  await db.user.deleteMany({ where: { role: "ADMIN" } });
  const limiterKeys = await getRedis().keys(`${key("rl", "report")}*`);
  if (limiterKeys.length) await getRedis().del(...limiterKeys);

  mailDir = await mkdtemp(path.join(tmpdir(), "zenbali-report-mail-"));
  smtp = await startSmtpCapture({ rejectRecipient: (address) => address.startsWith("bounces-") });
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_DIR = mailDir;
  resetEnvForTests();

  const stamp = Date.now();
  const makeAdmin = async (email: string, isActive = true) => {
    const user = await db.user.create({ data: { email, name: "Admin", role: "ADMIN", isActive, passwordHash: "x" } });
    return { id: user.id, email: user.email };
  };
  admin = await makeAdmin(`moderator-${stamp}@example.test`);
  secondAdmin = await makeAdmin(`second-moderator-${stamp}@example.test`);
  inactiveAdmin = await makeAdmin(`retired-moderator-${stamp}@example.test`, false);
  creatorId = (await createCreator({ name: "Reported Organiser" })).id;
});

afterAll(async () => {
  await clearEvents();
  await db.auditLog.deleteMany();
  await db.user.deleteMany({ where: { role: "ADMIN" } });
  closeMailTransports();
  await smtp.close();
  await rm(mailDir, { recursive: true, force: true });
  applyEnv(savedEnv);
  resetEnvForTests();
  vi.restoreAllMocks();
  await disconnectDb();
  await closeRedis();
});

beforeEach(() => {
  signedIn.mockResolvedValue(null);
});

describe("the report-received mail", () => {
  it("goes to every active admin through the job queue, with the reason, the details and a link to /admin/moderation", async () => {
    const event = await newEvent("Mail Reported Gathering");
    await createReport({ slug: event.slug, input: { reason: "scam", details: "Asks for a deposit by bank transfer." }, ...visitor() });

    for (const to of [admin.email, secondAdmin.email]) {
      const mail = await smtp.waitFor((message) => message.to.includes(to) && message.subject === "Event reported: Mail Reported Gathering");
      expect(mail.text).toContain("Reason: Scam or fraud");
      expect(mail.text).toContain("Details: Asks for a deposit by bank transfer.");
      expect(mail.text).toContain("http://localhost:3000/admin/moderation");
      expect(mail.text).toContain(`http://localhost:3000/events/${event.slug}`);
    }
    expect(smtp.messages.some((message) => message.to.includes(inactiveAdmin.email))).toBe(false);
  });

  it("a mail that cannot be delivered never fails the report, which is already stored", async () => {
    const bouncing = await db.user.create({ data: { email: `bounces-${Date.now()}@example.test`, name: "Bouncing Admin", role: "ADMIN", passwordHash: "x" } });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const event = await newEvent("Bounced Mail Gathering");
      await expect(createReport({ slug: event.slug, input: { reason: "duplicate" }, ...visitor() })).resolves.toEqual({ stored: true });
      expect(await db.report.count({ where: { eventId: event.id, status: "OPEN" } })).toBe(1);
      // The other admins still got theirs.
      await smtp.waitFor((message) => message.to.includes(admin.email) && message.subject === "Event reported: Bounced Mail Gathering");
    } finally {
      quiet.mockRestore();
      await db.user.delete({ where: { id: bouncing.id } });
    }
  });

  it("a honeypot report sends nothing", async () => {
    const event = await newEvent("Honeypot Gathering");
    const before = smtp.messages.length;
    await expect(createReport({ slug: event.slug, input: { reason: "scam", website: "http://spam.example" }, ...visitor() })).resolves.toEqual({
      stored: false,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.messages.length).toBe(before);
  });
});

describe("the moderation queue", () => {
  it("lists open reports newest first, with the reason's label, the details as given and the open count per event", async () => {
    await db.report.deleteMany();
    const market = await newEvent("Queue Night Market");
    const retreat = await newEvent("Queue Silent Retreat");
    await report(market.slug, "wrong-details", "<b>Moved</b> to Saturday");
    await new Promise((resolve) => setTimeout(resolve, 5));
    await report(retreat.slug, "inappropriate");
    await new Promise((resolve) => setTimeout(resolve, 5));
    await report(market.slug, "duplicate");

    const { reports, total } = await listReports(ZReportQuery.parse({}));
    expect(total).toBe(3);
    expect(await countOpenReports()).toBe(3);
    expect(reports.map((row) => [row.event.title, row.reasonLabel, row.openReportsForEvent])).toEqual([
      ["Queue Night Market", "Duplicate listing", 2],
      ["Queue Silent Retreat", "Inappropriate or offensive", 1],
      ["Queue Night Market", "Wrong date, time or place", 2],
    ]);
    expect(reports[2]!.details).toBe("<b>Moved</b> to Saturday");

    await resolveReport({ actor: admin, reportId: reports[1]!.id, resolution: { action: "dismiss" } });
    expect((await listReports(ZReportQuery.parse({ status: "dismissed" }))).reports.map((row) => row.event.title)).toEqual(["Queue Silent Retreat"]);
    expect((await listReports(ZReportQuery.parse({ status: "OPEN" }))).total).toBe(2);
    expect((await listReports(ZReportQuery.parse({ status: "all" }))).total).toBe(3);
    expect(ZReportQuery.parse({ status: "nonsense" }).status).toBe("OPEN");
  });
});

describe("dismissing a report", () => {
  it("closes it as dismissed with who and when, leaves the event alone, and writes exactly one audit row", async () => {
    const event = await newEvent("Dismissed Report Jam");
    const reportId = await report(event.slug);
    const before = await db.auditLog.count();

    const result = await resolveReport({ actor: admin, reportId, resolution: { action: "dismiss" }, ip: "203.0.113.7" });
    expect(result).toEqual({ action: "dismiss", eventId: event.id, resolvedReportIds: [reportId] });

    const stored = await db.report.findUniqueOrThrow({ where: { id: reportId } });
    expect(stored).toMatchObject({ status: "DISMISSED", resolvedById: admin.id });
    expect(stored.resolvedAt).toBeInstanceOf(Date);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("PUBLISHED");
    expect(await db.auditLog.count()).toBe(before + 1);
    const rows = await auditRows({ targetId: reportId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "report.dismiss", targetType: "report", actorEmail: admin.email, ip: "203.0.113.7" });
    expect(rows[0]!.summary).toMatchObject({ eventId: event.id, title: "Dismissed Report Jam", before: { status: "OPEN" }, after: { status: "DISMISSED" } });
  });

  it("refuses a report that is already closed, writing nothing", async () => {
    const event = await newEvent("Twice Dismissed Jam");
    const reportId = await report(event.slug);
    await resolveReport({ actor: admin, reportId, resolution: { action: "dismiss" } });
    const before = await db.auditLog.count();
    await expect(resolveReport({ actor: secondAdmin, reportId, resolution: { action: "dismiss" } })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(resolveReport({ actor: secondAdmin, reportId, resolution: { action: "unpublish", reason: "Too late for this one" } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await db.auditLog.count()).toBe(before);
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).resolvedById).toBe(admin.id);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("PUBLISHED");
  });

  it("unknown ids are not found", async () => {
    await expect(resolveReport({ actor: admin, reportId: "not-a-uuid", resolution: { action: "dismiss" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveReport({ actor: admin, reportId: "00000000-0000-4000-8000-000000000000", resolution: { action: "dismiss" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("unpublishing from a report", () => {
  it("unpublishes the event with the reason, resolves every open report of it, takes it off the site, all with one audit row", async () => {
    const event = await newEvent("Unpublished From Report Fest");
    const other = await newEvent("Innocent Bystander Fest");
    const first = await report(event.slug, "scam");
    const second = await report(event.slug, "misleading");
    const third = await report(event.slug, "other", "Same as the others");
    const dismissed = await report(event.slug, "duplicate");
    await resolveReport({ actor: secondAdmin, reportId: dismissed, resolution: { action: "dismiss" } });
    const elsewhere = await report(other.slug, "duplicate");
    expect((await listPublicEvents({ query: {} })).events.map((row) => row.title)).toContain("Unpublished From Report Fest");
    const before = await db.auditLog.count();

    const result = await resolveReport({
      actor: admin,
      reportId: second,
      resolution: { action: "unpublish", reason: "  Reported as a scam by several visitors  " },
      ip: "203.0.113.8",
    });
    expect(result.action).toBe("unpublish");
    expect([...result.resolvedReportIds].sort()).toEqual([first, second, third].sort());

    expect(await db.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      status: "UNPUBLISHED",
      unpublishReason: "Reported as a scam by several visitors",
    });
    for (const id of [first, second, third]) {
      const row = await db.report.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: "RESOLVED", resolvedById: admin.id });
      expect(row.resolvedAt).toBeInstanceOf(Date);
    }
    expect(await db.report.findUniqueOrThrow({ where: { id: dismissed } })).toMatchObject({ status: "DISMISSED", resolvedById: secondAdmin.id });
    expect(await db.report.findUniqueOrThrow({ where: { id: elsewhere } })).toMatchObject({ status: "OPEN", resolvedById: null });
    expect((await db.event.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("PUBLISHED");

    // Off the public site at once (the caches were cleared).
    expect((await listPublicEvents({ query: {} })).events.map((row) => row.title)).not.toContain("Unpublished From Report Fest");
    expect(await getPublicEvent(event.slug)).toBeNull();

    // Exactly one audit row for the whole action: no separate event.unpublish row.
    expect(await db.auditLog.count()).toBe(before + 1);
    const [row] = await auditRows({ action: "report.unpublish", targetId: second });
    expect(row).toMatchObject({ targetType: "report", actorEmail: admin.email, ip: "203.0.113.8" });
    expect(row!.summary).toMatchObject({
      eventId: event.id,
      title: "Unpublished From Report Fest",
      reason: "Reported as a scam by several visitors",
      event: { before: { status: "PUBLISHED" }, after: { status: "UNPUBLISHED", unpublishReason: "Reported as a scam by several visitors" } },
    });
    expect(await db.auditLog.count({ where: { action: "event.unpublish" } })).toBe(0);
  });

  it("refuses a too-short reason: nothing changes and no audit row is written", async () => {
    const event = await newEvent("Short Reason Fest");
    const reportId = await report(event.slug);
    const before = await db.auditLog.count();
    const error = await caught(resolveReport({ actor: admin, reportId, resolution: { action: "unpublish", reason: " x " } }));
    expect(error).toMatchObject({ code: "INVALID_INPUT", fields: { reason: "Give the creator a reason (at least 3 characters)." } });
    await expect(resolveReport({ actor: admin, reportId, resolution: { action: "unpublish", reason: "y".repeat(1001) } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(await db.auditLog.count()).toBe(before);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("PUBLISHED");
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).status).toBe("OPEN");
  });

  it("refuses a deleted event (dismiss the report instead), writing nothing", async () => {
    const event = await newEvent("Deleted Before Moderation Fest");
    const reportId = await report(event.slug);
    await db.event.update({ where: { id: event.id }, data: { deletedAt: new Date() } });
    const before = await db.auditLog.count();
    await expect(resolveReport({ actor: admin, reportId, resolution: { action: "unpublish", reason: "Spam listing" } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await db.auditLog.count()).toBe(before);
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).status).toBe("OPEN");
    await resolveReport({ actor: admin, reportId, resolution: { action: "dismiss" } });
    expect(await db.auditLog.count()).toBe(before + 1);
  });
});

describe("the moderation server action", () => {
  it("sends a visitor to /login and gives a creator a 404, changing nothing", async () => {
    const event = await newEvent("Guarded Report Fest");
    const reportId = await report(event.slug);
    const creator = await db.user.findUniqueOrThrow({ where: { id: creatorId } });
    const before = await db.auditLog.count();

    signedIn.mockResolvedValue(null);
    const asVisitor = await caught(resolveReportAction(reportId, "/admin/moderation", form({ action: "dismiss" })));
    expect(redirectOf(asVisitor).pathname).toBe("/login");
    expect(redirectOf(asVisitor).searchParams.get("callbackUrl")).toBe("/admin/moderation");

    signedIn.mockResolvedValue({ user: { id: creator.id, role: "CREATOR", email: creator.email, name: creator.name } });
    const asCreator = await caught(resolveReportAction(reportId, "/admin/moderation", form({ action: "unpublish", reason: "Creators cannot do this" })));
    expect(digestOf(asCreator)).toBe("NEXT_HTTP_ERROR_FALLBACK;404");

    expect(await db.auditLog.count()).toBe(before);
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).status).toBe("OPEN");
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("PUBLISHED");
  });

  it("lets an admin dismiss, and sends a refused unpublish back with the message", async () => {
    const event = await newEvent("Admin Action Fest");
    const first = await report(event.slug);
    const second = await report(event.slug);
    signedIn.mockResolvedValue({ user: { id: admin.id, role: "ADMIN", email: admin.email, name: "Admin" } });

    const short = await caught(resolveReportAction(second, "/admin/moderation?status=all", form({ action: "unpublish", reason: "no" })));
    const back = redirectOf(short);
    expect(back.pathname).toBe("/admin/moderation");
    expect(back.searchParams.get("status")).toBe("all");
    expect(back.searchParams.get("error")).toBe("Give the creator a reason (at least 3 characters).");
    expect((await db.report.findUniqueOrThrow({ where: { id: second } })).status).toBe("OPEN");

    const done = await caught(resolveReportAction(first, "https://evil.example/", form({ action: "dismiss" })));
    expect(`${redirectOf(done).pathname}${redirectOf(done).search}`).toBe("/admin/moderation?done=dismissed");
    expect((await db.report.findUniqueOrThrow({ where: { id: first } })).status).toBe("DISMISSED");
    expect(await auditRows({ targetId: first })).toEqual([expect.objectContaining({ action: "report.dismiss", ip: "203.0.113.50" })]);
  });
});
