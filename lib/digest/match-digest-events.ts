import "server-only";
import { db, Prisma } from "@/lib/db";
import { eventQueryToSearchParams, parsePageEventQuery, type TEventQuery } from "@/lib/events/event-query";
import { buildPublicEventConditions } from "@/lib/events/list-public-events";

/**
 * Which new events each subscriber of a digest run hears about: set-based, never one query per subscriber.
 *
 * 1. The alerts of the run's PENDING deliveries, in one statement, each with the instant it counts from: the later
 *    of the subscriber's `digestedUntil` (what the last digest covered) and the alert's confirmation.
 * 2. The new events, in one statement: published (events.published_at) after the earliest of those instants and up
 *    to the run's cutoff, public (published, not deleted) and not ended at the cutoff. A date of a recurring series
 *    is new only when its series is: the series' first publication is the instant that counts (the hourly job adds
 *    a date 12 weeks ahead every week, and publishes it, but a weekly class is not news every week).
 * 3. Each DISTINCT query among the alerts, parsed as the listing parses it (parsePageEventQuery) and tested against
 *    the new events only with the listing's own conditions (buildPublicEventConditions, "now" being the cutoff),
 *    many queries to a statement. An organiser's alert matches that organiser's new events, in memory.
 * 4. Per subscriber, in memory: the union of their alerts' matches published after each alert's instant, a series
 *    once (its soonest date), soonest first, cut to MAX_DIGEST_EVENTS.
 */

/** At most this many events in one mail ("at most 20, with a link to all"). */
export const MAX_DIGEST_EVENTS = 20;

/**
 * The new events are looked for at most this far back. A subscriber's instant is normally last week's cutoff; this
 * only bounds the work when digests stopped for weeks (an event published before then is no longer news).
 */
export const DIGEST_LOOKBACK_MS = 28 * 86_400_000;

/** Distinct alert queries tested in one statement. */
const QUERIES_PER_STATEMENT = 50;

export type TDigestMatch = {
  subscriberId: string;
  /** The events to list, soonest first, at most MAX_DIGEST_EVENTS. */
  eventIds: string[];
  /** How many matched in all (a series once). */
  total: number;
  /** The alerts that matched at least one of them. */
  alertIds: string[];
};

type TAlertRow = { id: string; subscriberId: string; kind: "QUERY" | "CREATOR"; query: string | null; creatorId: string | null; since: Date };

type TNewEvent = { id: string; seriesId: string | null; startsAt: Date; creatorId: string; published: Date };

/** The canonical form of an alert's query as the listing reads it (lenient: a value the listing would drop is dropped). */
export function alertQueryOf(query: string): { query: TEventQuery; key: string } {
  const { query: parsed } = parsePageEventQuery(new URLSearchParams(query));
  // The page, the order and "every date" change what a listing shows, not which events match.
  const matching: TEventQuery = { ...parsed, page: undefined, sort: undefined, dates: undefined };
  return { query: matching, key: eventQueryToSearchParams(matching).toString() };
}

/**
 * The matches of a run's PENDING deliveries (or of `subscriberIds` among them), one entry per delivery, including
 * those with nothing (total 0).
 */
export async function matchDigestEvents({
  runId,
  cutoff,
  subscriberIds,
}: {
  runId: string;
  cutoff: Date;
  subscriberIds?: readonly string[];
}): Promise<TDigestMatch[]> {
  const floor = new Date(cutoff.getTime() - DIGEST_LOOKBACK_MS);
  const [pending, alerts] = await Promise.all([pendingSubscribers(runId, subscriberIds), alertsOfPending(runId, cutoff, floor, subscriberIds)]);
  if (pending.length === 0) return [];
  const since = alerts.reduce<Date | null>((earliest, alert) => (earliest === null || alert.since < earliest ? alert.since : earliest), null);
  const newEvents = since === null ? [] : await listNewEvents(since, cutoff);
  const matchesByKey = newEvents.length === 0 ? new Map<string, Set<string>>() : await matchQueries(alerts, newEvents, cutoff);
  return collect(pending, alerts, newEvents, matchesByKey);
}

async function pendingSubscribers(runId: string, subscriberIds: readonly string[] | undefined): Promise<string[]> {
  const rows = await db.$queryRaw<{ subscriberId: string }[]>`
    SELECT d.subscriber_id AS "subscriberId" FROM digest_deliveries d
    WHERE d.run_id = ${runId}::uuid AND d.status = 'PENDING'::"DigestDeliveryStatus"
      ${subscriberIds ? Prisma.sql`AND d.subscriber_id = ANY(${subscriberIds}::uuid[])` : Prisma.empty}`;
  return rows.map((row) => row.subscriberId);
}

/** The confirmed alerts of the run's pending, still subscribed subscribers, each with the instant its news starts after. */
async function alertsOfPending(runId: string, cutoff: Date, floor: Date, subscriberIds: readonly string[] | undefined): Promise<TAlertRow[]> {
  return db.$queryRaw<TAlertRow[]>`
    SELECT a.id, a.subscriber_id AS "subscriberId", a.kind::text AS kind, a.query, a.creator_id AS "creatorId",
           GREATEST(s.digested_until, a.confirmed_at, ${floor}::timestamptz) AS since
    FROM digest_deliveries d
    JOIN subscribers s ON s.id = d.subscriber_id
    JOIN alerts a ON a.subscriber_id = d.subscriber_id
    WHERE d.run_id = ${runId}::uuid AND d.status = 'PENDING'::"DigestDeliveryStatus"
      ${subscriberIds ? Prisma.sql`AND d.subscriber_id = ANY(${subscriberIds}::uuid[])` : Prisma.empty}
      AND s.confirmed_at IS NOT NULL AND s.unsubscribed_at IS NULL
      AND a.confirmed_at IS NOT NULL AND a.confirmed_at <= ${cutoff}
      AND GREATEST(s.digested_until, a.confirmed_at) < ${cutoff}`;
}

/**
 * Events published in (since, cutoff], public and not ended at the cutoff, with the instant each was first published:
 * its own for a one-off event, its series' first publication for a date of a series (so a series published before
 * `since` has no new date). Reads the published-at range of events_public_newest_idx.
 */
async function listNewEvents(since: Date, cutoff: Date): Promise<TNewEvent[]> {
  return db.$queryRaw<TNewEvent[]>`
    WITH fresh AS MATERIALIZED (
      SELECT e.id, e.series_id, e.starts_at, e.creator_id, e.published_at
      FROM events e
      WHERE e.published_at > ${since} AND e.published_at <= ${cutoff}
        AND e.deleted_at IS NULL AND e.status = 'PUBLISHED'::"EventStatus" AND e.ends_at > ${cutoff}
    ),
    series_first AS (
      SELECT f.series_id, (SELECT min(s.published_at) FROM events s WHERE s.series_id = f.series_id) AS published
      FROM (SELECT DISTINCT series_id FROM fresh WHERE series_id IS NOT NULL) f
    )
    SELECT f.id, f.series_id AS "seriesId", f.starts_at AS "startsAt", f.creator_id AS "creatorId", COALESCE(sf.published, f.published_at) AS published
    FROM fresh f LEFT JOIN series_first sf ON sf.series_id = f.series_id
    WHERE sf.series_id IS NULL OR sf.published > ${since}`;
}

/** For each distinct query of the alerts (by canonical key): the ids of the new events it matches. */
async function matchQueries(alerts: readonly TAlertRow[], newEvents: readonly TNewEvent[], cutoff: Date): Promise<Map<string, Set<string>>> {
  const queries = new Map<string, TEventQuery>();
  for (const alert of alerts) {
    if (alert.kind !== "QUERY" || alert.query === null) continue;
    const { query, key } = alertQueryOf(alert.query);
    queries.set(key, query);
  }
  const ids = newEvents.map((event) => event.id);
  const matches = new Map<string, Set<string>>();
  const entries = [...queries.entries()];
  for (let start = 0; start < entries.length; start += QUERIES_PER_STATEMENT) {
    const batch = entries.slice(start, start + QUERIES_PER_STATEMENT);
    const selects = batch.map(
      ([, query], index) =>
        Prisma.sql`SELECT ${start + index}::int AS q, e.id FROM e WHERE ${Prisma.join(buildPublicEventConditions(query, cutoff, { boundStart: false }), " AND ")}`,
    );
    const rows = await db.$queryRaw<{ q: number; id: string }[]>`
      WITH e AS MATERIALIZED (
        SELECT id, status, deleted_at, starts_at, ends_at, location_id, event_type_id, entrance_type_id, entrance_fee_idr, languages, search_vector
        FROM events WHERE id = ANY(${ids}::uuid[])
      )
      ${Prisma.join(selects, " UNION ALL ")}`;
    for (const row of rows) {
      const key = entries[row.q]?.[0];
      if (key === undefined) continue;
      let set = matches.get(key);
      if (!set) matches.set(key, (set = new Set()));
      set.add(row.id);
    }
  }
  return matches;
}

function collect(
  pending: readonly string[],
  alerts: readonly TAlertRow[],
  newEvents: readonly TNewEvent[],
  matchesByKey: ReadonlyMap<string, ReadonlySet<string>>,
): TDigestMatch[] {
  const eventsById = new Map(newEvents.map((event) => [event.id, event]));
  const byCreator = new Map<string, TNewEvent[]>();
  for (const event of newEvents) {
    const list = byCreator.get(event.creatorId);
    if (list) list.push(event);
    else byCreator.set(event.creatorId, [event]);
  }
  const alertsBySubscriber = new Map<string, TAlertRow[]>();
  for (const alert of alerts) {
    const list = alertsBySubscriber.get(alert.subscriberId);
    if (list) list.push(alert);
    else alertsBySubscriber.set(alert.subscriberId, [alert]);
  }
  const keyOf = new Map<string, string>();
  const alertKey = (query: string) => {
    let key = keyOf.get(query);
    if (key === undefined) keyOf.set(query, (key = alertQueryOf(query).key));
    return key;
  };

  return pending.map((subscriberId) => {
    // A series once: its soonest matching date.
    const cards = new Map<string, TNewEvent>();
    const alertIds: string[] = [];
    for (const alert of alertsBySubscriber.get(subscriberId) ?? []) {
      const matched =
        alert.kind === "CREATOR"
          ? (byCreator.get(alert.creatorId ?? "") ?? [])
          : [...(matchesByKey.get(alertKey(alert.query ?? "")) ?? [])].map((id) => eventsById.get(id)).filter((event) => event !== undefined);
      let any = false;
      for (const event of matched) {
        if (event.published <= alert.since) continue;
        any = true;
        const card = event.seriesId ?? event.id;
        const kept = cards.get(card);
        if (!kept || event.startsAt < kept.startsAt || (event.startsAt.getTime() === kept.startsAt.getTime() && event.id < kept.id)) cards.set(card, event);
      }
      if (any) alertIds.push(alert.id);
    }
    const sorted = [...cards.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { subscriberId, eventIds: sorted.slice(0, MAX_DIGEST_EVENTS).map((event) => event.id), total: sorted.length, alertIds };
  });
}
