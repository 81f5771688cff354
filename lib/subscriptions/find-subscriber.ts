import "server-only";
import { db } from "@/lib/db";
import { isSubscriberToken } from "./subscriber-token";

export type TSubscriber = { id: string; token: string; language: string; unsubscribedAt: Date | null };

/**
 * The confirmed subscriber a private token belongs to, or null. A value that is not shaped like a token (43
 * characters of base64url) never reaches the database; one that is costs one lookup on the unique index, whether or
 * not it exists. A subscriber who never confirmed has no page yet: null, as for an unknown token. One who
 * unsubscribed from everything keeps their saved list and calendar feed (they stop mail, not the list).
 */
export async function findSubscriberByToken(token: unknown): Promise<TSubscriber | null> {
  if (!isSubscriberToken(token)) return null;
  const subscriber = await db.subscriber.findUnique({
    where: { token },
    select: { id: true, token: true, language: true, confirmedAt: true, unsubscribedAt: true },
  });
  if (!subscriber?.confirmedAt) return null;
  return { id: subscriber.id, token: subscriber.token, language: subscriber.language, unsubscribedAt: subscriber.unsubscribedAt };
}
