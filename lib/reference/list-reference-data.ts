import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { db, Prisma } from "@/lib/db";
import type { TNames } from "./localized-name";

/** An item; `names` are its translations (lib/reference/localized-name.ts), absent for locations (they keep one name). */
export type TReferenceItem = { id: number; name: string; slug: string; names?: TNames };
export type TReferenceData = {
  locations: TReferenceItem[];
  eventTypes: TReferenceItem[];
  entranceTypes: TReferenceItem[];
  participantGroups: TReferenceItem[];
};

/**
 * Active reference items for filters and forms (inactive ones still show on events that use them), in display
 * order. One statement for the four kinds: on a cache miss (and on every request with caching off) it is one round
 * trip instead of four.
 */
export async function listReferenceData(): Promise<TReferenceData> {
  return cached("reference", "active", async () => {
    const [row] = await db.$queryRaw<TReferenceData[]>`
      SELECT
        (SELECT ${activeItems("locations")}) AS "locations",
        (SELECT ${activeItems("event_types")}) AS "eventTypes",
        (SELECT ${activeItems("entrance_types")}) AS "entranceTypes",
        (SELECT ${activeItems("participant_groups")}) AS "participantGroups"`;
    if (!row) throw new Error("reference data: the statement returned no row");
    return row;
  });
}

/** A JSON array of one table's active items, ordered as the admin set them (then by name), with their translations but for locations. */
function activeItems(table: "locations" | "event_types" | "entrance_types" | "participant_groups"): Prisma.Sql {
  const item =
    table === "locations"
      ? Prisma.sql`json_build_object('id', id, 'name', name, 'slug', slug)`
      : Prisma.sql`json_build_object('id', id, 'name', name, 'slug', slug, 'names', names)`;
  return Prisma.sql`coalesce(json_agg(${item} ORDER BY sort_order, name), '[]'::json)
        FROM ${Prisma.raw(`"${table}"`)} WHERE is_active`;
}
