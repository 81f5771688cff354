import "server-only";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/format/uuid";
import { findSubscriberByToken } from "./find-subscriber";

/**
 * "Remove" on /saved/<token>: the event (by id) off the subscriber's list; the calendar feed drops it at its next
 * refresh. Null for an unknown token (the route answers 404); otherwise whether a row went (removing twice is
 * harmless).
 */
export async function removeSubscriberSavedEvent({ token, eventId }: { token: unknown; eventId: unknown }): Promise<{ removed: boolean } | null> {
  const subscriber = await findSubscriberByToken(token);
  if (!subscriber) return null;
  if (typeof eventId !== "string" || eventId.length !== 36 || !isUuid(eventId)) return { removed: false };
  const { count } = await db.savedEvent.deleteMany({ where: { subscriberId: subscriber.id, eventId: eventId.toLowerCase() } });
  return { removed: count > 0 };
}
