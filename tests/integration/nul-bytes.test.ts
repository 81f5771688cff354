/**
 * U+0000 in typed text used to reach PostgreSQL, which refuses it: a 500 on
 * the paths the parser property tests did not cover (profile, admin search).
 * The Prisma client now removes NUL bytes from every model query's arguments.
 */
import { afterAll, describe, expect, it } from "vitest";
import { listAdminCreators } from "@/lib/admin/list-admin-creators";
import { updateProfile } from "@/lib/auth/update-profile";
import { db, disconnectDb } from "@/lib/db";
import { closeRedis } from "@/lib/redis";
import { createCreator } from "../support/fixtures";

afterAll(async () => {
  await closeRedis();
  await disconnectDb();
});

describe("text with U+0000 headed to the database", () => {
  it("a profile saved with a NUL in its name and organisation is stored without it", async () => {
    const creator = await createCreator();
    const saved = await updateProfile({ userId: creator.id, input: { name: "Wayan\u0000 Sari", organisation: "Ubud\u0000 Yoga", phone: "" } });
    expect(saved.name).toBe("Wayan Sari");
    const row = await db.user.findUniqueOrThrow({ where: { id: creator.id }, select: { name: true, organisation: true } });
    expect(row).toEqual({ name: "Wayan Sari", organisation: "Ubud Yoga" });
  });

  it("an admin search with a NUL is an ordinary search", async () => {
    await expect(listAdminCreators({ q: "Way\u0000an" })).resolves.toBeDefined();
  });
});
