import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manageCreator } from "@/lib/admin/manage-creator";
import { createSession, getSession } from "@/lib/auth/sessions";
import { db, disconnectDb } from "@/lib/db";
import { closeRedis } from "@/lib/redis";
import { clearEvents, createCreator } from "../support/fixtures";

describe("admin: managing creators", () => {
  let admin: { id: string; email: string };

  beforeAll(async () => {
    await clearEvents();
    const adminUser = await db.user.create({ data: { email: `admin-creators-${Date.now()}@example.test`, name: "Admin", role: "ADMIN", passwordHash: "x" } });
    admin = { id: adminUser.id, email: adminUser.email };
  });

  afterAll(async () => {
    await db.auditLog.deleteMany();
    await disconnectDb();
    await closeRedis();
  });

  it("deactivating ends every session of the creator at once, with one audit row", async () => {
    const creator = await createCreator();
    const first = await createSession({ userId: creator.id, role: "CREATOR" });
    const second = await createSession({ userId: creator.id, role: "CREATOR" });
    expect(await getSession(first.sessionId)).not.toBeNull();

    await manageCreator({ actor: admin, creatorId: creator.id, change: { action: "deactivate" } });

    expect(await getSession(first.sessionId)).toBeNull();
    expect(await getSession(second.sessionId)).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: creator.id } })).isActive).toBe(false);
    expect(await db.auditLog.count({ where: { targetId: creator.id, action: "creator.deactivate", actorEmail: admin.email } })).toBe(1);

    await manageCreator({ actor: admin, creatorId: creator.id, change: { action: "activate" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: creator.id } })).isActive).toBe(true);
  });

  it("marks an email verified", async () => {
    const creator = await createCreator();
    await manageCreator({ actor: admin, creatorId: creator.id, change: { action: "verify" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: creator.id } })).emailVerifiedAt).not.toBeNull();
  });

  it("refuses admins and unknown ids as targets, writing nothing", async () => {
    const before = await db.auditLog.count();
    await expect(manageCreator({ actor: admin, creatorId: admin.id, change: { action: "deactivate" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(manageCreator({ actor: admin, creatorId: "nope", change: { action: "deactivate" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.auditLog.count()).toBe(before);
  });
});
