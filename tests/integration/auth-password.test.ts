import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { changePassword, WRONG_CURRENT_PASSWORD_MESSAGE } from "@/lib/auth/change-password";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { PASSWORD_RESET_REQUESTED_MESSAGE, requestPasswordReset } from "@/lib/auth/request-password-reset";
import { checkResetToken, resetPassword } from "@/lib/auth/reset-password";
import { createSession, getSession } from "@/lib/auth/sessions";
import { peekToken } from "@/lib/auth/tokens";
import { updateProfile } from "@/lib/auth/update-profile";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { closeRedis } from "@/lib/redis";
import { caught } from "../support/server-actions";
import { withUnreachableRedis } from "../support/unreachable-redis";

/**
 * Forgotten password (request + reset link), change password, and profile,
 * against the test database and Redis (the app singletons), with mail written
 * as .eml files to a temporary MAIL_DIR.
 */

const OLD_PASSWORD = "frangipani at the temple gate";
const NEW_PASSWORD = "rice terraces after the rain";
const runId = randomUUID().slice(0, 8);
let mailDir: string;
const createdUserIds: string[] = [];
let ipCounter = 0;
/** A fresh IP per test, so that the per-IP limit (10 per hour) only trips where a test wants it to. */
const freshIp = () => `198.51.100.${++ipCounter}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function createUser(overrides: { isActive?: boolean; emailVerifiedAt?: Date | null } = {}) {
  const user = await db.user.create({
    data: {
      email: `pw-${runId}-${randomUUID().slice(0, 8)}@example.test`,
      name: "Wayan Tester",
      organisation: "Tester Studio",
      passwordHash: await hashPassword(OLD_PASSWORD),
      isActive: overrides.isActive ?? true,
      emailVerifiedAt: overrides.emailVerifiedAt === undefined ? new Date() : overrides.emailVerifiedAt,
    },
    select: { id: true, email: true, name: true },
  });
  createdUserIds.push(user.id);
  return user;
}

async function mailsTo(address: string): Promise<string[]> {
  const files = (await readdir(mailDir).catch(() => [] as string[])).filter((file) => file.includes(address)).sort();
  return Promise.all(files.map((file) => readFile(path.join(mailDir, file), "utf8")));
}

function resetTokenIn(mail: string): string {
  const match = /https?:\/\/\S+\/reset-password\?token=(\S+)/.exec(mail);
  if (!match) throw new Error("no /reset-password?token= link in the mail");
  return decodeURIComponent(match[1]!);
}

/** Requests a reset and returns the token from the mail it wrote (or null when no new mail came). */
async function requestAndReadToken(email: string, ip = freshIp()): Promise<string | null> {
  const before = (await mailsTo(email)).length;
  await requestPasswordReset({ email, ip });
  const mails = await mailsTo(email);
  if (mails.length === before) return null;
  return resetTokenIn(mails.at(-1)!);
}

async function passwordHashOf(userId: string): Promise<string> {
  return (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })).passwordHash;
}

beforeAll(async () => {
  mailDir = await mkdtemp(path.join(tmpdir(), "zenbali-password-mail-"));
  process.env.MAIL_DIR = mailDir;
  delete process.env.SMTP_URL;
  resetEnvForTests();
  vi.spyOn(console, "log").mockImplementation(() => {}); // sendMail logs every mail it writes
});

afterAll(async () => {
  vi.restoreAllMocks();
  await db.user.deleteMany({ where: { id: { in: createdUserIds } } });
  await rm(mailDir, { recursive: true, force: true });
  await disconnectDb();
  await closeRedis();
});

describe("asking for a reset link", () => {
  it("answers the same for an existing and an unknown email; only the account gets a mail with a link", async () => {
    const user = await createUser();
    const unknown = `nobody-${runId}@example.test`;

    const forAccount = await requestPasswordReset({ email: user.email.toUpperCase(), ip: freshIp() }).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const forNobody = await requestPasswordReset({ email: unknown, ip: freshIp() }).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    expect(forAccount).toEqual(forNobody);
    expect(forAccount).toEqual({ value: undefined });
    expect(PASSWORD_RESET_REQUESTED_MESSAGE).toMatch(/^If an account exists, we sent a link/);

    const mails = await mailsTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain(`To: ${user.email}`);
    expect(mails[0]).toContain("Subject: Reset your Zen Bali password");
    expect(mails[0]).toMatch(/http:\/\/localhost:3000\/reset-password\?token=[A-Za-z0-9_-]{43}/);
    expect(await mailsTo(unknown)).toHaveLength(0);

    const token = resetTokenIn(mails[0]!);
    expect(await peekToken({ purpose: "reset-password", token })).toBe(user.id);
    expect(await checkResetToken(token)).toBe(true);
  });

  it("sends nothing to a deactivated account, and says the same", async () => {
    const user = await createUser({ isActive: false });
    await expect(requestPasswordReset({ email: user.email, ip: freshIp() })).resolves.toBeUndefined();
    expect(await mailsTo(user.email)).toHaveLength(0);
  });

  it("refuses something that is not an email with a field message", async () => {
    const error = await caught(requestPasswordReset({ email: "not-an-email", ip: freshIp() }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "INVALID_INPUT", fields: { email: "Enter a valid email address." } });
  });

  it("a new link replaces the previous one", async () => {
    const user = await createUser();
    const first = await requestAndReadToken(user.email);
    await sleep(5); // distinct mail file names
    const second = await requestAndReadToken(user.email);
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(await checkResetToken(first)).toBe(false);
    expect(await checkResetToken(second)).toBe(true);
  });

  it("per email: the 4th request within the hour sends nothing (silently), whether or not the account exists", async () => {
    const user = await createUser();
    const tokens: Array<string | null> = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      tokens.push(await requestAndReadToken(user.email));
      await sleep(5);
    }
    expect(tokens.every((token) => token !== null)).toBe(true);
    expect(await mailsTo(user.email)).toHaveLength(3);

    // Another IP: it is the per-email limit that trips, and the answer is still the neutral one.
    await expect(requestPasswordReset({ email: user.email, ip: freshIp() })).resolves.toBeUndefined();
    expect(await mailsTo(user.email)).toHaveLength(3);
    // No new token was issued, so the newest link in the inbox still works.
    expect(await checkResetToken(tokens[2])).toBe(true);

    const unknown = `nobody-limit-${runId}@example.test`;
    for (let attempt = 0; attempt < 4; attempt++) await expect(requestPasswordReset({ email: unknown, ip: freshIp() })).resolves.toBeUndefined();
  });

  it("per IP: the 11th request within the hour is refused with a retry time", async () => {
    const ip = freshIp();
    for (let attempt = 0; attempt < 10; attempt++) await requestPasswordReset({ email: `ip-${attempt}-${runId}@example.test`, ip });
    const error = await caught(requestPasswordReset({ email: `ip-last-${runId}@example.test`, ip }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "RATE_LIMITED" });
    expect((error as AppError).retryAfterSeconds).toBeGreaterThan(0);
    expect((error as AppError).message).toMatch(/^Too many attempts, try again in \d+ minutes?\.$/);
  });

  it("with `defer`, the token and the mail wait for the deferred task (pages run it after the response)", async () => {
    const user = await createUser();
    const tasks: Array<() => Promise<void>> = [];
    await requestPasswordReset({ email: user.email, ip: freshIp(), defer: (task) => tasks.push(task) });
    expect(tasks).toHaveLength(1);
    expect(await mailsTo(user.email)).toHaveLength(0);
    await tasks[0]!();
    expect(await mailsTo(user.email)).toHaveLength(1);
  });
});

describe("resetting the password with the link", () => {
  it("refuses a weak or unconfirmed password without using up the link, then works exactly once and ends every session", async () => {
    const user = await createUser({ emailVerifiedAt: null });
    const sessions = [await createSession({ userId: user.id, role: "CREATOR" }), await createSession({ userId: user.id, role: "CREATOR" })];
    for (const { sessionId } of sessions) expect(await getSession(sessionId)).not.toBeNull();
    const token = (await requestAndReadToken(user.email))!;
    expect(token).toBeTruthy();
    const hashBefore = await passwordHashOf(user.id);

    expect(await caught(resetPassword({ token, password: "short", confirmPassword: "short" }))).toMatchObject({
      code: "INVALID_INPUT",
      message: "Please correct the highlighted fields.",
      fields: { password: "Use at least 8 characters." },
    });
    expect(await caught(resetPassword({ token, password: "password123", confirmPassword: "password123" }))).toMatchObject({
      code: "INVALID_INPUT",
      fields: { password: "This password is too common. Choose another one." },
    });
    expect(await caught(resetPassword({ token, password: user.email, confirmPassword: user.email }))).toMatchObject({
      code: "INVALID_INPUT",
      fields: { password: "Your password must not be your email address." },
    });
    expect(((await caught(resetPassword({ token, password: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` }))) as AppError).fields).toEqual({
      confirmPassword: "The passwords do not match.",
    });
    expect(await checkResetToken(token)).toBe(true);
    expect(await passwordHashOf(user.id)).toBe(hashBefore);
    for (const { sessionId } of sessions) expect(await getSession(sessionId)).not.toBeNull();

    expect(await resetPassword({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toEqual({ userId: user.id });
    const hashAfter = await passwordHashOf(user.id);
    expect(await verifyPassword(hashAfter, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(hashAfter, OLD_PASSWORD)).toBe(false);
    for (const { sessionId } of sessions) expect(await getSession(sessionId)).toBeNull();
    // The link came to this mailbox: the address is now verified.
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { emailVerifiedAt: true } })).emailVerifiedAt).toBeInstanceOf(Date);

    // Single use.
    expect(await checkResetToken(token)).toBe(false);
    expect(await caught(resetPassword({ token, password: "another long passphrase", confirmPassword: "another long passphrase" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await verifyPassword(await passwordHashOf(user.id), NEW_PASSWORD)).toBe(true);
  });

  it("two concurrent submissions of the same link: exactly one succeeds", async () => {
    const user = await createUser();
    const token = (await requestAndReadToken(user.email))!;
    const results = await Promise.allSettled([
      resetPassword({ token, password: "first concurrent passphrase", confirmPassword: "first concurrent passphrase" }),
      resetPassword({ token, password: "second concurrent passphrase", confirmPassword: "second concurrent passphrase" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((result) => result.status === "rejected" && result.reason instanceof AppError && result.reason.code === "NOT_FOUND")).toHaveLength(1);
  });

  it("unknown, malformed and missing tokens are expired links", async () => {
    for (const token of ["", "short", "A".repeat(43), "x".repeat(500)]) {
      expect(await checkResetToken(token)).toBe(false);
      expect(await caught(resetPassword({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("a link of an account deactivated since does not work", async () => {
    const user = await createUser();
    const token = (await requestAndReadToken(user.email))!;
    await db.user.update({ where: { id: user.id }, data: { isActive: false } });
    expect(await checkResetToken(token)).toBe(false);
    expect(await caught(resetPassword({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await verifyPassword(await passwordHashOf(user.id), OLD_PASSWORD)).toBe(true);
  });
});

describe("changing the password from the profile", () => {
  it("refuses a wrong current password and changes nothing", async () => {
    const user = await createUser();
    const { sessionId: current } = await createSession({ userId: user.id, role: "CREATOR" });
    const { sessionId: other } = await createSession({ userId: user.id, role: "CREATOR" });
    const error = await caught(
      changePassword({
        userId: user.id,
        currentPassword: "not my password at all",
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
        exceptSessionId: current,
        ip: freshIp(),
      }),
    );
    expect(error).toMatchObject({
      code: "INVALID_INPUT",
      message: "Please correct the highlighted fields.",
      fields: { currentPassword: WRONG_CURRENT_PASSWORD_MESSAGE },
    });
    expect(await verifyPassword(await passwordHashOf(user.id), OLD_PASSWORD)).toBe(true);
    expect(await getSession(current)).not.toBeNull();
    expect(await getSession(other)).not.toBeNull();
  });

  it("applies the password policy and the confirmation", async () => {
    const user = await createUser();
    const error = await caught(
      changePassword({ userId: user.id, currentPassword: OLD_PASSWORD, newPassword: "qwerty123", confirmPassword: "something else", ip: freshIp() }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "INVALID_INPUT" });
    expect((error as AppError).fields).toEqual({
      newPassword: "This password is too common. Choose another one.",
      confirmPassword: "The passwords do not match.",
    });
    expect(await verifyPassword(await passwordHashOf(user.id), OLD_PASSWORD)).toBe(true);
  });

  it("on success: new hash, this session kept, every other session ended, outstanding reset link revoked", async () => {
    const user = await createUser();
    const { sessionId: current } = await createSession({ userId: user.id, role: "CREATOR" });
    const others = [await createSession({ userId: user.id, role: "CREATOR" }), await createSession({ userId: user.id, role: "CREATOR" })];
    const resetToken = (await requestAndReadToken(user.email))!;

    const result = await changePassword({
      userId: user.id,
      currentPassword: OLD_PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
      exceptSessionId: current,
      ip: freshIp(),
    });
    expect(result).toEqual({ sessionsEnded: 2 });
    const hash = await passwordHashOf(user.id);
    expect(await verifyPassword(hash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(hash, OLD_PASSWORD)).toBe(false);
    expect(await getSession(current)).toMatchObject({ userId: user.id });
    for (const { sessionId } of others) expect(await getSession(sessionId)).toBeNull();
    expect(await checkResetToken(resetToken)).toBe(false);
  });

  it("without the current session id, every session ends", async () => {
    const user = await createUser();
    const sessions = [await createSession({ userId: user.id, role: "CREATOR" }), await createSession({ userId: user.id, role: "CREATOR" })];
    expect(
      await changePassword({ userId: user.id, currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ip: freshIp() }),
    ).toEqual({ sessionsEnded: 2 });
    for (const { sessionId } of sessions) expect(await getSession(sessionId)).toBeNull();
  });

  it("wrong current passwords count against the sign-in limit (5 per 15 minutes per email and IP)", async () => {
    const user = await createUser();
    const ip = freshIp();
    for (let attempt = 0; attempt < 5; attempt++) {
      const error = await caught(
        changePassword({ userId: user.id, currentPassword: `wrong guess ${attempt}`, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ip }),
      );
      expect(error).toMatchObject({ code: "INVALID_INPUT", fields: { currentPassword: WRONG_CURRENT_PASSWORD_MESSAGE } });
    }
    const blocked = await caught(
      changePassword({ userId: user.id, currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ip }),
    );
    expect(blocked).toMatchObject({ code: "RATE_LIMITED", fields: undefined });
    expect((blocked as AppError).message).toMatch(/^Too many attempts, try again in \d+ minutes?\.$/);
    expect(await verifyPassword(await passwordHashOf(user.id), OLD_PASSWORD)).toBe(true);
  });
});

describe("while Redis is unreachable (the limits fail closed)", () => {
  it("a reset request says 'temporarily unavailable', the same for an account and an unknown email, and sends nothing", async () => {
    const user = await createUser();
    await withUnreachableRedis(async () => {
      for (const email of [user.email, `nobody-outage-${runId}@example.test`]) {
        const error = await caught(requestPasswordReset({ email, ip: freshIp() }));
        expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: "Resetting passwords is temporarily unavailable. Please try again in a minute." });
      }
    });
    expect(await mailsTo(user.email)).toHaveLength(0);
  });

  it("changing the password: the same 'unavailable' for a right and a wrong current password, and nothing changes", async () => {
    const user = await createUser();
    await withUnreachableRedis(async () => {
      const right = await caught(
        changePassword({ userId: user.id, currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ip: freshIp() }),
      );
      const wrong = await caught(
        changePassword({ userId: user.id, currentPassword: "a wrong guess here", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ip: freshIp() }),
      );
      expect(right).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
      expect(wrong).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: (right as AppError).message });
    });
    expect(await verifyPassword(await passwordHashOf(user.id), OLD_PASSWORD)).toBe(true);
  });
});

describe("editing the profile", () => {
  it("validates each field and changes nothing on error", async () => {
    const user = await createUser();
    const error = await caught(updateProfile({ userId: user.id, input: { name: " ", organisation: "x".repeat(161), phone: "call me" } }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "INVALID_INPUT",
      fields: {
        name: "Enter your full name.",
        organisation: "Use at most 160 characters.",
        phone: "Enter a phone number with 8 to 20 digits, spaces, +, ( ) or -.",
      },
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, organisation: true, phone: true } })).toEqual({
      name: "Wayan Tester",
      organisation: "Tester Studio",
      phone: null,
    });
  });

  it("saves name, organisation and phone (empty optional fields become empty), never the email", async () => {
    const user = await createUser();
    const saved = await updateProfile({
      userId: user.id,
      input: { name: "  Wayan Renamed ", organisation: "", phone: "+62 812 3456 7890", email: "other@example.test" } as never,
    });
    expect(saved).toEqual({ name: "Wayan Renamed", organisation: null, phone: "+62 812 3456 7890", language: "en" });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, organisation: true, phone: true, email: true } })).toEqual({
      name: "Wayan Renamed",
      organisation: null,
      phone: "+62 812 3456 7890",
      email: user.email,
    });
  });
});
