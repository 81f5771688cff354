import "server-only";
import { db, type EventStatus } from "@/lib/db";
import { ownedEventWhere, type TEventActor } from "@/lib/events/event-access";
import { SERIES_LIMITS } from "./repeat-words";

export type TSeriesDateRow = { id: string; startsAt: Date; status: EventStatus; editedAlone: boolean };

/** The dates of the series of one of the actor's dates that have not ended, for its edit page (each date is edited on its own page). */
export async function listSeriesDatesForOwner({
  actor,
  eventId,
  now = new Date(),
}: {
  actor: TEventActor;
  eventId: string;
  now?: Date;
}): Promise<TSeriesDateRow[]> {
  const date = await db.event.findFirst({ where: ownedEventWhere(actor, eventId), select: { seriesId: true } });
  if (!date?.seriesId) return [];
  return db.event.findMany({
    where: { seriesId: date.seriesId, deletedAt: null, endsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    take: SERIES_LIMITS.countMax,
    select: { id: true, startsAt: true, status: true, editedAlone: true },
  });
}
