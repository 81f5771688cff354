import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TNames } from "./localized-name";
import {
  adminReferenceSelect,
  cleanReferenceName,
  fixedKindRefusal,
  hasTranslatedNames,
  isFixedKind,
  REFERENCE_KIND_INFO,
  REFERENCE_NAME_MAX,
  REFERENCE_ORDER,
  referenceTable,
  toAdminReferenceItem,
  type TAdminReferenceItem,
  type TReferenceKind,
  type TReferenceTable,
} from "./manage-reference-kinds";
import { cleanReferenceNames, sameNames } from "./reference-names-input";

/**
 * An admin's changes to reference data (locations, event types, entrance
 * types): add, rename (in English, or in another language: `names`), reorder,
 * deactivate / reactivate; participant groups are fixed and change only their
 * names in other languages. Each change writes
 * exactly one audit row in the same transaction (a refused change writes
 * none), then empties the public caches that show reference data, so the
 * filters on "/" and /api/locations follow on the next request.
 */

type TActor = { actor: TAuditActor; kind: TReferenceKind; ip?: string | null };

export type TReferenceChange = { name?: unknown; names?: unknown; isActive?: unknown; sortOrder?: unknown };

export type TReferenceChangeResult = {
  item: TAdminReferenceItem;
  before: TAdminReferenceItem;
  /** The audit action written, or null when nothing changed (and nothing was written). */
  action: string | null;
};

const MAX_SORT_ORDER = 1_000_000;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function invalid(message: string, field: string): AppError {
  return new AppError("INVALID_INPUT", message, { fields: { [field]: message } });
}

function notFound(kind: TReferenceKind): AppError {
  return new AppError("NOT_FOUND", `This ${REFERENCE_KIND_INFO[kind].singular} does not exist.`);
}

/** "A location named “Ubud” already exists." */
function duplicate(kind: TReferenceKind, name: string, existing?: { name: string; slug: string }): AppError {
  const article = capitalise(REFERENCE_KIND_INFO[kind].aSingular);
  const message =
    !existing || existing.name.toLowerCase() === name.toLowerCase()
      ? `${article} named “${existing?.name ?? name}” already exists.`
      : `${article} named “${existing.name}” already exists (“${name}” would have the same slug, “${existing.slug}”).`;
  return new AppError("CONFLICT", message, { fields: { name: message } });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

function parseId(kind: TReferenceKind, id: unknown): number {
  const value = typeof id === "string" && /^\d{1,9}$/.test(id) ? Number(id) : id;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) throw notFound(kind);
  return value;
}

/**
 * The translations given for a kind ({ "id": "…", "ru": "…" }), cleaned; undefined when none were given. Locations keep
 * one name: translations for them are refused.
 */
function namesFor(kind: TReferenceKind, value: unknown): TNames | undefined {
  const names = cleanReferenceNames(value, REFERENCE_NAME_MAX);
  if (names && !hasTranslatedNames(kind) && Object.keys(names).length > 0) throw invalid("Locations keep one name in every language.", "names");
  return hasTranslatedNames(kind) ? names : undefined;
}

/** Names and slugs are unique per kind, names case-insensitively. */
async function assertUnique(table: TReferenceTable, kind: TReferenceKind, { name, slug }: { name: string; slug: string }, exceptId?: number): Promise<void> {
  const existing = await table.findFirst({
    where: { OR: [{ name: { equals: name, mode: "insensitive" } }, { slug }], ...(exceptId === undefined ? {} : { NOT: { id: exceptId } }) },
    select: { name: true, slug: true },
  });
  if (existing) throw duplicate(kind, name, existing);
}

/**
 * Adds an active item at the end of the list, with its names in other languages when given. CONFLICT for a duplicate
 * name or slug, INVALID_INPUT for a bad name or translation.
 */
export async function addReferenceItem({
  actor,
  kind,
  ip,
  name: rawName,
  names: rawNames,
}: TActor & { name: unknown; names?: unknown }): Promise<TAdminReferenceItem> {
  if (isFixedKind(kind)) throw fixedKindRefusal(kind);
  const { name, slug } = cleanReferenceName(rawName);
  const names = namesFor(kind, rawNames);
  const select = adminReferenceSelect(kind);
  const info = REFERENCE_KIND_INFO[kind];
  let item: TAdminReferenceItem;
  try {
    item = await db.$transaction(async (tx) => {
      const table = referenceTable(tx, kind);
      await assertUnique(table, kind, { name, slug });
      const last = await table.aggregate({ _max: { sortOrder: true } });
      const created = toAdminReferenceItem(
        kind,
        await table.create({ data: { name, slug, sortOrder: (last._max.sortOrder ?? 0) + 10, ...(names ? { names } : {}) }, select }),
      );
      await recordAudit(tx, {
        actor,
        action: "reference.add",
        targetType: info.targetType,
        targetId: String(created.id),
        ip,
        summary: { kind, name, after: created },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(kind, name); // lost a race with another admin
    throw error;
  }
  await invalidatePublicCaches("reference");
  return item;
}

/**
 * Changes any of name (the slug follows), names (the translations: all of them,
 * an empty or missing language removes its translation), isActive and
 * sortOrder in one go, with one audit row: `reference.rename`,
 * `reference.translate`, `reference.deactivate`, `reference.reactivate` or
 * `reference.reorder` for a single change, `reference.update` for several. A
 * change to the current values writes nothing.
 */
export async function updateReferenceItem({
  actor,
  kind,
  ip,
  id,
  change,
}: TActor & { id: unknown; change: TReferenceChange }): Promise<TReferenceChangeResult> {
  const itemId = parseId(kind, id);
  const info = REFERENCE_KIND_INFO[kind];
  if (isFixedKind(kind) && (change.name !== undefined || change.isActive !== undefined || change.sortOrder !== undefined)) throw fixedKindRefusal(kind);
  const wanted: { name?: string; slug?: string; names?: TNames; isActive?: boolean; sortOrder?: number } = {};
  if (change.name !== undefined) Object.assign(wanted, cleanReferenceName(change.name));
  const names = namesFor(kind, change.names);
  if (names !== undefined) wanted.names = names;
  if (change.isActive !== undefined) {
    if (typeof change.isActive !== "boolean") throw invalid("isActive must be true or false.", "isActive");
    wanted.isActive = change.isActive;
  }
  if (change.sortOrder !== undefined) {
    if (typeof change.sortOrder !== "number" || !Number.isInteger(change.sortOrder) || change.sortOrder < 0 || change.sortOrder > MAX_SORT_ORDER) {
      throw invalid(`sortOrder must be a whole number from 0 to ${MAX_SORT_ORDER}.`, "sortOrder");
    }
    wanted.sortOrder = change.sortOrder;
  }
  if (Object.keys(wanted).length === 0) {
    throw invalid(isFixedKind(kind) ? "Nothing to change: give names." : "Nothing to change: give a name, names, isActive or sortOrder.", "name");
  }
  const select = adminReferenceSelect(kind);

  let result: TReferenceChangeResult;
  try {
    result = await db.$transaction(async (tx) => {
      const table = referenceTable(tx, kind);
      const found = await table.findUnique({ where: { id: itemId }, select });
      if (!found) throw notFound(kind);
      const before = toAdminReferenceItem(kind, found);
      const data: Partial<Pick<TAdminReferenceItem, "name" | "slug" | "names" | "isActive" | "sortOrder">> = {};
      const changes: string[] = [];
      if (wanted.name !== undefined && wanted.slug !== undefined && (wanted.name !== before.name || wanted.slug !== before.slug)) {
        await assertUnique(table, kind, { name: wanted.name, slug: wanted.slug }, itemId);
        data.name = wanted.name;
        data.slug = wanted.slug;
        changes.push("rename");
      }
      if (wanted.names !== undefined && !sameNames(wanted.names, before.names ?? {})) {
        data.names = wanted.names;
        changes.push("translate");
      }
      if (wanted.isActive !== undefined && wanted.isActive !== before.isActive) {
        data.isActive = wanted.isActive;
        changes.push(wanted.isActive ? "reactivate" : "deactivate");
      }
      if (wanted.sortOrder !== undefined && wanted.sortOrder !== before.sortOrder) {
        data.sortOrder = wanted.sortOrder;
        changes.push("reorder");
      }
      if (changes.length === 0) return { item: before, before, action: null };
      const item = toAdminReferenceItem(kind, await table.update({ where: { id: itemId }, data, select }));
      const action = changes.length === 1 ? `reference.${changes[0]}` : "reference.update";
      const fields = Object.keys(data) as (keyof typeof data)[];
      await recordAudit(tx, {
        actor,
        action,
        targetType: info.targetType,
        targetId: String(itemId),
        ip,
        summary: {
          kind,
          name: item.name,
          before: Object.fromEntries(fields.map((field) => [field, before[field]])),
          after: Object.fromEntries(fields.map((field) => [field, item[field]])),
        },
      });
      return { item, before, action };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(kind, wanted.name ?? "");
    throw error;
  }
  if (result.action) await invalidatePublicCaches("reference");
  return result;
}

/** Rename (the slug is made again from the new name), and the names in other languages when given. */
export async function renameReferenceItem({
  name,
  names,
  ...options
}: TActor & { id: unknown; name: unknown; names?: unknown }): Promise<TReferenceChangeResult> {
  return updateReferenceItem({ ...options, change: { name, names } });
}

/** Deactivate (hidden from filters and forms, still shown on its events) or reactivate. */
export async function setReferenceItemActive({ isActive, ...options }: TActor & { id: unknown; isActive: boolean }): Promise<TReferenceChangeResult> {
  return updateReferenceItem({ ...options, change: { isActive } });
}

/**
 * Moves an item one place up or down in the display order. The whole list is
 * renumbered 10, 20, 30… so ties in sortOrder can never make a move a no-op.
 */
export async function moveReferenceItem({
  actor,
  kind,
  ip,
  id,
  direction,
}: TActor & { id: unknown; direction: "up" | "down" }): Promise<TReferenceChangeResult> {
  if (isFixedKind(kind)) throw fixedKindRefusal(kind);
  const itemId = parseId(kind, id);
  const info = REFERENCE_KIND_INFO[kind];
  const result = await db.$transaction(async (tx) => {
    const table = referenceTable(tx, kind);
    const select = adminReferenceSelect(kind);
    const items = (await table.findMany({ orderBy: REFERENCE_ORDER, select })).map((row) => toAdminReferenceItem(kind, row));
    const index = items.findIndex((item) => item.id === itemId);
    const before = items[index];
    if (!before) throw notFound(kind);
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= items.length) throw invalid(`“${before.name}” is already ${direction === "up" ? "first" : "last"}.`, "sortOrder");
    const reordered = [...items];
    reordered.splice(index, 1);
    reordered.splice(target, 0, before);
    let item = before;
    for (const [position, entry] of reordered.entries()) {
      const sortOrder = (position + 1) * 10;
      if (entry.sortOrder === sortOrder) continue;
      const updated = toAdminReferenceItem(kind, await table.update({ where: { id: entry.id }, data: { sortOrder }, select }));
      if (entry.id === itemId) item = updated;
    }
    await recordAudit(tx, {
      actor,
      action: "reference.reorder",
      targetType: info.targetType,
      targetId: String(itemId),
      ip,
      summary: {
        kind,
        name: before.name,
        direction,
        before: { position: index + 1, sortOrder: before.sortOrder },
        after: { position: target + 1, sortOrder: item.sortOrder },
      },
    });
    return { item, before, action: "reference.reorder" };
  });
  await invalidatePublicCaches("reference");
  return result;
}
