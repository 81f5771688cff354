import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addReferenceAction, changeReferenceAction } from "@/app/admin/reference/actions";
import { PATCH as patchItemRoute } from "@/app/api/admin/reference/[kind]/[id]/route";
import { GET as getKindRoute, POST as postKindRoute } from "@/app/api/admin/reference/[kind]/route";
import { GET as publicLocationsRoute } from "@/app/api/locations/route";
import { db, disconnectDb } from "@/lib/db";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { auth } from "@/lib/http/auth";
import { closeRedis } from "@/lib/redis";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import { addReferenceItem, moveReferenceItem, renameReferenceItem, setReferenceItemActive, updateReferenceItem } from "@/lib/reference/manage-reference";
import { listAdminReference } from "@/lib/reference/manage-reference-list";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";
import { caught, digestOf, form, redirectOf } from "../support/server-actions";
import { asymmetric } from "../support/asymmetric";

// The session layer only (who is signed in), so that the actions' and routes' own admin checks run for real.
vi.mock("@/lib/http/auth", () => ({ auth: vi.fn(() => Promise.resolve(null)) }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers({ "x-zenbali-client-ip": "203.0.113.77" })) }));
const signedIn = vi.mocked(auth) as unknown as { mockResolvedValue: (value: unknown) => void };

let admin: { id: string; email: string };
let creator: { id: string; email: string; name: string };

/** A name no other test (or seed) uses. */
const unique = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;
const auditRows = (where: { targetId?: string; action?: string; targetType?: string } = {}) => db.auditLog.findMany({ where, orderBy: { createdAt: "asc" } });
const publicNames = async (kind: "locations" | "eventTypes" | "entranceTypes") => (await listReferenceData())[kind].map((item) => item.name);

const signInAs = (who: "visitor" | "creator" | "admin") => {
  signedIn.mockResolvedValue(
    who === "visitor"
      ? null
      : who === "creator"
        ? { user: { id: creator.id, role: "CREATOR", email: creator.email, name: creator.name } }
        : { user: { id: admin.id, role: "ADMIN", email: admin.email, name: "Admin" } },
  );
};

beforeAll(async () => {
  await clearEvents();
  await db.auditLog.deleteMany();
  const adminUser = await db.user.create({ data: { email: `admin-reference-${randomUUID()}@example.test`, name: "Admin", role: "ADMIN", passwordHash: "x" } });
  admin = { id: adminUser.id, email: adminUser.email };
  const creatorUser = await createCreator({ name: "Reference Creator" });
  creator = { id: creatorUser.id, email: creatorUser.email, name: creatorUser.name };
});

beforeEach(() => {
  signInAs("admin");
});

afterAll(async () => {
  await clearEvents();
  await db.auditLog.deleteMany();
  await db.user.deleteMany({ where: { id: { in: [admin.id, creator.id] } } });
  await disconnectDb();
  await closeRedis();
});

describe("reference data: the use cases", () => {
  const actor = () => ({ id: admin.id, email: admin.email });

  it("adds a location with the slug rule, writes one audit row, and the (cached) public list shows it at once", async () => {
    expect(await publicNames("locations")).toContain("Ubud"); // fills the reference cache
    const name = unique("Pemuteran & Bay");
    const item = await addReferenceItem({ actor: actor(), kind: "locations", name: `  ${name}  `, ip: "203.0.113.1" });
    expect(item).toMatchObject({ name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"), isActive: true });
    expect(item.slug).toMatch(/^pemuteran-bay-[0-9a-f]{8}$/);
    // Last in the display order.
    const all = await listAdminReference("locations");
    expect(all.at(-1)).toMatchObject({ id: item.id, eventCount: 0 });
    expect(await publicNames("locations")).toContain(name);
    const rows = await auditRows({ targetType: "location", targetId: String(item.id) });
    expect(rows).toEqual([
      expect.objectContaining({ action: "reference.add", targetType: "location", actorId: admin.id, actorEmail: admin.email, ip: "203.0.113.1" }),
    ]);
    expect(rows[0]!.summary).toMatchObject({ kind: "locations", name, after: { name, slug: item.slug, isActive: true } });
  });

  it("refuses a duplicate name (case-insensitive) or slug with a clear message, and writes no audit row", async () => {
    const before = await db.auditLog.count();
    await expect(addReferenceItem({ actor: actor(), kind: "locations", name: "ubud" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "A location named “Ubud” already exists.",
    });
    await expect(addReferenceItem({ actor: actor(), kind: "locations", name: "  UBUD " })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(addReferenceItem({ actor: actor(), kind: "event-types", name: "Market - Bazaar" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "An event type named “Market & Bazaar” already exists (“Market - Bazaar” would have the same slug, “market-bazaar”).",
    });
    await expect(addReferenceItem({ actor: actor(), kind: "entrance-types", name: "free" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "An entrance type named “Free” already exists.",
    });
    expect(await db.auditLog.count()).toBe(before);
  });

  it("refuses names that are too short, too long or have no letter or digit", async () => {
    const before = await db.auditLog.count();
    await expect(addReferenceItem({ actor: actor(), kind: "locations", name: " a " })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "The name must be at least 2 characters.",
    });
    await expect(addReferenceItem({ actor: actor(), kind: "locations", name: "x".repeat(101) })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "The name must be at most 100 characters.",
    });
    await expect(addReferenceItem({ actor: actor(), kind: "locations", name: "&& !!" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "The name needs at least one letter or digit.",
    });
    await expect(addReferenceItem({ actor: actor(), kind: "locations", name: undefined })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await db.auditLog.count()).toBe(before);
  });

  it("renames (the slug follows), refuses a rename onto another item, and writes nothing for an unchanged name", async () => {
    const item = await addReferenceItem({ actor: actor(), kind: "event-types", name: unique("Kite Festival") });
    const newName = unique("Kite & Surf Festival");
    const renamed = await renameReferenceItem({ actor: actor(), kind: "event-types", id: item.id, name: newName });
    expect(renamed.action).toBe("reference.rename");
    expect(renamed.item).toMatchObject({ id: item.id, name: newName, slug: newName.toLowerCase().replace(/[^a-z0-9]+/g, "-") });
    expect(await publicNames("eventTypes")).toContain(newName);
    expect(await publicNames("eventTypes")).not.toContain(item.name);
    const rows = await auditRows({ targetType: "event_type", targetId: String(item.id), action: "reference.rename" });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.summary).toMatchObject({ before: { name: item.name, slug: item.slug }, after: { name: newName, slug: renamed.item.slug } });

    const count = await db.auditLog.count();
    await expect(renameReferenceItem({ actor: actor(), kind: "event-types", id: item.id, name: "YOGA" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "An event type named “Yoga” already exists.",
    });
    await expect(renameReferenceItem({ actor: actor(), kind: "event-types", id: item.id, name: "" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(renameReferenceItem({ actor: actor(), kind: "event-types", id: 999_999, name: unique("Nowhere") })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(renameReferenceItem({ actor: actor(), kind: "event-types", id: "abc", name: unique("Nowhere") })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await renameReferenceItem({ actor: actor(), kind: "event-types", id: item.id, name: ` ${newName} ` })).action).toBeNull();
    expect(await db.auditLog.count()).toBe(count);

    // A change of case only is a rename of the item itself, not a duplicate.
    const lower = await renameReferenceItem({ actor: actor(), kind: "event-types", id: item.id, name: newName.toLowerCase() });
    expect(lower.item.name).toBe(newName.toLowerCase());
    expect(lower.item.slug).toBe(renamed.item.slug);
  });

  it("reorders by moving up and down, renumbering the list, and the public order follows", async () => {
    const first = await addReferenceItem({ actor: actor(), kind: "entrance-types", name: unique("Early Bird") });
    const second = await addReferenceItem({ actor: actor(), kind: "entrance-types", name: unique("Late Bird") });
    let names = await publicNames("entranceTypes");
    expect(names.indexOf(second.name)).toBe(names.indexOf(first.name) + 1);

    const moved = await moveReferenceItem({ actor: actor(), kind: "entrance-types", id: second.id, direction: "up" });
    expect(moved.action).toBe("reference.reorder");
    names = await publicNames("entranceTypes");
    expect(names.indexOf(second.name)).toBe(names.indexOf(first.name) - 1);
    const admin = await listAdminReference("entrance-types");
    expect(admin.map((item) => item.sortOrder)).toEqual(admin.map((_, index) => (index + 1) * 10));
    const rows = await auditRows({ targetType: "entrance_type", targetId: String(second.id), action: "reference.reorder" });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.summary).toMatchObject({ direction: "up", before: { position: admin.length }, after: { position: admin.length - 1 } });

    // The first item cannot move up, the last cannot move down: refused, nothing written.
    const count = await db.auditLog.count();
    await expect(moveReferenceItem({ actor: actor(), kind: "entrance-types", id: admin[0]!.id, direction: "up" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: `“${admin[0]!.name}” is already first.`,
    });
    await expect(moveReferenceItem({ actor: actor(), kind: "entrance-types", id: admin.at(-1)!.id, direction: "down" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(await db.auditLog.count()).toBe(count);

    await moveReferenceItem({ actor: actor(), kind: "entrance-types", id: second.id, direction: "down" });
    names = await publicNames("entranceTypes");
    expect(names.indexOf(second.name)).toBe(names.indexOf(first.name) + 1);
  });

  it("deactivates: gone from public filters, still listed for the admin and still shown on its events; reactivates", async () => {
    const location = await addReferenceItem({ actor: actor(), kind: "locations", name: unique("Pecatu Cliffs") });
    const event = await createEvent({
      creatorId: creator.id,
      title: "Cliff Sunset Yoga",
      startsAt: new Date(Date.now() + 86_400_000),
      locationSlug: location.slug,
    });
    expect((await listAdminReference("locations")).find((item) => item.id === location.id)?.eventCount).toBe(1);
    expect(await getPublicEvent(event.slug)).toMatchObject({ location: asymmetric.objectContaining({ name: location.name }) });

    const result = await setReferenceItemActive({ actor: actor(), kind: "locations", id: location.id, isActive: false });
    expect(result.action).toBe("reference.deactivate");
    expect(await publicNames("locations")).not.toContain(location.name);
    expect((await listAdminReference("locations")).find((item) => item.id === location.id)).toMatchObject({ isActive: false, eventCount: 1 });
    expect(await getPublicEvent(event.slug)).toMatchObject({ location: asymmetric.objectContaining({ name: location.name }) });
    // Deactivating again changes nothing and writes nothing.
    expect((await setReferenceItemActive({ actor: actor(), kind: "locations", id: location.id, isActive: false })).action).toBeNull();

    expect((await setReferenceItemActive({ actor: actor(), kind: "locations", id: location.id, isActive: true })).action).toBe("reference.reactivate");
    expect(await publicNames("locations")).toContain(location.name);
    expect((await auditRows({ targetType: "location", targetId: String(location.id) })).map((row) => row.action)).toEqual([
      "reference.add",
      "reference.deactivate",
      "reference.reactivate",
    ]);
  });

  it("applies several changes at once with one reference.update row", async () => {
    const item = await addReferenceItem({ actor: actor(), kind: "locations", name: unique("Balian Beach") });
    const newName = unique("Balian River");
    const result = await updateReferenceItem({ actor: actor(), kind: "locations", id: item.id, change: { name: newName, isActive: false, sortOrder: 5 } });
    expect(result).toMatchObject({ action: "reference.update", item: { name: newName, isActive: false, sortOrder: 5 } });
    const rows = await auditRows({ targetType: "location", targetId: String(item.id), action: "reference.update" });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.summary).toMatchObject({
      before: { name: item.name, isActive: true, sortOrder: item.sortOrder },
      after: { name: newName, isActive: false, sortOrder: 5 },
    });
    await expect(updateReferenceItem({ actor: actor(), kind: "locations", id: item.id, change: {} })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateReferenceItem({ actor: actor(), kind: "locations", id: item.id, change: { isActive: "no" } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(updateReferenceItem({ actor: actor(), kind: "locations", id: item.id, change: { sortOrder: -1 } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });
});

describe("reference data: the server actions", () => {
  it("sends a visitor to /login and gives a creator a 404, changing nothing", async () => {
    const ubud = await db.location.findUniqueOrThrow({ where: { slug: "ubud" } });
    const before = await db.auditLog.count();
    const name = unique("Visitor Village");

    signInAs("visitor");
    const asVisitor = await caught(addReferenceAction("locations", "", form({ name })));
    expect(redirectOf(asVisitor).pathname).toBe("/login");
    expect(redirectOf(asVisitor).searchParams.get("callbackUrl")).toBe("/admin/reference");
    expect(redirectOf(await caught(changeReferenceAction("locations", ubud.id, "", form({ action: "deactivate" })))).pathname).toBe("/login");

    signInAs("creator");
    expect(digestOf(await caught(addReferenceAction("locations", "", form({ name }))))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(digestOf(await caught(changeReferenceAction("locations", ubud.id, "", form({ action: "deactivate" }))))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(digestOf(await caught(changeReferenceAction("locations", ubud.id, "", form({ action: "rename", name }))))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");

    expect(await db.auditLog.count()).toBe(before);
    expect(await db.location.findUniqueOrThrow({ where: { slug: "ubud" } })).toMatchObject({ name: "Ubud", isActive: true, sortOrder: ubud.sortOrder });
    expect(await db.location.count({ where: { name } })).toBe(0);
  });

  it("lets an admin add, rename, move and deactivate, redirecting back with a message; a duplicate comes back with the error", async () => {
    const name = unique("Action Village");
    const added = redirectOf(await caught(addReferenceAction("locations", "", form({ name }))));
    expect(`${added.pathname}?${added.searchParams}`).toBe(`/admin/reference?${new URLSearchParams({ done: "added", name })}`);
    const item = await db.location.findUniqueOrThrow({ where: { name } });
    expect(await auditRows({ targetType: "location", targetId: String(item.id) })).toEqual([
      expect.objectContaining({ action: "reference.add", ip: "203.0.113.77" }),
    ]);

    const duplicate = redirectOf(await caught(addReferenceAction("locations", "locations", form({ name: name.toUpperCase() }))));
    expect(duplicate.searchParams.get("kind")).toBe("locations");
    expect(duplicate.searchParams.get("error")).toBe(`A location named “${name}” already exists.`);

    const newName = unique("Renamed Village");
    const renamed = redirectOf(await caught(changeReferenceAction("locations", item.id, "", form({ action: "rename", name: newName }))));
    expect(Object.fromEntries(renamed.searchParams)).toEqual({ done: "renamed", name: newName, from: name });

    expect(redirectOf(await caught(changeReferenceAction("locations", item.id, "", form({ action: "up" })))).searchParams.get("done")).toBe("moved-up");
    expect(redirectOf(await caught(changeReferenceAction("locations", item.id, "", form({ action: "deactivate" })))).searchParams.get("done")).toBe(
      "deactivated",
    );
    expect(redirectOf(await caught(changeReferenceAction("locations", item.id, "", form({ action: "explode" })))).searchParams.get("error")).toBe(
      "Unknown action.",
    );
    expect(redirectOf(await caught(addReferenceAction("planets", "", form({ name: "Mars" })))).searchParams.get("error")).toBe(
      "Unknown kind of reference data.",
    );

    expect((await auditRows({ targetType: "location", targetId: String(item.id) })).map((row) => row.action)).toEqual([
      "reference.add",
      "reference.rename",
      "reference.reorder",
      "reference.deactivate",
    ]);
    expect(await publicNames("locations")).not.toContain(newName);
  });
});

describe("reference data: the JSON routes", () => {
  const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
    new NextRequest(new URL(path, "http://app.test"), {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

  it("answers 401 to a visitor and 404 to a creator, writing nothing", async () => {
    const before = await db.auditLog.count();
    const name = unique("Guarded Village");
    signInAs("visitor");
    const anonymous = await postKindRoute(json("POST", "/api/admin/reference/locations", { name }), ctx({ kind: "locations" }));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthorized", message: asymmetric.any(String) } });
    expect((await getKindRoute(json("GET", "/api/admin/reference/locations"), ctx({ kind: "locations" }))).status).toBe(401);
    expect((await patchItemRoute(json("PATCH", "/api/admin/reference/locations/1", { isActive: false }), ctx({ kind: "locations", id: "1" }))).status).toBe(
      401,
    );

    signInAs("creator");
    const asCreator = await postKindRoute(json("POST", "/api/admin/reference/locations", { name }), ctx({ kind: "locations" }));
    expect(asCreator.status).toBe(404);
    expect(await asCreator.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await patchItemRoute(json("PATCH", "/api/admin/reference/locations/1", { isActive: false }), ctx({ kind: "locations", id: "1" }))).status).toBe(
      404,
    );

    expect(await db.auditLog.count()).toBe(before);
    expect(await db.location.count({ where: { name } })).toBe(0);
    expect((await db.location.findUniqueOrThrow({ where: { id: 1 } })).isActive).toBe(true);
  });

  it("adds (201), refuses a duplicate (409) and bad input (422, 400, 415), patches (200), and 404s an unknown kind or id", async () => {
    const name = unique("Route Village");
    const created = await postKindRoute(json("POST", "/api/admin/reference/locations", { name }), ctx({ kind: "locations" }));
    expect(created.status).toBe(201);
    const { item } = (await created.json()) as { item: { id: number; name: string; slug: string; isActive: boolean } };
    expect(item).toMatchObject({ name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"), isActive: true });

    // The public JSON list follows at once.
    const publicList = (await (await publicLocationsRoute(json("GET", "/api/locations"), {})).json()) as { locations: { name: string }[] };
    expect(publicList.locations.map((location) => location.name)).toContain(name);

    const before = await db.auditLog.count();
    const duplicate = await postKindRoute(json("POST", "/api/admin/reference/locations", { name: name.toLowerCase() }), ctx({ kind: "locations" }));
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toEqual({
      error: { code: "conflict", message: `A location named “${name}” already exists.`, fields: { name: `A location named “${name}” already exists.` } },
    });
    expect((await postKindRoute(json("POST", "/api/admin/reference/locations", { name: "x" }), ctx({ kind: "locations" }))).status).toBe(422);
    expect((await postKindRoute(json("POST", "/api/admin/reference/locations", {}), ctx({ kind: "locations" }))).status).toBe(422);
    expect((await postKindRoute(json("POST", "/api/admin/reference/locations", "{not json"), ctx({ kind: "locations" }))).status).toBe(400);
    expect(
      (
        await postKindRoute(
          json("POST", "/api/admin/reference/locations", `name=${name}`, { "content-type": "application/x-www-form-urlencoded" }),
          ctx({ kind: "locations" }),
        )
      ).status,
    ).toBe(415);
    expect((await postKindRoute(json("POST", "/api/admin/reference/planets", { name: unique("Mars") }), ctx({ kind: "planets" }))).status).toBe(404);
    expect(
      (await patchItemRoute(json("PATCH", "/api/admin/reference/locations/999999", { isActive: false }), ctx({ kind: "locations", id: "999999" }))).status,
    ).toBe(404);
    expect((await patchItemRoute(json("PATCH", "/api/admin/reference/locations/abc", { isActive: false }), ctx({ kind: "locations", id: "abc" }))).status).toBe(
      404,
    );
    expect(await db.auditLog.count()).toBe(before);

    const patched = await patchItemRoute(
      json("PATCH", `/api/admin/reference/locations/${item.id}`, { isActive: false }),
      ctx({ kind: "locations", id: String(item.id) }),
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ item: { id: item.id, isActive: false } });
    expect(await auditRows({ targetType: "location", targetId: String(item.id) })).toEqual([
      expect.objectContaining({ action: "reference.add" }),
      expect.objectContaining({ action: "reference.deactivate" }),
    ]);
    const after = (await (await publicLocationsRoute(json("GET", "/api/locations"), {})).json()) as { locations: { name: string }[] };
    expect(after.locations.map((location) => location.name)).not.toContain(name);

    const listed = (await (await getKindRoute(json("GET", "/api/admin/reference/locations"), ctx({ kind: "locations" }))).json()) as {
      items: { id: number; isActive: boolean; eventCount: number }[];
    };
    expect(listed.items.find((entry) => entry.id === item.id)).toMatchObject({ isActive: false, eventCount: 0 });
  });
});
