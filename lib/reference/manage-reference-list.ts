import "server-only";
import { db } from "@/lib/db";
import { ADMIN_REFERENCE_SELECT, REFERENCE_ORDER, referenceTable, type TAdminReferenceItem, type TReferenceKind } from "./manage-reference-kinds";

export type TAdminReferenceRow = TAdminReferenceItem & { eventCount: number };

/** Every item of a kind, active and inactive, in display order, with how many (not deleted) events use it. For the admin only: never cached. */
export async function listAdminReference(kind: TReferenceKind): Promise<TAdminReferenceRow[]> {
  const rows = await referenceTable(db, kind).findMany({
    orderBy: REFERENCE_ORDER,
    select: { ...ADMIN_REFERENCE_SELECT, _count: { select: { events: { where: { deletedAt: null } } } } },
  });
  return rows.map(({ _count, ...item }) => ({ ...item, eventCount: _count.events }));
}
