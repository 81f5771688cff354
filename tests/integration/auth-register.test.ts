import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { register } from "@/app/register/actions";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { registerCreator } from "@/lib/auth/register-creator";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { closeRedis } from "@/lib/redis";
import { caught, digestOf, form, redirectOf } from "../support/server-actions";
import { withUnreachableRedis } from "../support/unreachable-redis";
import { asymmetric } from "../support/asymmetric";

// The server action reads the client IP from next/headers and defers mail with next/server's after():
// outside a request, give it an IP and run deferred work at once.
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers({ "x-zenbali-client-ip": `203.0.113.${Math.floor(Math.random() * 250)}` })) }));
vi.mock("next/server", () => ({ after: (task: () => Promise<void>) => void task() }));

/**
 * /register never tells whether an address has an account: an address that
 * already has one gets exactly the answer a new one gets, nothing changes on
 * the account, and its owner is mailed instead (issue 9, item 12).
 */

const PASSWORD = "frangipani at the temple gate";
const OTHER_PASSWORD = "waves over the reef at dawn";
const runId = randomUUID().slice(0, 8);
let mailDir: string;
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;
const newEmail = () => `reg-${runId}-${randomUUID().slice(0, 8)}@example.test`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function mailsTo(address: string): Promise<string[]> {
  const files = (await readdir(mailDir).catch(() => [] as string[])).filter((file) => file.includes(address)).sort();
  return Promise.all(files.map((file) => readFile(path.join(mailDir, file), "utf8")));
}

async function waitForMails(address: string, count: number): Promise<string[]> {
  for (let i = 0; i < 50; i++) {
    const mails = await mailsTo(address);
    if (mails.length >= count) return mails;
    await sleep(50);
  }
  return mailsTo(address);
}

async function existingUser(overrides: { isActive?: boolean } = {}) {
  return db.user.create({
    data: {
      email: newEmail(),
      name: "Nyoman Owner",
      passwordHash: await hashPassword(PASSWORD),
      isActive: overrides.isActive ?? true,
      emailVerifiedAt: new Date(),
    },
    select: { id: true, email: true, passwordHash: true },
  });
}

const formFor = (email: string, password = OTHER_PASSWORD) =>
  form({ name: "Someone Else", organisation: "", email, phone: "", password, confirmPassword: password, website: "" });

beforeAll(async () => {
  mailDir = await mkdtemp(path.join(tmpdir(), "zenbali-register-mail-"));
  process.env.MAIL_DIR = mailDir;
  delete process.env.SMTP_URL;
  resetEnvForTests();
  vi.spyOn(console, "log").mockImplementation(() => {});
});

afterAll(async () => {
  vi.restoreAllMocks();
  await db.user.deleteMany({ where: { email: { startsWith: `reg-${runId}-` } } });
  await rm(mailDir, { recursive: true, force: true });
  await disconnectDb();
  await closeRedis();
});

describe("registering", () => {
  it("a new address: the account is created and gets a verification mail", async () => {
    const email = newEmail();
    await registerCreator({ input: { name: "Made New", email, password: PASSWORD, confirmPassword: PASSWORD }, ip: freshIp() });
    expect(await db.user.findUnique({ where: { email } })).toMatchObject({ role: "CREATOR", name: "Made New" });
    const [mail] = await mailsTo(email);
    expect(mail).toContain("/verify-email?token=");
  });

  it("the form answers exactly the same for a new address and one that has an account (any case), and changes nothing on the account", async () => {
    const owner = await existingUser();
    const answerForNew = await caught(register({}, formFor(newEmail())));
    const answerForExisting = await caught(register({}, formFor(owner.email.toUpperCase())));
    expect(digestOf(answerForExisting)).toBe(digestOf(answerForNew));
    expect(redirectOf(answerForExisting).pathname + redirectOf(answerForExisting).search).toBe("/login?registered=1");

    expect(await db.user.count({ where: { email: owner.email } })).toBe(1);
    const after = await db.user.findUniqueOrThrow({ where: { id: owner.id }, select: { passwordHash: true, name: true } });
    expect(after).toEqual({ passwordHash: owner.passwordHash, name: "Nyoman Owner" });
    expect(await verifyPassword(after.passwordHash, PASSWORD)).toBe(true);
  });

  it("the owner of the address is mailed instead: someone tried to register, with links to sign in and to reset the password", async () => {
    const owner = await existingUser();
    await registerCreator({ input: { name: "Someone Else", email: owner.email, password: OTHER_PASSWORD, confirmPassword: OTHER_PASSWORD }, ip: freshIp() });
    const mails = await waitForMails(owner.email, 1);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatch(/Someone tried to (create a Zen Bali account|register)/);
    expect(mails[0]).toContain("http://localhost:3000/login");
    expect(mails[0]).toContain("http://localhost:3000/forgot-password");
    expect(mails[0]).not.toContain("/verify-email");
  });

  it("a deactivated account's address: the same answer, and no mail", async () => {
    const owner = await existingUser({ isActive: false });
    await expect(
      registerCreator({ input: { name: "Someone Else", email: owner.email, password: OTHER_PASSWORD, confirmPassword: OTHER_PASSWORD }, ip: freshIp() }),
    ).resolves.toBeUndefined();
    expect(await mailsTo(owner.email)).toHaveLength(0);
  });

  it("cannot flood an inbox: at most 3 such mails per hour per address, then silently none", async () => {
    const owner = await existingUser();
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(
        registerCreator({ input: { name: "Spammer", email: owner.email, password: OTHER_PASSWORD, confirmPassword: OTHER_PASSWORD }, ip: freshIp() }),
      ).resolves.toBeUndefined();
    }
    expect(await mailsTo(owner.email)).toHaveLength(3);
  });

  it("bad input still gets field messages (they do not depend on the address having an account)", async () => {
    const owner = await existingUser();
    for (const email of [owner.email, newEmail()]) {
      const error = await caught(registerCreator({ input: { name: "X", email, password: "password123", confirmPassword: "different" }, ip: freshIp() }));
      expect(error).toMatchObject({
        code: "INVALID_INPUT",
        fields: { name: asymmetric.any(String), password: "This password is too common. Choose another one.", confirmPassword: "The passwords do not match." },
      });
    }
  });

  it("the form refuses an email over 254 characters with the field message and does not echo it back", async () => {
    const huge = `${"z".repeat(2 * 1024 * 1024)}@example.test`;
    const state = await register({}, formFor(huge));
    expect(state.fields?.email).toBe("Use at most 254 characters.");
    expect(state.values?.email).toBe("");
    expect(state.values?.name).toBe("Someone Else");
  });

  it("with Redis unreachable: 'temporarily unavailable' (the limit fails closed), nothing created", async () => {
    const email = newEmail();
    await withUnreachableRedis(async () => {
      const error = await caught(registerCreator({ input: { name: "Made Later", email, password: PASSWORD, confirmPassword: PASSWORD }, ip: freshIp() }));
      expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: "Registration is temporarily unavailable. Please try again in a minute." });
    });
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
  });
});
