import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMAIL_MAX_LENGTH } from "@/lib/auth/email";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { SOCKET_IP_HEADER } from "@/lib/http/client-ip";
import { closeRedis, getRedis, key, resetRedisForTests } from "@/lib/redis";
import { caught } from "../support/server-actions";
import { withUnreachableRedis } from "../support/unreachable-redis";
import { asymmetric } from "../support/asymmetric";

/**
 * signInWithPassword (what next-auth's credentials `authorize` runs) against the
 * test database and Redis: the email length rule before any lookup, the three
 * sign-in limits, and failing closed when Redis is unreachable.
 */

const PASSWORD = "frangipani at the temple gate";
const runId = randomUUID().slice(0, 8);
const createdUserIds: string[] = [];
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter % 250}-${runId}`;
const headersFrom = (ip: string) => new Headers({ [SOCKET_IP_HEADER]: ip });

async function createUser() {
  const user = await db.user.create({
    data: {
      email: `signin-${runId}-${randomUUID().slice(0, 8)}@example.test`,
      name: "Made Tester",
      passwordHash: await hashPassword(PASSWORD),
      emailVerifiedAt: new Date(),
    },
    select: { id: true, email: true },
  });
  createdUserIds.push(user.id);
  return user;
}

/** How a sign-in was refused: the AppError's code and message (null when it signed in). */
async function refusal(signIn: Promise<unknown>): Promise<{ code: string; message: string } | null> {
  const error = (await caught(signIn)) as { code: string; message: string } | null;
  return error && { code: error.code, message: error.message };
}

const INVALID = { code: "UNAUTHORIZED", message: "Email or password is incorrect." };

async function rateLimitKeys(): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await getRedis().scan(cursor, { match: key("rl", "*"), count: 1_000 });
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  return keys;
}

beforeAll(async () => {
  resetEnvForTests();
  await resetRedisForTests();
});

afterAll(async () => {
  await db.user.deleteMany({ where: { id: { in: createdUserIds } } });
  await disconnectDb();
  await closeRedis();
});

describe("signing in with an email and a password", () => {
  it("a correct password signs in; a wrong one is 'invalid'", async () => {
    const user = await createUser();
    expect(await signInWithPassword({ email: user.email.toUpperCase(), password: PASSWORD, headers: headersFrom(freshIp()) })).toMatchObject({
      user: { id: user.id },
      sessionId: asymmetric.any(String),
    });
    expect(await refusal(signInWithPassword({ email: user.email, password: "not the password at all", headers: headersFrom(freshIp()) }))).toEqual(INVALID);
  });

  it("an email over 254 characters (here 2 MB) is refused before any lookup: no Redis key is written", async () => {
    const before = await rateLimitKeys();
    for (const email of [`${"a".repeat(EMAIL_MAX_LENGTH - "@example.test".length + 1)}@example.test`, `${"x".repeat(2 * 1024 * 1024)}@example.test`]) {
      expect(email.length).toBeGreaterThan(EMAIL_MAX_LENGTH);
      expect(await refusal(signInWithPassword({ email, password: PASSWORD, headers: headersFrom(freshIp()) }))).toEqual(INVALID);
    }
    expect((await rateLimitKeys()).sort()).toEqual(before.sort());
  });

  it("rotating IPs does not give unlimited guesses: 20 per hour per account (signInEmail), then even the right password is refused", async () => {
    const user = await createUser();
    for (let attempt = 1; attempt <= 20; attempt++) {
      const result = await refusal(signInWithPassword({ email: user.email, password: `wrong guess ${attempt}`, headers: headersFrom(freshIp()) }));
      expect(result, `attempt ${attempt}`).toEqual(INVALID);
    }
    const blocked = await caught(signInWithPassword({ email: user.email, password: PASSWORD, headers: headersFrom(freshIp()) }));
    expect(blocked).toMatchObject({ code: "RATE_LIMITED", message: asymmetric.stringMatching(/^Too many attempts, try again in \d+ minutes?\.$/) });
    expect((blocked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    // Other accounts are not affected.
    const other = await createUser();
    expect(await signInWithPassword({ email: other.email, password: PASSWORD, headers: headersFrom(freshIp()) })).toMatchObject({ user: { id: other.id } });
  });

  it("5 attempts per 15 minutes per email and IP", async () => {
    const user = await createUser();
    const ip = freshIp();
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await refusal(signInWithPassword({ email: user.email, password: `wrong ${attempt}`, headers: headersFrom(ip) }))).toEqual(INVALID);
    }
    expect(await refusal(signInWithPassword({ email: user.email, password: PASSWORD, headers: headersFrom(ip) }))).toMatchObject({ code: "RATE_LIMITED" });
  });
});

describe("signing in while Redis is unreachable", () => {
  it("fails closed BEFORE the password is checked: a right and a wrong password (and an unknown email) get the same answer", async () => {
    const user = await createUser();
    await withUnreachableRedis(async () => {
      const ip = freshIp();
      const right = await refusal(signInWithPassword({ email: user.email, password: PASSWORD, headers: headersFrom(ip) }));
      const wrong = await refusal(signInWithPassword({ email: user.email, password: "not the password at all", headers: headersFrom(ip) }));
      const unknown = await refusal(signInWithPassword({ email: `nobody-${runId}@example.test`, password: PASSWORD, headers: headersFrom(ip) }));
      expect(right).toEqual({ code: "SERVICE_UNAVAILABLE", message: "Signing in is temporarily unavailable. Please try again in a minute." });
      expect(wrong).toEqual(right);
      expect(unknown).toEqual(right);
    });
    // Redis is back: signing in works again.
    expect(await signInWithPassword({ email: user.email, password: PASSWORD, headers: headersFrom(freshIp()) })).toMatchObject({ user: { id: user.id } });
  });
});
