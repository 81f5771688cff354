// No "server-only": the alert form on the listing (components/alert-form.tsx) is rendered by the light render path too.
import { eventQueryToSearchParams, parsePageEventQuery, type TEventQuery } from "@/lib/events/event-query";
import { isUuid } from "@/lib/format/uuid";

/**
 * What an alert follows: a listing query ("Email me new events like these") or an organiser ("Email me when <name>
 * posts"), and its identity for a subscriber (`alerts.key`, unique per subscriber: the same alert twice is one row).
 *
 * A query alert keeps the listing's canonical query (lib/events/event-query.ts: the parse and serialisation the page
 * and its cache key use), without what only changes how the list is shown: the page, the order, and whether a
 * series shows each date. "/?type=ecstatic-dance&location=canggu&page=2&utm_source=x" → "location=canggu&type=ecstatic-dance";
 * "" is every new event. The server re-parses what a form sends, so no raw visitor string is ever stored.
 */

export type TAlertTarget = { kind: "query"; query: string } | { kind: "creator"; creatorId: string };

/** alerts.query is VARCHAR(1000): a longer query (a long search text, percent-encoded) is refused. */
export const MAX_ALERT_QUERY_LENGTH = 1_000;

/** The query an alert keeps for a listing's filters (what the form on "/" carries). */
export function alertQueryOf(query: TEventQuery): string {
  return eventQueryToSearchParams({ ...query, page: undefined, sort: undefined, dates: undefined }).toString();
}

/** A query sent by a form, parsed as the listing parses it and written again; null when it is not text or too long. */
export function canonicalAlertQuery(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length > MAX_ALERT_QUERY_LENGTH) return null;
  const canonical = alertQueryOf(parsePageEventQuery(new URLSearchParams(raw)).query);
  return canonical.length <= MAX_ALERT_QUERY_LENGTH ? canonical : null;
}

/** An alert's target from a form's fields (`query` or `creator`, not both); null when neither is usable. */
export function alertTargetOf({ query, creator }: { query?: unknown; creator?: unknown }): TAlertTarget | null {
  if (typeof creator === "string" && creator !== "") {
    if (query !== undefined && query !== null) return null;
    return creator.length === 36 && isUuid(creator) ? { kind: "creator", creatorId: creator.toLowerCase() } : null;
  }
  const canonical = canonicalAlertQuery(query);
  return canonical === null ? null : { kind: "query", query: canonical };
}

/** `alerts.key`: "query:<canonical query>" or "creator:<id>". */
export function alertKeyOf(target: TAlertTarget): string {
  return target.kind === "query" ? `query:${target.query}` : `creator:${target.creatorId}`;
}
