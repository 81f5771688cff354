/**
 * Every admin server action checks the role itself (not only the page that
 * shows its button): a visitor is sent to /login, a creator gets a 404, and
 * nothing changes — no row, no audit entry. Replaying a form post against
 * the action is exactly what these calls do.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/admin/api-keys/actions";
import { accountSupportAction, createCreatorAction, editCreatorAction, manageCreatorAction } from "@/app/admin/creators/actions";
import { adminSaveEventAction, moderateEventAction } from "@/app/admin/events/actions";
import { resolveReportAction } from "@/app/admin/moderation/actions";
import { addReferenceAction, changeReferenceAction } from "@/app/admin/reference/actions";
import { retryJobAction } from "@/app/admin/system/actions";
import { createSession } from "@/lib/auth/sessions";
import { db, disconnectDb } from "@/lib/db";
import { auth } from "@/lib/http/auth";
import { closeRedis } from "@/lib/redis";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";
import { caught, digestOf, form } from "../support/server-actions";

// Only the session lookup is replaced (who is signed in); the actions' own checks run for real.
vi.mock("@/lib/http/auth", () => ({ auth: vi.fn(() => Promise.resolve(null)) }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers({ "x-zenbali-client-ip": "203.0.113.77" })) }));
const signedIn = vi.mocked(auth) as unknown as { mockResolvedValue: (value: unknown) => void };

/** A snapshot of everything an admin action could change. */
async function state() {
  const [audit, users, events, keys, reports, locations] = await Promise.all([
    db.auditLog.count(),
    db.user.findMany({ select: { id: true, name: true, email: true, isActive: true, emailVerifiedAt: true }, orderBy: { id: "asc" } }),
    db.event.findMany({ select: { id: true, title: true, status: true, isFeatured: true, deletedAt: true, creatorId: true }, orderBy: { id: "asc" } }),
    db.apiKey.findMany({ select: { id: true, revokedAt: true }, orderBy: { id: "asc" } }),
    db.report.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }),
    db.location.findMany({ select: { id: true, name: true, isActive: true, sortOrder: true }, orderBy: { id: "asc" } }),
  ]);
  return { audit, users, events, keys, reports, locations };
}

let creator: { id: string; email: string; name: string };
let target: { id: string; email: string };
let eventId: string;
let reportId: string;
let keyId: string;
let ubudId: number;

beforeAll(async () => {
  await clearEvents();
  creator = await createCreator({ name: "Curious Creator" });
  await createSession({ userId: creator.id, role: "CREATOR" });
  target = await createCreator({ name: "Target Creator" });
  const event = await createEvent({ creatorId: target.id, title: "Guarded Gathering", startsAt: new Date(Date.now() + 4 * 86_400_000) });
  eventId = event.id;
  reportId = (await db.report.create({ data: { eventId, reason: "spam" } })).id;
  keyId = (
    await db.apiKey.create({ data: { name: "Existing key", prefix: "zb_live_test", keyHash: `h${Date.now()}`, scopes: ["events:write"], userId: target.id } })
  ).id;
  ubudId = (await db.location.findUniqueOrThrow({ where: { slug: "ubud" } })).id;
});

afterAll(async () => {
  await db.apiKey.deleteMany({ where: { id: keyId } });
  await db.report.deleteMany({ where: { id: reportId } });
  await clearEvents();
  await disconnectDb();
  await closeRedis();
});

/** Each admin action, called the way its form would call it. */
const ACTIONS: [string, () => Promise<unknown>][] = [
  ["moderateEventAction (unpublish)", () => moderateEventAction(eventId, "/admin/events", form({ action: "unpublish", reason: "Not allowed to do this" }))],
  ["moderateEventAction (feature)", () => moderateEventAction(eventId, "/admin/events", form({ action: "feature" }))],
  ["moderateEventAction (delete)", () => moderateEventAction(eventId, "/admin/events", form({ action: "delete" }))],
  ["adminSaveEventAction", () => adminSaveEventAction(eventId, { attempt: 0 }, form({ title: "Hijacked", creatorEmail: "x@example.test" }))],
  ["manageCreatorAction (deactivate)", () => manageCreatorAction(target.id, "/admin/creators", form({ action: "deactivate" }))],
  ["manageCreatorAction (verify)", () => manageCreatorAction(target.id, "/admin/creators", form({ action: "verify" }))],
  [
    "createCreatorAction",
    () => createCreatorAction({}, form({ name: "Sneaky", email: `sneaky-${Date.now()}@example.test`, password: "a long enough passphrase", active: "on" })),
  ],
  ["editCreatorAction", () => editCreatorAction(target.id, {}, form({ name: "Renamed", email: target.email }))],
  ["accountSupportAction (end sessions)", () => accountSupportAction(target.id, "/admin/creators", form({ action: "end-sessions" }))],
  ["accountSupportAction (send reset)", () => accountSupportAction(target.id, "/admin/creators", form({ action: "send-reset" }))],
  [
    "resolveReportAction (unpublish)",
    () => resolveReportAction(reportId, "/admin/moderation", form({ action: "unpublish", reason: "Not allowed to do this" })),
  ],
  ["resolveReportAction (dismiss)", () => resolveReportAction(reportId, "/admin/moderation", form({ action: "dismiss" }))],
  ["addReferenceAction", () => addReferenceAction("locations", "", form({ name: "Sneaky Beach" }))],
  ["changeReferenceAction (deactivate)", () => changeReferenceAction("locations", ubudId, "", form({ action: "deactivate" }))],
  ["changeReferenceAction (rename)", () => changeReferenceAction("locations", ubudId, "", form({ action: "rename", name: "Ubud Town" }))],
  ["createApiKeyAction", () => createApiKeyAction({ status: "idle" }, form({ name: "Stolen key", creator: creator.id, scope: "events:write" }))],
  ["revokeApiKeyAction", () => revokeApiKeyAction(keyId)],
  ["retryJobAction", () => retryJobAction("1", form({}))],
];

describe("admin actions refuse everyone but admins", () => {
  it("a visitor is sent to /login by every action, and nothing changes", async () => {
    const before = await state();
    signedIn.mockResolvedValue(null);
    for (const [name, run] of ACTIONS) {
      const error = await caught(run());
      expect(digestOf(error), name).toMatch(/^NEXT_REDIRECT;[a-z]+;\/login\?callbackUrl=/);
    }
    expect(await state()).toEqual(before);
  });

  it("a signed-in creator gets a 404 from every action, and nothing changes", async () => {
    const before = await state();
    signedIn.mockResolvedValue({ user: { id: creator.id, role: "CREATOR", email: creator.email, name: creator.name } });
    for (const [name, run] of ACTIONS) {
      const error = await caught(run());
      expect(digestOf(error), name).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    }
    expect(await state()).toEqual(before);
  });
});
