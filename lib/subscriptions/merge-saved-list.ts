import "server-only";
import { db } from "@/lib/db";
import { MAX_SAVED_EVENTS, type TSavedKey } from "@/lib/saved/saved-cookie";
import { findSubscriberByToken } from "./find-subscriber";
import { eventIdsOfSavedKeys } from "./saved-event-ids";

export type TMergeResult = {
  /** Events of the browser's list now on the subscriber's list that were not before. */
  added: number;
  /** Events left out because the subscriber's list holds MAX_SAVED_EVENTS. */
  leftOut: number;
};

/**
 * "Add them to this list": the events of a browser's saved list (its cookie) put on the subscriber's list, by someone
 * holding the subscriber's private token (the link in their mail, or the subscriber cookie). No confirmation mail:
 * the token is the proof. Idempotent: what is on the list already is left as it is (a row still waiting for a
 * confirmation is confirmed, since its owner asks for it now), so a second merge adds nothing. The newest saved fill
 * the room left under MAX_SAVED_EVENTS. Null for an unknown token.
 */
export async function mergeSavedList({
  token,
  savedKeys,
  now = new Date(),
}: {
  token: unknown;
  savedKeys: readonly TSavedKey[];
  now?: Date;
}): Promise<TMergeResult | null> {
  const subscriber = await findSubscriberByToken(token);
  if (!subscriber) return null;
  const eventIds = await eventIdsOfSavedKeys(savedKeys);
  if (eventIds.length === 0) return { added: 0, leftOut: 0 };
  const subscriberId = subscriber.id;
  return db.$transaction(async (tx) => {
    // Serialises merges of one subscriber (two tabs at once stay under the cap).
    await tx.$executeRaw`SELECT 1 FROM subscribers WHERE id = ${subscriberId}::uuid FOR UPDATE`;
    const rows = await tx.savedEvent.findMany({ where: { subscriberId }, select: { eventId: true, confirmedAt: true } });
    const listed = new Map(rows.map((row) => [row.eventId, row.confirmedAt]));
    const waiting = eventIds.filter((id) => listed.has(id) && listed.get(id) === null);
    if (waiting.length > 0)
      await tx.savedEvent.updateMany({ where: { subscriberId, eventId: { in: waiting }, confirmedAt: null }, data: { confirmedAt: now } });
    const fresh = eventIds.filter((id) => !listed.has(id));
    const room = Math.max(0, MAX_SAVED_EVENTS - listed.size);
    const added = room > 0 ? fresh.slice(-room) : [];
    if (added.length > 0) {
      await tx.savedEvent.createMany({ data: added.map((eventId) => ({ subscriberId, eventId, createdAt: now, confirmedAt: now })), skipDuplicates: true });
    }
    return { added: added.length + waiting.length, leftOut: fresh.length - added.length };
  });
}
