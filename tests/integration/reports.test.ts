import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { closeRedis, getRedis, key } from "@/lib/redis";
import { createReport } from "@/lib/reports/create-report";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

describe("reporting an event", () => {
  let slug: string;
  let draftSlug: string;

  beforeAll(async () => {
    await clearEvents();
    const creator = await createCreator();
    slug = (await createEvent({ creatorId: creator.id, title: "Reportable Event", startsAt: new Date(Date.now() + 86_400_000) })).slug;
    draftSlug = (await createEvent({ creatorId: creator.id, title: "Draft Event", startsAt: new Date(Date.now() + 86_400_000), status: "DRAFT" })).slug;
    const limiterKeys = await getRedis().keys(`${key("rl", "report")}*`);
    if (limiterKeys.length) await getRedis().del(...limiterKeys);
  });

  afterAll(async () => {
    await clearEvents();
    await disconnectDb();
    await closeRedis();
  });

  const visitor = { ip: "198.51.100.20", userAgent: "Test Browser" };

  it("stores a report with its reason and details, and no raw IP", async () => {
    await expect(createReport({ slug, input: { reason: "wrong-details", details: "The venue moved." }, ...visitor })).resolves.toEqual({ stored: true });
    const report = await db.report.findFirstOrThrow({ where: { event: { slug } } });
    expect(report).toMatchObject({ reason: "wrong-details", details: "The venue moved.", status: "OPEN" });
    expect(report.reporterHash).not.toContain("198.51.100.20");
  });

  it("refuses a missing reason with a field message", async () => {
    const attempt = createReport({ slug, input: { reason: "" }, ...visitor });
    await expect(attempt).rejects.toMatchObject({ code: "INVALID_INPUT", fields: { reason: "Choose a reason." } });
  });

  it("answers 404 for events visitors cannot see", async () => {
    await expect(createReport({ slug: draftSlug, input: { reason: "scam" }, ...visitor })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("drops honeypot submissions silently", async () => {
    const before = await db.report.count();
    await expect(createReport({ slug, input: { reason: "scam", website: "http://spam.example" }, ...visitor })).resolves.toEqual({ stored: false });
    expect(await db.report.count()).toBe(before);
  });

  it("allows 5 reports per hour per IP, then answers rate limited with a retry time", async () => {
    const ip = "198.51.100.99";
    for (let count = 0; count < 5; count++) await createReport({ slug, input: { reason: "duplicate" }, ip, userAgent: "x" });
    const error = await createReport({ slug, input: { reason: "duplicate" }, ip, userAgent: "x" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "RATE_LIMITED" });
    expect((error as AppError).retryAfterSeconds).toBeGreaterThan(0);
    expect((error as AppError).message).toMatch(/Too many reports\. Please try again in \d+ minutes?\./);
  });
});
