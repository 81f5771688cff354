import "server-only";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/format/uuid";

/** A creator account as the admin's edit page shows it, with its counts; null for anything that is not a creator. */
export async function getCreatorForAdmin(id: string) {
  if (!isUuid(id)) return null;
  return db.user.findFirst({
    where: { id, role: "CREATOR" },
    select: {
      id: true,
      name: true,
      organisation: true,
      email: true,
      phone: true,
      language: true,
      isActive: true,
      emailVerifiedAt: true,
      createdAt: true,
      _count: { select: { events: { where: { deletedAt: null } }, payments: true } },
    },
  });
}
