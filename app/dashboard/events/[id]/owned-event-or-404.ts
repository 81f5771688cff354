import "server-only";
import { notFound } from "next/navigation";
import type { TCurrentUser } from "@/lib/http/current-user";
import { AppError } from "@/lib/errors";
import { getOwnedEvent, type TOwnedEvent } from "@/lib/events/get-owned-event";

/** The signed-in user's own event (any event for an admin), or a real 404 page: other people's, deleted and unknown events look the same. */
export async function ownedEventOr404(user: TCurrentUser, eventId: string): Promise<TOwnedEvent> {
  try {
    return await getOwnedEvent({ actor: user, eventId });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
