import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { slugify } from "@/lib/format/slug";
import { namesOf, type TNames } from "./localized-name";

/**
 * The reference data an admin manages, in the words the admin page and the
 * JSON routes use. The URL segment is the kind:
 * /admin/reference?kind=event-types, /api/admin/reference/event-types.
 * Participant groups are fixed (the product's four, seeded exactly): only
 * their names in other languages change.
 */
export const REFERENCE_KINDS = ["locations", "event-types", "entrance-types", "participant-groups"] as const;
export type TReferenceKind = (typeof REFERENCE_KINDS)[number];

export const REFERENCE_KIND_INFO: Record<
  TReferenceKind,
  { heading: string; singular: string; aSingular: string; newLabel: string; targetType: string; fixed: boolean }
> = {
  locations: { heading: "Locations", singular: "location", aSingular: "a location", newLabel: "New location", targetType: "location", fixed: false },
  "event-types": {
    heading: "Event types",
    singular: "event type",
    aSingular: "an event type",
    newLabel: "New event type",
    targetType: "event_type",
    fixed: false,
  },
  "entrance-types": {
    heading: "Entrance types",
    singular: "entrance type",
    aSingular: "an entrance type",
    newLabel: "New entrance type",
    targetType: "entrance_type",
    fixed: false,
  },
  "participant-groups": {
    heading: "Participant groups",
    singular: "participant group",
    aSingular: "a participant group",
    newLabel: "New participant group",
    targetType: "participant_group",
    fixed: true,
  },
};

/** Whether a kind is fixed: no adding, renaming, reordering or deactivating, only its names in other languages. */
export function isFixedKind(kind: TReferenceKind): boolean {
  return REFERENCE_KIND_INFO[kind].fixed;
}

/** The refusal of any change but translations to a fixed kind (CONFLICT, a 409 from the JSON routes). */
export function fixedKindRefusal(kind: TReferenceKind): AppError {
  const heading = REFERENCE_KIND_INFO[kind].heading;
  return new AppError("CONFLICT", `${heading} are fixed: only their names in other languages can change.`);
}

export function parseReferenceKind(value: unknown): TReferenceKind | null {
  return typeof value === "string" && (REFERENCE_KINDS as readonly string[]).includes(value) ? (value as TReferenceKind) : null;
}

/** The [kind] segment of the JSON routes: locations, event-types, entrance-types or participant-groups; anything else is a 404. */
export function referenceKindOr404(value: string): TReferenceKind {
  const kind = parseReferenceKind(value);
  if (!kind) throw new AppError("NOT_FOUND", "Unknown kind of reference data: use locations, event-types, entrance-types or participant-groups.");
  return kind;
}

/**
 * What an admin sees of an item (and what the JSON routes return). `names` are the translations of event types,
 * entrance types and participant groups ({ "id": "…", "ru": "…" }, lib/reference/localized-name.ts); locations keep one name and have none.
 */
export type TAdminReferenceItem = { id: number; name: string; slug: string; isActive: boolean; sortOrder: number; names?: TNames };
export const ADMIN_REFERENCE_SELECT = { id: true, name: true, slug: true, isActive: true, sortOrder: true } as const;

/** The longest reference name, in English and in every other language. */
export const REFERENCE_NAME_MAX = 100;

/** Whether a kind has a name per language (every kind but locations). */
export function hasTranslatedNames(kind: TReferenceKind): boolean {
  return kind !== "locations";
}

/** The select of an item: the admin's columns, with `names` where the kind has them (typed as the locations table). */
export function adminReferenceSelect(kind: TReferenceKind): typeof ADMIN_REFERENCE_SELECT {
  return (hasTranslatedNames(kind) ? { ...ADMIN_REFERENCE_SELECT, names: true } : ADMIN_REFERENCE_SELECT) as typeof ADMIN_REFERENCE_SELECT;
}

/** A row read with adminReferenceSelect as the admin sees it: its translations kept to strings. */
export function toAdminReferenceItem<T extends Omit<TAdminReferenceItem, "names">>(kind: TReferenceKind, row: T): T & { names?: TNames } {
  if (!hasTranslatedNames(kind)) return row;
  return { ...row, names: namesOf((row as { names?: unknown }).names) };
}

/** Names are trimmed with inner runs of spaces collapsed, then 2–100 characters. */
const ZReferenceName = z
  .string({ error: "Enter a name." })
  .transform((value) => value.replace(/\s+/g, " ").trim())
  .pipe(z.string().min(2, "The name must be at least 2 characters.").max(REFERENCE_NAME_MAX, `The name must be at most ${REFERENCE_NAME_MAX} characters.`));

/** The name, cleaned, and its slug (the product contract's rule, lib/format/slug.ts); INVALID_INPUT otherwise. */
export function cleanReferenceName(value: unknown): { name: string; slug: string } {
  const parsed = ZReferenceName.safeParse(value);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Enter a name.";
    throw new AppError("INVALID_INPUT", message, { fields: { name: message } });
  }
  const slug = slugify(parsed.data);
  if (!slug) {
    const message = "The name needs at least one letter or digit.";
    throw new AppError("INVALID_INPUT", message, { fields: { name: message } });
  }
  if (slug.length > 100) {
    const message = "The name is too long.";
    throw new AppError("INVALID_INPUT", message, { fields: { name: message } });
  }
  return { name: parsed.data, slug };
}

/**
 * The Prisma table of a kind. The four models have the same columns, so one
 * delegate type serves them all (typed as the locations table).
 */
export type TReferenceTable = Prisma.TransactionClient["location"];

export function referenceTable(client: Prisma.TransactionClient, kind: TReferenceKind): TReferenceTable {
  switch (kind) {
    case "locations":
      return client.location;
    case "event-types":
      return client.eventType as unknown as TReferenceTable;
    case "entrance-types":
      return client.entranceType as unknown as TReferenceTable;
    case "participant-groups":
      return client.participantGroup as unknown as TReferenceTable;
  }
}

/** Display order everywhere: the admin list, public filters and forms (lib/reference/list-reference-data.ts). */
export const REFERENCE_ORDER = [{ sortOrder: "asc" as const }, { name: "asc" as const }, { id: "asc" as const }];
