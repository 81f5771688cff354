import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manageCreator } from "@/lib/admin/manage-creator";
import { db, disconnectDb } from "@/lib/db";
import { getCreatorProfile } from "@/lib/events/list-creator-public-events";
import { closeRedis } from "@/lib/redis";
import { createCreator, createEvent } from "../support/fixtures";

/**
 * /creators/<id> (the page calls notFound() when getCreatorProfile answers
 * null): only active creators have a public profile; admin accounts and
 * deactivated accounts are a real 404, also once a profile was cached.
 */

const runId = randomUUID().slice(0, 8);
const userIds: string[] = [];
let admin: { id: string; email: string };

beforeAll(async () => {
  const adminUser = await db.user.create({ data: { email: `admin-profile-${runId}@example.test`, name: "Site Admin", role: "ADMIN", passwordHash: "x" } });
  admin = { id: adminUser.id, email: adminUser.email };
  userIds.push(admin.id);
});

afterAll(async () => {
  await db.event.deleteMany({ where: { creatorId: { in: userIds } } });
  await db.auditLog.deleteMany({ where: { actorId: admin.id } }).catch(() => {});
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await disconnectDb();
  await closeRedis();
});

describe("an organiser's public profile", () => {
  it("shows an active creator with their upcoming published events", async () => {
    const creator = await createCreator({ name: "Ketut Sound", organisation: "Ubud Gongs" });
    userIds.push(creator.id);
    await createEvent({ creatorId: creator.id, title: "Gong Bath", startsAt: new Date(Date.now() + 2 * 86_400_000) });
    expect(await getCreatorProfile(creator.id)).toMatchObject({
      id: creator.id,
      name: "Ketut Sound",
      organisation: "Ubud Gongs",
      events: [{ title: "Gong Bath" }],
    });
  });

  it("is not found for an admin account", async () => {
    expect(await getCreatorProfile(admin.id)).toBeNull();
  });

  it("is not found for a deactivated account, at once after deactivation (the cached profile is cleared)", async () => {
    const creator = await createCreator({ name: "Soon Gone" });
    userIds.push(creator.id);
    expect(await getCreatorProfile(creator.id)).not.toBeNull(); // now cached
    await manageCreator({ actor: admin, creatorId: creator.id, change: { action: "deactivate" } });
    expect(await getCreatorProfile(creator.id)).toBeNull();
    await manageCreator({ actor: admin, creatorId: creator.id, change: { action: "activate" } });
    expect(await getCreatorProfile(creator.id)).not.toBeNull();
  });

  it("is not found for an account created deactivated, and for unknown or malformed ids", async () => {
    const creator = await createCreator({ name: "Never Active" });
    userIds.push(creator.id);
    await db.user.update({ where: { id: creator.id }, data: { isActive: false } });
    expect(await getCreatorProfile(creator.id)).toBeNull();
    expect(await getCreatorProfile(randomUUID())).toBeNull();
    expect(await getCreatorProfile("not-a-uuid")).toBeNull();
  });
});
