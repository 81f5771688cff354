import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moderateEvent } from "@/lib/admin/moderate-event";
import { db, disconnectDb } from "@/lib/db";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { closeRedis } from "@/lib/redis";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

describe("admin moderation", () => {
  let eventId: string;
  let slug: string;
  let admin: { id: string; email: string };

  beforeAll(async () => {
    await clearEvents();
    await db.auditLog.deleteMany();
    const creator = await createCreator();
    const adminUser = await db.user.create({ data: { email: `admin-${Date.now()}@example.test`, name: "Admin", role: "ADMIN", passwordHash: "x" } });
    admin = { id: adminUser.id, email: adminUser.email };
    const event = await createEvent({ creatorId: creator.id, title: "Moderated Market", startsAt: new Date(Date.now() + 86_400_000) });
    eventId = event.id;
    slug = event.slug;
  });

  afterAll(async () => {
    await clearEvents();
    await db.auditLog.deleteMany();
    await disconnectDb();
    await closeRedis();
  });

  const titles = async () => (await listPublicEvents({ query: {} })).events.map((event) => event.title);
  const auditCount = () => db.auditLog.count({ where: { targetId: eventId } });

  it("unpublishing with a reason takes the event off the site at once and writes exactly one audit row", async () => {
    expect(await titles()).toContain("Moderated Market");
    await moderateEvent({ actor: admin, eventId, change: { action: "unpublish", reason: "Duplicate of another listing" }, ip: "203.0.113.9" });
    expect(await titles()).not.toContain("Moderated Market");
    expect(await getPublicEvent(slug)).toBeNull();
    const event = await db.event.findUniqueOrThrow({ where: { id: eventId } });
    expect(event).toMatchObject({ status: "UNPUBLISHED", unpublishReason: "Duplicate of another listing" });
    const rows = await db.auditLog.findMany({ where: { targetId: eventId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorEmail: admin.email, action: "event.unpublish", targetType: "event", ip: "203.0.113.9" });
  });

  it("a refused action (no reason) changes nothing and writes no audit row", async () => {
    await moderateEvent({ actor: admin, eventId, change: { action: "publish" } });
    const before = await auditCount();
    await expect(moderateEvent({ actor: admin, eventId, change: { action: "unpublish", reason: " " } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await auditCount()).toBe(before);
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).status).toBe("PUBLISHED");
  });

  it("republishes, features, deletes and restores, one audit row each", async () => {
    const before = await auditCount();
    await moderateEvent({ actor: admin, eventId, change: { action: "feature" } });
    expect((await listPublicEvents({ query: {} })).events[0]).toMatchObject({ title: "Moderated Market", isFeatured: true });
    await moderateEvent({ actor: admin, eventId, change: { action: "delete" } });
    expect(await titles()).not.toContain("Moderated Market");
    await expect(moderateEvent({ actor: admin, eventId, change: { action: "feature" } })).rejects.toMatchObject({ code: "CONFLICT" });
    await moderateEvent({ actor: admin, eventId, change: { action: "restore" } });
    expect(await titles()).toContain("Moderated Market");
    expect(await auditCount()).toBe(before + 3);
  });

  it("unknown ids are not found", async () => {
    await expect(moderateEvent({ actor: admin, eventId: "not-a-uuid", change: { action: "publish" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(moderateEvent({ actor: admin, eventId: "00000000-0000-4000-8000-000000000000", change: { action: "publish" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
