import "server-only";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { eventNotFound, ownedEventWhere, type TEventActor } from "./event-access";

export const VERIFY_EMAIL_TO_PUBLISH = "Verify your email to publish events.";

/**
 * Submits a draft (or an event awaiting payment). Payments are off
 * (PAYMENT_PROVIDER "none"), so the event is PUBLISHED at once. A creator
 * must have verified their email; an admin may publish any event.
 */
export async function submitEvent({ actor, eventId, now = new Date() }: { actor: TEventActor; eventId: string; now?: Date }): Promise<{ id: string; slug: string }> {
  const where = ownedEventWhere(actor, eventId);
  const event = await db.event.findFirst({
    where,
    select: { id: true, slug: true, status: true, endsAt: true, creator: { select: { emailVerifiedAt: true } } },
  });
  if (!event) throw eventNotFound();
  if (actor.role !== "ADMIN" && !event.creator.emailVerifiedAt) throw new AppError("FORBIDDEN", VERIFY_EMAIL_TO_PUBLISH);
  switch (event.status) {
    case "PUBLISHED":
      throw new AppError("CONFLICT", "This event is already published.");
    case "CANCELLED":
      throw new AppError("CONFLICT", "A cancelled event cannot be published again. Duplicate it to post it anew.");
    case "UNPUBLISHED":
      throw new AppError("CONFLICT", "An admin unpublished this event, so it cannot be published from here.");
    default:
      break;
  }
  if (event.endsAt.getTime() <= now.getTime()) throw new AppError("CONFLICT", "This event has ended. Change its date before publishing.");

  const { count } = await db.event.updateMany({
    where: { ...where, status: { in: ["DRAFT", "AWAITING_PAYMENT"] } },
    data: { status: "PUBLISHED", publishedAt: now, unpublishReason: null },
  });
  if (count === 0) throw new AppError("CONFLICT", "This event changed in the meantime. Reload the page and try again.");
  await invalidatePublicCaches("event");
  return { id: event.id, slug: event.slug };
}
