import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCreatorAsAdmin } from "@/lib/admin/create-creator";
import { editCreatorAsAdmin } from "@/lib/admin/edit-creator";
import { parseAdminPaymentFilters } from "@/lib/admin/list-admin-payments";
import { parseAuditLogQuery } from "@/lib/admin/list-audit-log";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { EMAIL_MAX_LENGTH } from "@/lib/auth/email";
import { registerCreator } from "@/lib/auth/register-creator";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { db, disconnectDb } from "@/lib/db";
import { editEvent } from "@/lib/events/edit-event";
import { eventFormSchema, eventToFormValues } from "@/lib/events/event-form-schema";
import { getOwnedEvent } from "@/lib/events/get-owned-event";
import { SOCKET_IP_HEADER } from "@/lib/http/client-ip";
import { closeRedis, getRedis, key } from "@/lib/redis";
import { caught } from "../support/server-actions";
import { createCreator, createEvent } from "../support/fixtures";
import { asymmetric } from "../support/asymmetric";

/**
 * Every email field is at most 254 characters, checked before any database or
 * Redis lookup (issue 9, item 1): an over-long email is a field error or a
 * 4xx, never a 500, and writes nothing to Redis.
 */

const runId = randomUUID().slice(0, 8);
const TOO_LONG = `${"a".repeat(EMAIL_MAX_LENGTH - "@example.test".length + 1)}@example.test`;
const HUGE = `${"b".repeat(2 * 1024 * 1024)}@example.test`;
const LONGEST_OK = `${"c".repeat(EMAIL_MAX_LENGTH - "@example.test".length)}@example.test`;
const TOO_LONG_MESSAGE = `Use at most ${EMAIL_MAX_LENGTH} characters.`;
const PASSWORD = "moonlight over the rice fields";
let admin: { id: string; email: string };
const userIds: string[] = [];

async function redisKeys(): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await getRedis().scan(cursor, { match: key("*"), count: 1_000 });
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  return keys.sort();
}

beforeAll(async () => {
  const adminUser = await db.user.create({ data: { email: `admin-email-length-${runId}@example.test`, name: "Admin", role: "ADMIN", passwordHash: "x" } });
  admin = { id: adminUser.id, email: adminUser.email };
  userIds.push(admin.id);
});

afterAll(async () => {
  await db.event.deleteMany({ where: { creatorId: { in: userIds } } });
  await db.auditLog.deleteMany({ where: { actorId: admin.id } }).catch(() => {});
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await db.user.deleteMany({ where: { email: { startsWith: "c".repeat(40) } } });
  await disconnectDb();
  await closeRedis();
});

describe("an email over 254 characters", () => {
  it.each([
    ["255 characters", TOO_LONG],
    ["2 MB", HUGE],
  ])("(%s) is refused by every public form before any lookup, and leaves no trace in Redis", async (_label, email) => {
    const before = await redisKeys();

    const registration = await caught(
      registerCreator({ input: { name: "Long Email", email, password: PASSWORD, confirmPassword: PASSWORD }, ip: "198.51.100.20" }),
    );
    expect(registration).toMatchObject({ code: "INVALID_INPUT", status: 422, fields: { email: TOO_LONG_MESSAGE } });

    const reset = await caught(requestPasswordReset({ email, ip: "198.51.100.21" }));
    expect(reset).toMatchObject({ code: "INVALID_INPUT", fields: { email: TOO_LONG_MESSAGE } });

    const signIn = await caught(signInWithPassword({ email, password: PASSWORD, headers: new Headers({ [SOCKET_IP_HEADER]: "198.51.100.22" }) }));
    expect(signIn).toMatchObject({ code: "UNAUTHORIZED", message: "Email or password is incorrect." });

    expect(await redisKeys()).toEqual(before);
  });

  it("is refused in the admin's creator forms (create and edit) with the field message", async () => {
    for (const email of [TOO_LONG, HUGE]) {
      expect(await caught(createCreatorAsAdmin({ actor: admin, input: { name: "Long Email", email, password: PASSWORD } }))).toMatchObject({
        code: "INVALID_INPUT",
        fields: { email: TOO_LONG_MESSAGE },
      });
    }
    const creator = await createCreator();
    userIds.push(creator.id);
    expect(await caught(editCreatorAsAdmin({ actor: admin, creatorId: creator.id, input: { name: "Renamed", email: TOO_LONG } }))).toMatchObject({
      code: "INVALID_INPUT",
      fields: { email: TOO_LONG_MESSAGE },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: creator.id } })).email).toBe(creator.email);
  });

  it("is refused when an admin reassigns an event by email, and the event is unchanged", async () => {
    const owner = await createCreator();
    userIds.push(owner.id);
    const event = await createEvent({ creatorId: owner.id, title: "Long Email Gathering", startsAt: new Date(Date.now() + 3 * 86_400_000) });
    const values = eventToFormValues(await getOwnedEvent({ actor: { id: admin.id, role: "ADMIN" }, eventId: event.id }));
    for (const creatorEmail of [TOO_LONG, HUGE]) {
      expect(
        await caught(editEvent({ actor: { id: admin.id, role: "ADMIN" }, eventId: event.id, input: values, asAdmin: { email: admin.email, creatorEmail } })),
      ).toMatchObject({ code: "INVALID_INPUT", fields: { creatorEmail: TOO_LONG_MESSAGE } });
    }
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).creatorId).toBe(owner.id);
  });

  it("is refused as an API key's owner", async () => {
    for (const creator of [TOO_LONG, HUGE]) {
      expect(await caught(createApiKey({ actor: admin, input: { name: "Long owner", creator, scope: "events:write" } }))).toMatchObject({
        code: "INVALID_INPUT",
        fields: { creator: asymmetric.any(String) },
      });
    }
  });

  it("is refused as an event's contact email", () => {
    const result = eventFormSchema().safeParse({ contactEmail: TOO_LONG });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((issue) => issue.path[0] === "contactEmail")?.message).toBe(TOO_LONG_MESSAGE);
  });

  it("is refused (or capped) in the admin filters that take an email", () => {
    expect(parseAuditLogQuery({ actor: TOO_LONG }).errors).toEqual([`Actor must be at most ${EMAIL_MAX_LENGTH} characters.`]);
    expect(parseAuditLogQuery({ actor: TOO_LONG }).query.actor).toBeUndefined();
    expect(parseAdminPaymentFilters({ creator: TOO_LONG }).ok).toBe(false);
  });

  it("254 characters is still accepted", async () => {
    const created = await createCreatorAsAdmin({ actor: admin, input: { name: "Longest Email", email: LONGEST_OK, password: PASSWORD } });
    userIds.push(created.id);
    expect(created.email).toBe(LONGEST_OK);
  });
});
