import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { db } from "@/lib/db";

export type TReferenceItem = { id: number; name: string; slug: string };
export type TReferenceData = {
  locations: TReferenceItem[];
  eventTypes: TReferenceItem[];
  entranceTypes: TReferenceItem[];
  participantGroups: TReferenceItem[];
};

const activeInOrder = {
  where: { isActive: true },
  orderBy: [{ sortOrder: "asc" as const }, { name: "asc" as const }],
  select: { id: true, name: true, slug: true },
};

/** Active reference items for filters and forms (inactive ones still show on events that use them). */
export async function listReferenceData(): Promise<TReferenceData> {
  return cached("reference", "active", async () => {
    const [locations, eventTypes, entranceTypes, participantGroups] = await Promise.all([
      db.location.findMany(activeInOrder),
      db.eventType.findMany(activeInOrder),
      db.entranceType.findMany(activeInOrder),
      db.participantGroup.findMany(activeInOrder),
    ]);
    return { locations, eventTypes, entranceTypes, participantGroups };
  });
}
