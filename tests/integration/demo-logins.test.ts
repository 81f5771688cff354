import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { checkPasswordPolicy } from "@/lib/auth/password-policy";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { db, disconnectDb } from "@/lib/db";
import { DEMO_ADMIN_EMAIL, DEMO_CREATOR_EMAIL, newDemoLogins } from "@/lib/demo/demo-accounts";
import { applyDemoLogins } from "@/lib/demo/demo-logins";
import { closeRedis } from "@/lib/redis";

/** npm run demo: an admin and the demo organiser can sign in with the passwords it prints. */

const runId = randomUUID().slice(0, 8);
const adminEmail = `demo-admin-${runId}@example.test`;
const creatorEmail = `demo-creator-${runId}@example.test`;
const headers = () => new Headers({ "x-zenbali-client-ip": `198.51.100.${Math.floor(Math.random() * 200) + 1}` });

afterAll(async () => {
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
    await db.user.create({ data: { email: creatorEmail, name: "Wayan Demo", passwordHash: "not-a-real-hash", emailVerifiedAt: new Date() } });
    const { admin, creator } = newDemoLogins();
    const logins = { admin: { ...admin, email: adminEmail }, creator: { ...creator, email: creatorEmail } };
    await applyDemoLogins(logins);
    const asAdmin = await signInWithPassword({ ...logins.admin, headers: headers() });
    const asCreator = await signInWithPassword({ ...logins.creator, headers: headers() });
    expect(asAdmin.ok && asAdmin.user.role).toBe("ADMIN");
    expect(asCreator.ok && asCreator.user.role).toBe("CREATOR");
    expect((await signInWithPassword({ email: adminEmail, password: logins.creator.password, headers: headers() })).ok).toBe(false);
  });
});
