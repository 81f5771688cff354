import "server-only";
import { invalidateEventChange } from "@/lib/cache/public-changes";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** The fields an edit may change (creator and admin forms build on this in later work). */
export type TEventChanges = Partial<
  Pick<
    Prisma.EventUncheckedUpdateInput,
    | "title" | "description" | "startsAt" | "endsAt" | "durationMinutes" | "locationId" | "venueName" | "venueAddress" | "eventTypeId"
    | "entranceTypeId" | "entranceFeeIdr" | "participantGroupId" | "ledBy" | "contactEmail" | "contactPhone" | "bookingUrl" | "isFeatured"
  >
>;

/**
 * Writes an edit and invalidates every public cache that shows events, so
 * the change is live on the next request on every app instance.
 */
export async function updateEvent({ eventId, changes }: { eventId: string; changes: TEventChanges }): Promise<{ id: string; slug: string }> {
  const existing = await db.event.findFirst({ where: { id: eventId, deletedAt: null }, select: { id: true, slug: true, creatorId: true, status: true } });
  if (!existing) throw new AppError("NOT_FOUND", "This event does not exist.");
  const updated = await db.event.update({ where: { id: eventId }, data: changes, select: { id: true, slug: true } });
  await invalidateEventChange({ slug: existing.slug, creatorIds: [existing.creatorId], before: existing, after: existing });
  return updated;
}
