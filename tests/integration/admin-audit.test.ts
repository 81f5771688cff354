import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moderateEvent } from "@/lib/admin/moderate-event";
import { listAuditActions, listAuditLog, parseAuditLogQuery, summaryLines } from "@/lib/admin/list-audit-log";
import { db, disconnectDb } from "@/lib/db";
import { closeRedis } from "@/lib/redis";
import { startOfBaliDay } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

describe("admin audit log", () => {
  const tag = randomUUID().slice(0, 8);
  let alice: { id: string; email: string };
  let bob: { id: string; email: string };
  let eventId: string;
  let creatorId: string;

  beforeAll(async () => {
    await clearEvents();
    await db.auditLog.deleteMany();
    const [a, b] = await Promise.all([
      db.user.create({ data: { email: `alice-${tag}@zenbali.test`, name: "Alice", role: "ADMIN", passwordHash: "x" } }),
      db.user.create({ data: { email: `bob-${tag}@zenbali.test`, name: "Bob", role: "ADMIN", passwordHash: "x" } }),
    ]);
    alice = { id: a.id, email: a.email };
    bob = { id: b.id, email: b.email };
    const creator = await createCreator({ name: "Wayan Audit" });
    creatorId = creator.id;
    const event = await createEvent({ creatorId, title: "Audited Kirtan", startsAt: new Date(Date.now() + 86_400_000) });
    eventId = event.id;
    // Through the app: one audit row in the moderation transaction.
    await moderateEvent({ actor: alice, eventId, change: { action: "unpublish", reason: "<b>Spam</b> & more" }, ip: "198.51.100.4" });
    // Older rows written directly, on known Bali days.
    await db.auditLog.createMany({
      data: [
        {
          actorId: bob.id,
          actorEmail: bob.email,
          action: "creator.verify",
          targetType: "user",
          targetId: creatorId,
          ip: "198.51.100.5",
          createdAt: new Date(startOfBaliDay("2026-01-05").getTime() + 60_000),
          summary: { email: creator.email },
        },
        {
          actorId: bob.id,
          actorEmail: bob.email,
          action: "location.create",
          targetType: "location",
          targetId: "12",
          ip: null,
          createdAt: new Date(startOfBaliDay("2026-01-06").getTime() - 60_000),
          summary: { name: "Amed" },
        },
        {
          actorId: alice.id,
          actorEmail: alice.email,
          action: "payments.export",
          targetType: "payment",
          targetId: null,
          ip: "198.51.100.4",
          createdAt: new Date(startOfBaliDay("2026-01-07").getTime()),
          summary: { filters: { status: "completed" }, rows: 0 },
        },
      ],
    });
  });

  afterAll(async () => {
    await db.auditLog.deleteMany();
    await clearEvents();
    await disconnectDb();
    await closeRedis();
  });

  const actions = async (query: Parameters<typeof listAuditLog>[0]) => (await listAuditLog(query)).entries.map((entry) => entry.action);

  it("lists entries newest first with actor email, action, target, summary and IP", async () => {
    const { entries, total } = await listAuditLog({ page: 1 });
    expect(total).toBe(4);
    expect(entries.map((entry) => entry.action)).toEqual(["event.unpublish", "payments.export", "location.create", "creator.verify"]);
    const [unpublish] = entries;
    expect(unpublish).toMatchObject({
      actorEmail: alice.email,
      ip: "198.51.100.4",
      target: { type: "event", id: eventId, label: "Audited Kirtan", href: `/admin/events/${eventId}/edit` },
    });
    // Readable text (the page prints it as text: the markup stays visible, never rendered).
    expect(unpublish!.summary).toContain("title: Audited Kirtan");
    expect(unpublish!.summary).toContain("reason: <b>Spam</b> & more");
    expect(unpublish!.summary).toContain("status: PUBLISHED → UNPUBLISHED");
    const verify = entries.find((entry) => entry.action === "creator.verify")!;
    expect(verify.target).toMatchObject({ type: "user", id: creatorId, href: `/admin/creators/${creatorId}/edit` });
    expect(entries.find((entry) => entry.action === "location.create")!.target).toEqual({ type: "location", id: "12", label: null, href: null });
    expect(entries.find((entry) => entry.action === "payments.export")!.target).toEqual({ type: "payment", id: null, label: null, href: "/admin/payments" });
  });

  it("filters by actor (partial, any case), by action and by Bali date range", async () => {
    expect(await actions({ actor: `BOB-${tag}`, page: 1 })).toEqual(["location.create", "creator.verify"]);
    expect(await actions({ actor: "zenbali.test", page: 1 })).toHaveLength(4);
    expect(await actions({ action: "payments.export", page: 1 })).toEqual(["payments.export"]);
    expect(await actions({ action: "payments", page: 1 })).toEqual([]);
    // The location row is at 23:59 on the 5th (Bali), the export at 00:00 on the 7th.
    expect(await actions({ from: "2026-01-05", to: "2026-01-05", page: 1 })).toEqual(["location.create", "creator.verify"]);
    expect(await actions({ from: "2026-01-06", to: "2026-01-07", page: 1 })).toEqual(["payments.export"]);
    expect(await actions({ actor: alice.email, from: "2026-01-01", to: "2026-01-31", page: 1 })).toEqual(["payments.export"]);
  });

  it("offers the distinct recorded actions for the Action filter", async () => {
    expect(await listAuditActions()).toEqual(["creator.verify", "event.unpublish", "location.create", "payments.export"]);
  });

  it("pages by 50, newest first", async () => {
    const many = Array.from({ length: 55 }, (_, index) => ({
      actorId: bob.id,
      actorEmail: bob.email,
      action: "test.bulk",
      targetType: "test",
      createdAt: new Date(Date.UTC(2025, 0, 1, 0, index)),
    }));
    await db.auditLog.createMany({ data: many });
    const first = await listAuditLog({ action: "test.bulk", page: 1 });
    const second = await listAuditLog({ action: "test.bulk", page: 2 });
    expect(first.total).toBe(55);
    expect(first.totalPages).toBe(2);
    expect(first.entries).toHaveLength(50);
    expect(second.entries).toHaveLength(5);
    expect(first.entries[0]!.createdAt.getTime()).toBe(Date.UTC(2025, 0, 1, 0, 54));
    expect(second.entries.at(-1)!.createdAt.getTime()).toBe(Date.UTC(2025, 0, 1, 0, 0));
  });

  it("reads its filters from a query string and names what is wrong", () => {
    expect(parseAuditLogQuery({ actor: " alice ", action: "event.unpublish", from: "2026-01-01", to: "2026-01-31", page: "2" })).toEqual({
      query: { actor: "alice", action: "event.unpublish", from: "2026-01-01", to: "2026-01-31", page: 2 },
      errors: [],
    });
    const bad = parseAuditLogQuery({ from: "01/02/2026", to: "2026-13-01", page: "-4" });
    expect(bad.query).toEqual({ page: 1 });
    expect(bad.errors).toEqual([
      "From must be a date written YYYY-MM-DD, for example 2026-11-25.",
      "To must be a date written YYYY-MM-DD, for example 2026-11-25.",
    ]);
    expect(parseAuditLogQuery({ from: "2026-02-01", to: "2026-01-01" }).errors).toEqual(["From must be on or before To."]);
  });

  it("renders summaries as key: value and key: before → after lines", () => {
    expect(summaryLines(null)).toEqual([]);
    expect(summaryLines("plain note")).toEqual(["plain note"]);
    expect(summaryLines({ email: "a@b.test", before: { isActive: true, verified: false }, after: { isActive: false, verified: false } })).toEqual([
      "email: a@b.test",
      "isActive: true → false",
      "verified: false (unchanged)",
    ]);
    expect(summaryLines({ before: { name: "Old" }, after: { name: "New", slug: "new" } })).toEqual(["name: Old → New", "slug: → new"]);
    expect(summaryLines({ tags: ["a", "b"], count: 2, gone: null })).toEqual(['tags: ["a","b"]', "count: 2", "gone: —"]);
    expect(summaryLines({ long: "x".repeat(600) })[0]).toHaveLength("long: ".length + 500 + 1);
  });
});
