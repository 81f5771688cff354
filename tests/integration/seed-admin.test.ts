import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { closeRedis } from "@/lib/redis";
import { seed } from "../../prisma/seed";
import { caught } from "../support/server-actions";

/**
 * `npm run db:seed` creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD:
 * the password follows the same policy as everyone's (issue 9, item 12).
 */

const runId = randomUUID().slice(0, 8);
const email = `first-admin-${runId}@example.test`;

async function seedWith(password: string, adminEmail = email): Promise<unknown> {
  Object.assign(process.env, { ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD: password, SEED_DEMO: "0" });
  resetEnvForTests();
  return caught(seed());
}

beforeAll(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});

afterAll(async () => {
  vi.restoreAllMocks();
  delete process.env.ADMIN_EMAIL;
  delete process.env.ADMIN_PASSWORD;
  resetEnvForTests();
  await db.user.deleteMany({ where: { email: { startsWith: `first-admin-${runId}` } } });
  await disconnectDb();
  await closeRedis();
});

describe("the seed's first admin", () => {
  it.each([
    ["too short", "abc1234", "Use at least 8 characters."],
    ["too long", "x".repeat(129), "Use at most 128 characters."],
    ["a common password", "password123", "This password is too common. Choose another one."],
    ["another common password, any case", "Qwertyuiop", "This password is too common. Choose another one."],
    ["the email address", email.toUpperCase(), "Your password must not be your email address."],
  ])("refuses an ADMIN_PASSWORD that is %s, with a clear message, and creates nobody", async (_label, password, reason) => {
    const error = await seedWith(password);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`ADMIN_PASSWORD is refused: ${reason}`);
    expect((error as Error).message).not.toContain(password === email.toUpperCase() ? "@" : password);
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
  });

  it("creates the admin with a password that passes the policy", async () => {
    expect(await seedWith("a long passphrase about gamelan")).toBeNull();
    const admin = await db.user.findUniqueOrThrow({ where: { email }, select: { role: true, passwordHash: true } });
    expect(admin.role).toBe("ADMIN");
    expect(await verifyPassword(admin.passwordHash, "a long passphrase about gamelan")).toBe(true);
  });
});
