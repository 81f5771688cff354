import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkPasswordPolicy } from "@/lib/auth/password-policy";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { db, disconnectDb } from "@/lib/db";
import { DEMO_ADMIN_EMAIL, DEMO_CREATOR_EMAIL, newDemoLogins } from "@/lib/demo/demo-accounts";
import { setDemoOrganiserPassword } from "@/lib/demo/demo-logins";
import { resetEnvForTests } from "@/lib/env";
import { closeRedis } from "@/lib/redis";
import { seed } from "../../prisma/seed";

/** npm run demo: an admin (the seed's first admin) and the demo organiser can sign in with the passwords it prints. */

const runId = randomUUID().slice(0, 8);
const adminEmail = `demo-admin-${runId}@example.test`;
const creatorEmail = `demo-creator-${runId}@example.test`;
const headers = () => new Headers({ "x-zenbali-client-ip": `198.51.100.${Math.floor(Math.random() * 200) + 1}` });

beforeAll(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});

afterAll(async () => {
  vi.restoreAllMocks();
  delete process.env.ADMIN_EMAIL;
  delete process.env.ADMIN_PASSWORD;
  delete process.env.SEED_DEMO;
  resetEnvForTests();
  await db.user.deleteMany({ where: { email: { in: [adminEmail, creatorEmail] } } });
  await disconnectDb();
  await closeRedis();
});

describe("the demo's logins", () => {
  it("are fresh on every new demo folder and pass the password policy", () => {
    const [first, second] = [newDemoLogins(), newDemoLogins()];
    expect(first.admin.email).toBe(DEMO_ADMIN_EMAIL);
    expect(first.creator.email).toBe(DEMO_CREATOR_EMAIL);
    expect(first.admin.password).not.toBe(second.admin.password);
    expect(first.admin.password).not.toBe(first.creator.password);
    for (const { email, password } of [first.admin, first.creator]) expect(checkPasswordPolicy({ email, password })).toBeNull();
  });

  it("let the admin and the seeded organiser sign in, each with their role", async () => {
    const { admin, creator } = newDemoLogins();
    const logins = { admin: { ...admin, email: adminEmail }, creator: { ...creator, email: creatorEmail } };
    // As npm run demo does: the seed makes the admin from ADMIN_EMAIL / ADMIN_PASSWORD, then the organiser gets its password.
    Object.assign(process.env, { ADMIN_EMAIL: logins.admin.email, ADMIN_PASSWORD: logins.admin.password, SEED_DEMO: "0" });
    resetEnvForTests();
    await seed();
    await db.user.create({ data: { email: creatorEmail, name: "Wayan Demo", passwordHash: "not-a-real-hash", emailVerifiedAt: new Date() } });
    await setDemoOrganiserPassword(logins.creator);
    const asAdmin = await signInWithPassword({ ...logins.admin, headers: headers() });
    const asCreator = await signInWithPassword({ ...logins.creator, headers: headers() });
    expect(asAdmin.user.role).toBe("ADMIN");
    expect(asCreator.user.role).toBe("CREATOR");
    await expect(signInWithPassword({ email: adminEmail, password: logins.creator.password, headers: headers() })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
