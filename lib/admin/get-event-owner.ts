import "server-only";
import { db } from "@/lib/db";

/** Who owns an event, as an admin's edit form shows and pre-fills it. */
export async function getEventOwner(creatorId: string): Promise<{ email: string; name: string }> {
  return db.user.findUniqueOrThrow({ where: { id: creatorId }, select: { email: true, name: true } });
}
