import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endAllSessions, sendPasswordResetAsAdmin } from "@/lib/admin/account-support";
import { createCreatorAsAdmin } from "@/lib/admin/create-creator";
import { editCreatorAsAdmin } from "@/lib/admin/edit-creator";
import { createSession, getSession } from "@/lib/auth/sessions";
import { verifyPassword } from "@/lib/auth/password";
import { db, disconnectDb } from "@/lib/db";
import { editEvent } from "@/lib/events/edit-event";
import { eventToFormValues } from "@/lib/events/event-form-schema";
import { getOwnedEvent } from "@/lib/events/get-owned-event";
import { closeRedis } from "@/lib/redis";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";
import { asymmetric } from "../support/asymmetric";

let mailDir: string;
let admin: { id: string; email: string };

async function mailsTo(address: string): Promise<string[]> {
  const files = (await readdir(mailDir).catch(() => [] as string[])).filter((file) => file.includes(address)).sort();
  return Promise.all(files.map((file) => readFile(path.join(mailDir, file), "utf8")));
}

/** The form offers start times in 15-minute steps. */
const daysAhead = (days: number) => new Date(Math.ceil((Date.now() + days * 86_400_000) / 900_000) * 900_000);

const auditRows = (targetId: string, action?: string) => db.auditLog.count({ where: { targetId, ...(action ? { action } : {}) } });

beforeAll(async () => {
  mailDir = await mkdtemp(path.join(tmpdir(), "zenbali-admin-accounts-mail-"));
  process.env.MAIL_DIR = mailDir;
  await clearEvents();
  const adminUser = await db.user.create({ data: { email: `admin-accounts-${Date.now()}@example.test`, name: "Admin", role: "ADMIN", passwordHash: "x" } });
  admin = { id: adminUser.id, email: adminUser.email };
});

afterAll(async () => {
  await clearEvents();
  await rm(mailDir, { recursive: true, force: true });
  await disconnectDb();
  await closeRedis();
});

describe("admin: creating and editing creators", () => {
  it("creates a creator with a password, one audit row, and the password works", async () => {
    const email = `made-${Date.now()}@example.test`;
    const created = await createCreatorAsAdmin({
      actor: admin,
      input: { name: "Made Wirawan", email: email.toUpperCase(), password: "a long enough passphrase", verified: true, active: true },
      ip: "203.0.113.5",
    });
    const user = await db.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(user).toMatchObject({ email, role: "CREATOR", isActive: true, name: "Made Wirawan" });
    expect(user.emailVerifiedAt).not.toBeNull();
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: created.id }, select: { passwordHash: true } });
    expect(await verifyPassword(passwordHash, "a long enough passphrase")).toBe(true);
    expect(await auditRows(created.id, "creator.create")).toBe(1);
    const row = await db.auditLog.findFirstOrThrow({ where: { targetId: created.id } });
    expect(row).toMatchObject({ actorEmail: admin.email, ip: "203.0.113.5" });
    expect(JSON.stringify(row.summary)).not.toContain("passphrase");
  });

  it("without a password, mails the creator a link to choose one", async () => {
    const email = `ketut-${Date.now()}@example.test`;
    const created = await createCreatorAsAdmin({ actor: admin, input: { name: "Ketut", email, password: "" } });
    expect(created.mailed).toBe(true);
    const [mail] = await mailsTo(email);
    expect(mail).toContain("/reset-password?token=");
  });

  it("a creator an admin makes gets mail in the language chosen (“Language for emails”); an edit changes it, a missing one keeps it", async () => {
    const email = `wayan-ru-${Date.now()}@example.test`;
    const created = await createCreatorAsAdmin({ actor: admin, input: { name: "Wayan", email, password: "", language: "ru" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: created.id } })).language).toBe("ru");
    const [mail] = await mailsTo(email);
    expect(mail).toContain("/ru/reset-password?token=");
    expect(mail).toContain("Здравствуйте");

    expect((await editCreatorAsAdmin({ actor: admin, creatorId: created.id, input: { name: "Wayan", email, language: "id" } })).changed).toEqual(["language"]);
    expect((await db.user.findUniqueOrThrow({ where: { id: created.id } })).language).toBe("id");
    expect((await editCreatorAsAdmin({ actor: admin, creatorId: created.id, input: { name: "Wayan", email } })).changed).toEqual([]);
    expect((await db.user.findUniqueOrThrow({ where: { id: created.id } })).language).toBe("id");
    await expect(editCreatorAsAdmin({ actor: admin, creatorId: created.id, input: { name: "Wayan", email, language: "xx" } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: { language: "Choose a language for emails from the list." },
    });
    // Not given: English.
    const english = await createCreatorAsAdmin({ actor: admin, input: { name: "Made", email: `made-en-${Date.now()}@example.test`, password: "" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: english.id } })).language).toBe("en");
  });

  it("refuses a taken email (any case) and a weak password, writing nothing", async () => {
    const existing = await createCreator();
    const before = await db.auditLog.count();
    await expect(
      createCreatorAsAdmin({ actor: admin, input: { name: "Copy", email: existing.email.toUpperCase(), password: "another long passphrase" } }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      fields: { email: asymmetric.stringContaining("already uses this email") },
    });
    await expect(
      createCreatorAsAdmin({ actor: admin, input: { name: "Weak", email: `weak-${Date.now()}@example.test`, password: "password" } }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: { password: asymmetric.any(String) },
    });
    expect(await db.auditLog.count()).toBe(before);
  });

  it("edits a creator's profile and email, keeping emails unique", async () => {
    const creator = await createCreator();
    const other = await createCreator();
    const newEmail = `renamed-${Date.now()}@example.test`;
    const { changed } = await editCreatorAsAdmin({
      actor: admin,
      creatorId: creator.id,
      input: { name: "Renamed Person", email: newEmail, organisation: "Bali Sound", phone: "" },
    });
    expect(changed.sort()).toEqual(["email", "name", "organisation"]);
    expect(await db.user.findUniqueOrThrow({ where: { id: creator.id } })).toMatchObject({
      name: "Renamed Person",
      email: newEmail,
      organisation: "Bali Sound",
    });
    expect(await auditRows(creator.id, "creator.edit")).toBe(1);

    await expect(editCreatorAsAdmin({ actor: admin, creatorId: creator.id, input: { name: "Renamed Person", email: other.email } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(editCreatorAsAdmin({ actor: admin, creatorId: admin.id, input: { name: "Admin", email: admin.email } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await auditRows(creator.id, "creator.edit")).toBe(1);
  });
});

describe("admin: account support", () => {
  it("ends every session of any user (creator or admin) at once, with one audit row", async () => {
    const creator = await createCreator();
    const sessions = await Promise.all([createSession({ userId: creator.id, role: "CREATOR" }), createSession({ userId: creator.id, role: "CREATOR" })]);
    const adminSession = await createSession({ userId: admin.id, role: "ADMIN" });

    expect(await endAllSessions({ actor: admin, userId: creator.id })).toEqual({ ended: 2 });
    for (const session of sessions) expect(await getSession(session.sessionId)).toBeNull();
    expect(await auditRows(creator.id, "user.end_sessions")).toBe(1);

    expect(await endAllSessions({ actor: admin, userId: admin.id })).toEqual({ ended: 1 });
    expect(await getSession(adminSession.sessionId)).toBeNull();

    const before = await db.auditLog.count();
    await expect(endAllSessions({ actor: admin, userId: "not-a-uuid" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.auditLog.count()).toBe(before);
  });

  it("sends a password reset email on request, audited", async () => {
    const creator = await createCreator();
    await sendPasswordResetAsAdmin({ actor: admin, userId: creator.id });
    const [mail] = await mailsTo(creator.email);
    expect(mail).toContain("/reset-password?token=");
    expect(await auditRows(creator.id, "user.send_password_reset")).toBe(1);
  });
});

describe("admin: editing any event", () => {
  it("saves every field and reassigns the creator, with one audit row of what changed", async () => {
    const owner = await createCreator();
    const next = await createCreator({ name: "New Owner" });
    const event = await createEvent({ creatorId: owner.id, title: "Old Title Gathering", startsAt: daysAhead(5) });
    const values = eventToFormValues(await getOwnedEvent({ actor: { id: admin.id, role: "ADMIN" }, eventId: event.id }));

    await editEvent({
      actor: { id: admin.id, role: "ADMIN" },
      eventId: event.id,
      input: { ...values, title: "New Title Gathering", location: "canggu" },
      asAdmin: { email: admin.email, creatorEmail: next.email, ip: "198.51.100.7" },
    });

    const saved = await db.event.findUniqueOrThrow({ where: { id: event.id }, include: { location: true } });
    expect(saved).toMatchObject({ title: "New Title Gathering", creatorId: next.id, slug: event.slug });
    expect(saved.location.slug).toBe("canggu");
    const rows = await db.auditLog.findMany({ where: { targetId: event.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "event.edit", ip: "198.51.100.7" });
    expect(rows[0]!.summary).toMatchObject({
      before: { title: "Old Title Gathering", creatorId: owner.email },
      after: { title: "New Title Gathering", creatorId: next.email },
    });
  });

  it("an admin may move an event into the past (the creator form may not)", async () => {
    const owner = await createCreator();
    const event = await createEvent({ creatorId: owner.id, title: "Backdated Workshop", startsAt: daysAhead(3) });
    const values = eventToFormValues(await getOwnedEvent({ actor: { id: admin.id, role: "ADMIN" }, eventId: event.id }));
    await editEvent({
      actor: { id: admin.id, role: "ADMIN" },
      eventId: event.id,
      input: { ...values, startDate: "2025-01-10" },
      asAdmin: { email: admin.email, creatorEmail: owner.email },
    });
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).startsAt.toISOString()).toMatch(/^2025-01-10T|^2025-01-09T/);
  });

  it("refuses bad input and an unknown creator with messages per field, changing nothing and writing no audit row", async () => {
    const owner = await createCreator();
    const event = await createEvent({ creatorId: owner.id, title: "Untouched Session", startsAt: daysAhead(1) });
    const values = eventToFormValues(await getOwnedEvent({ actor: { id: admin.id, role: "ADMIN" }, eventId: event.id }));
    await expect(
      editEvent({
        actor: { id: admin.id, role: "ADMIN" },
        eventId: event.id,
        input: { ...values, title: "x" },
        asAdmin: { email: admin.email, creatorEmail: "nobody@example.test" },
      }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: { title: asymmetric.any(String), creatorEmail: "No creator has this email." },
    });
    await expect(
      editEvent({ actor: { id: admin.id, role: "ADMIN" }, eventId: event.id, input: values, asAdmin: { email: admin.email, creatorEmail: admin.email } }),
    ).rejects.toMatchObject({ fields: { creatorEmail: "No creator has this email." } });
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).title).toBe("Untouched Session");
    expect(await auditRows(event.id)).toBe(0);
  });
});
