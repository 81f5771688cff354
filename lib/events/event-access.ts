import "server-only";
import type { Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/format/uuid";

/** Who acts on an event: its creator, or an admin (who may act on any event). */
export type TEventActor = { id: string; role: "CREATOR" | "ADMIN" };

/** One answer for "not yours", "deleted" and "never existed": nobody learns which events exist. */
export function eventNotFound(): AppError {
  return new AppError("NOT_FOUND", "This event does not exist.");
}

/**
 * The object-level check every creator use case starts with: a live
 * (not deleted) event, owned by the actor unless the actor is an admin.
 * Throws NOT_FOUND for ids that are not even UUIDs (they would make
 * PostgreSQL fail).
 */
export function ownedEventWhere(actor: TEventActor, eventId: string): Prisma.EventWhereInput & { id: string } {
  if (!isUuid(eventId)) throw eventNotFound();
  return actor.role === "ADMIN" ? { id: eventId, deletedAt: null } : { id: eventId, deletedAt: null, creatorId: actor.id };
}
