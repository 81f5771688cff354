import "server-only";
import { db } from "@/lib/db";
import {
  adminReferenceSelect,
  REFERENCE_ORDER,
  referenceTable,
  toAdminReferenceItem,
  type TAdminReferenceItem,
  type TReferenceKind,
} from "./manage-reference-kinds";

export type TAdminReferenceRow = TAdminReferenceItem & { eventCount: number };

/** Every item of a kind, active and inactive, in display order, with its translations (but locations) and how many (not deleted) events use it. For the admin only: never cached. */
export async function listAdminReference(kind: TReferenceKind): Promise<TAdminReferenceRow[]> {
  const rows = await referenceTable(db, kind).findMany({
    orderBy: REFERENCE_ORDER,
    select: { ...adminReferenceSelect(kind), _count: { select: { events: { where: { deletedAt: null } } } } },
  });
  return rows.map(({ _count, ...item }) => ({ ...toAdminReferenceItem(kind, item), eventCount: _count.events }));
}
