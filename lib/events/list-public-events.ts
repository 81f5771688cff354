import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { db, Prisma } from "@/lib/db";
import { startOfBaliDay, addBaliDays, windowForWhen } from "@/lib/time/bali";
import { closedDayNamesColumn } from "@/lib/series/closed-day-note-names";
import { EVENT_LIMITS } from "./event-form-schema";
import { toEventCard, type TCardRow, type TEventCard } from "./event-card";
import { eventQueryToSearchParams, PAGE_SIZE, type TEventQuery } from "./event-query";
import { expandedPrefixTsQuery, MAX_PREFIX_EXPANSIONS, prefixUpperBound, searchWords, toPrefixTsQuery } from "./search-terms";

export type TEventListing = {
  events: TEventCard[];
  /** How many events match; with `totalIsLowerBound`, at least this many (the count stopped there). */
  total: number;
  page: number;
  limit: number;
  totalPages: number;
  /** Present when the count was capped: "1,000+ events", and there are more pages than `totalPages` says. */
  totalIsLowerBound?: true;
};

type TListOptions = {
  query: TEventQuery;
  limit?: number;
  now?: Date;
  /**
   * Count every match (the API's `total` is exact). Pages stop counting at TOTAL_COUNT_CAP (or a little past the
   * page asked for): a broad search matches thousands of events, and counting them all costs more than finding
   * the 24 on the page.
   */
  exactTotal?: boolean;
};

/** Pages say "1,000+ events" rather than count further. */
export const TOTAL_COUNT_CAP = 1_000;

/**
 * The longest an event can last: the form allows 90 days and 23:45, and the
 * CHECK constraint `events_duration_within_limits` guarantees it for every
 * row. So an event that ends after X started after X minus this, which lets
 * every listing query bound `starts_at` from below (see docs/search-and-indexes.md).
 */
export const MAX_EVENT_DURATION_MS = (EVENT_LIMITS.durationDaysMax + 1) * 86_400_000;

/**
 * Upcoming public events matching a visitor's filters, featured first, then
 * by the chosen sort. Cached per canonical query; see lib/cache/policies.ts.
 */
export async function listPublicEvents({ query, limit = PAGE_SIZE, now, exactTotal = false }: TListOptions): Promise<TEventListing> {
  const cacheField = `${eventQueryToSearchParams(query, { page: query.page ?? 1, limit }).toString()}${exactTotal ? "#exact" : ""}`;
  // `now` is only passed by tests that need a fixed clock; those skip the cache.
  if (now) return loadPublicEvents({ query, limit, now, exactTotal });
  return cached("listing", cacheField, () => loadPublicEvents({ query, limit, now: new Date(), exactTotal }));
}

/**
 * What the query's words and slugs stand for, looked up in one statement: reference ids (null where a slug names
 * nothing) and the search's prefixes spelled out as whole words (see expandedPrefixTsQuery; null when a word is the
 * prefix of nothing).
 */
export type TResolvedTerms = { location?: number | null; type?: number | null; entrance?: number | null; prefixQuery?: string | null };

type TConditionOptions = {
  /** Terms looked up beforehand; without them, slugs are looked up in subqueries and prefixes stay prefixes. */
  ids?: TResolvedTerms;
  /** Bound starts_at from below (default true); see below. */
  boundStart?: boolean;
  /** The alias of `events` the conditions are about ("e" unless it is a second copy of the table, as in seriesOnce). */
  alias?: "e" | "s";
  /** Let the planner answer the search from the full-text index (default: for alias "e"); see eventFilterConditions. */
  searchByIndex?: boolean;
};

/**
 * The WHERE conditions (over `events e`) of the public listing, shared with
 * the feeds. With `ids` (listPublicEvents looks them up first), the planner
 * sees the actual location or type and can pick the index that suits it.
 */
export function buildPublicEventConditions(
  query: TEventQuery,
  now: Date,
  { ids, boundStart = true, alias = "e", searchByIndex = alias === "e" }: TConditionOptions = {},
): Prisma.Sql[] {
  const e = Prisma.raw(alias);
  const conditions: Prisma.Sql[] = [
    Prisma.sql`${e}.deleted_at IS NULL`,
    Prisma.sql`${e}.status IN ('PUBLISHED'::"EventStatus", 'CANCELLED'::"EventStatus")`,
    // A search is answered from the full-text index: "ends after now" is written so that no time index can be
    // ANDed to it (a bitmap of every upcoming event, 13 ms at 100,000 events, to remove a few rows); see
    // docs/search-and-indexes.md.
    query.q ? Prisma.sql`${e}.ends_at + interval '0 s' > ${now}` : Prisma.sql`${e}.ends_at > ${now}`,
  ];
  // Every "ends after" bound; the latest one also bounds the start (see
  // MAX_EVENT_DURATION_MS). Besides letting ordered scans start near now, it
  // tells the planner how few rows a time window holds: "ends after now" and
  // "starts before tomorrow" each match half the table, their conjunction a
  // few dozen rows, and the planner cannot know they are correlated.
  let endsAfter = now;
  const window = query.when ? windowForWhen(query.when, now) : null;
  if (window) {
    conditions.push(Prisma.sql`${e}.starts_at < ${window.end} AND ${e}.ends_at > ${window.start}`);
    if (window.start > endsAfter) endsAfter = window.start;
  }
  if (query.from) {
    const from = startOfBaliDay(query.from);
    conditions.push(Prisma.sql`${e}.ends_at > ${from}`);
    if (from > endsAfter) endsAfter = from;
  }
  if (query.to) conditions.push(Prisma.sql`${e}.starts_at < ${startOfBaliDay(addBaliDays(query.to, 1))}`);
  if (boundStart) conditions.push(Prisma.sql`${e}.starts_at > ${new Date(endsAfter.getTime() - MAX_EVENT_DURATION_MS)}`);
  conditions.push(...eventFilterConditions(query, ids, alias, searchByIndex));
  return conditions;
}

/** The filters that say what an event is, not when: location, type, entrance, price, language and search. Shared with the calendar. */
export function eventFilterConditions(
  query: Pick<TEventQuery, "q" | "location" | "type" | "entrance" | "price" | "lang">,
  ids?: TResolvedTerms,
  alias: "e" | "s" = "e",
  searchByIndex = alias === "e",
): Prisma.Sql[] {
  const e = Prisma.raw(alias);
  const conditions: Prisma.Sql[] = [];
  if (query.location) {
    conditions.push(
      ids ? Prisma.sql`${e}.location_id = ${ids.location}` : Prisma.sql`${e}.location_id = (SELECT id FROM locations WHERE slug = ${query.location})`,
    );
  }
  if (query.type) {
    conditions.push(
      ids ? Prisma.sql`${e}.event_type_id = ${ids.type}` : Prisma.sql`${e}.event_type_id = (SELECT id FROM event_types WHERE slug = ${query.type})`,
    );
  }
  if (query.entrance) {
    conditions.push(
      ids
        ? Prisma.sql`${e}.entrance_type_id = ${ids.entrance}`
        : Prisma.sql`${e}.entrance_type_id = (SELECT id FROM entrance_types WHERE slug = ${query.entrance})`,
    );
  }
  if (query.price === "free") conditions.push(Prisma.sql`${e}.entrance_fee_idr = 0`);
  if (query.price === "paid") conditions.push(Prisma.sql`${e}.entrance_fee_idr > 0`);
  if (query.lang) conditions.push(Prisma.sql`${e}.languages @> ARRAY[${query.lang}]::varchar[]`);
  if (query.q) {
    // Stemmed words ("dances" finds "dance") OR word prefixes ("medit" finds
    // "meditation"); both are answered by the GIN index on search_vector. The
    // prefixes are spelled out as whole words when they were looked up first.
    const prefix = toPrefixTsQuery(query.q);
    if (prefix) {
      const prefixes =
        ids?.prefixQuery === undefined
          ? Prisma.sql`to_tsquery('simple', ${prefix})`
          : ids.prefixQuery === null
            ? null
            : Prisma.sql`${ids.prefixQuery}::tsquery`;
      const matchesSearch = prefixes
        ? Prisma.sql`${e}.search_vector @@ (websearch_to_tsquery('english', ${query.q}) || ${prefixes})`
        : Prisma.sql`${e}.search_vector @@ websearch_to_tsquery('english', ${query.q})`;
      // Where the rows come from another index (seriesOnce's lookups within a series, a broad search's walk in the
      // order of the page), the search is tested on those rows only: `IS TRUE` keeps the planner from building a
      // bitmap of every match in the table to AND in (2 ms for a frequent word, once per lookup or branch).
      conditions.push(searchByIndex ? matchesSearch : Prisma.sql`(${matchesSearch}) IS TRUE`);
    }
  }
  return conditions;
}

/**
 * "A series shows once" (the default listing; `dates=all` lifts it): a date of a series is listed only when it is
 * its series' first date that matches the same filters and takes place, or, when none of them takes place, its first
 * matching cancelled date. So the card is the series' next matching date ("This weekend" shows a Sunday class at its
 * Sunday date), and the count counts series once. Each lookup is a short range of events_public_series_idx within
 * the series, from the listing's lower bound on the start (a NOT EXISTS over "an earlier matching date" measured 5 to
 * 10 times slower: the planner ANDed bitmaps of the whole filter into every check).
 */
function seriesOnce(query: TEventQuery, now: Date, ids: TResolvedTerms | undefined): Prisma.Sql {
  // Bounded from below so that the walk starts near now in its series, not at the series' first date.
  const same = Prisma.join(buildPublicEventConditions(query, now, { ids, alias: "s" }), " AND ");
  const first = (condition: Prisma.Sql) =>
    Prisma.sql`(SELECT s.id FROM events s WHERE s.series_id = e.series_id AND ${same} ${condition} ORDER BY s.starts_at, s.id LIMIT 1)`;
  const published = Prisma.sql`AND s.status = 'PUBLISHED'::"EventStatus"`;
  // The series' card comes no later than a matching date that takes place, so for one the lookup stops at it.
  const upToThis = Prisma.sql`AND s.starts_at <= e.starts_at`;
  return Prisma.sql`(e.series_id IS NULL OR e.id = CASE WHEN e.status = 'PUBLISHED'::"EventStatus" THEN ${first(Prisma.sql`${published} ${upToThis}`)}
    ELSE COALESCE(${first(published)}, ${first(upToThis)}) END)`;
}

/** The listing's filters (over `events e`), joined. */
function filterConditions(query: TEventQuery, now: Date, options: Omit<TConditionOptions, "alias">): Prisma.Sql {
  return Prisma.join(buildPublicEventConditions(query, now, options), " AND ");
}

/**
 * Each sort: what a candidate for the page carries (its id and what the order needs; for soonest, all of it is in
 * events_public_soonest_idx, so the unfiltered page is an index-only scan) and those columns' names, what seriesOnce reads
 * besides, and the order after "featured first",
 * for one branch and for the merged candidates `c`.
 */
const SORTS = {
  soonest: {
    columns: Prisma.sql`e.id, e.is_featured, e.starts_at`,
    names: Prisma.raw("id, is_featured, starts_at"),
    forSeriesOnce: Prisma.sql`e.series_id, e.status`,
    branch: Prisma.sql`e.starts_at, e.id`,
    merged: Prisma.sql`c.is_featured DESC, c.starts_at, c.id`,
  },
  newest: {
    columns: Prisma.sql`e.id, e.is_featured, e.published_at, e.created_at`,
    names: Prisma.raw("id, is_featured, published_at, created_at"),
    forSeriesOnce: Prisma.sql`e.series_id, e.status, e.starts_at`,
    branch: Prisma.sql`e.published_at DESC NULLS LAST, e.created_at DESC, e.id`,
    merged: Prisma.sql`c.is_featured DESC, c.published_at DESC NULLS LAST, c.created_at DESC, c.id`,
  },
} as const;

/** The columns of a card (TCardRow) for the rows of `events e`: the six joins are correlated subqueries, run for the page's rows only. */
const CARD_COLUMNS = Prisma.sql`e.id, e.slug, e.title, e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.entrance_fee_idr AS "entranceFeeIdr",
           e.venue_name AS "venueName", e.is_featured AS "isFeatured", e.status::text AS status, e.creator_id AS "creatorId", e.series_id AS "seriesId", e.cancel_note AS "cancelNote", e.languages,
           ${closedDayNamesColumn("e")} AS "cancelNoteNames",
           (SELECT json_build_object('name', l.name, 'slug', l.slug) FROM locations l WHERE l.id = e.location_id) AS location,
           (SELECT json_build_object('name', t.name, 'slug', t.slug, 'names', t.names) FROM event_types t WHERE t.id = e.event_type_id) AS "eventType",
           (SELECT json_build_object('name', x.name, 'slug', x.slug, 'names', x.names) FROM entrance_types x WHERE x.id = e.entrance_type_id) AS "entranceType",
           (SELECT json_build_object('name', u.name, 'organisation', u.organisation) FROM users u WHERE u.id = e.creator_id) AS creator,
           (SELECT json_build_object('cardKey', i.card_key, 'width', i.width, 'height', i.height) FROM images i WHERE i.event_id = e.id) AS image,
           (SELECT json_build_object('frequency', r.frequency, 'weekdays', r.weekdays, 'monthly', r.monthly, 'untilDate', r.until_date,
                                     'dateCount', r.date_count, 'startDate', r.start_date, 'startTime', r.start_time)
              FROM event_series r WHERE r.id = e.series_id) AS series`;

type TStatementInput = { query: TEventQuery; limit: number; now: Date; ids?: TResolvedTerms; exactTotal: boolean };

/** A listing's one statement, and how far its total counts (null: every match). */
type TListingStatement = { statement: Prisma.Sql; countLimit: number | null };

/** A row of a listing's statement: a card and the total, or, when the page has no card, the total and nulls. */
type TListingRow = TCardRow & { total: number; position: number | null };

/** How far a listing counts (null: all of it); a capped count reads at most this + 1 matches, enough to say "1,000+" and to offer the next page. */
function countLimitFor({ query, limit, exactTotal }: TStatementInput): number | null {
  if (exactTotal) return null;
  return Math.max(TOTAL_COUNT_CAP, (query.page ?? 1) * limit + limit);
}

/**
 * The shape every listing statement shares: `candidates` (rows of the sort's columns, featured and not) are
 * sorted and cut to the page, and only the page's rows are joined to their location, types, organiser and image;
 * each row also carries `total`, and a page with no card is one row of the total and nulls. One round trip per
 * page, no per-card queries.
 */
function pageOfCards({ ctes, candidates, total, input }: { ctes: Prisma.Sql | null; candidates: Prisma.Sql; total: Prisma.Sql; input: TStatementInput }) {
  const sort = SORTS[input.query.sort === "newest" ? "newest" : "soonest"];
  const offset = ((input.query.page ?? 1) - 1) * input.limit;
  return Prisma.sql`
    WITH ${ctes ? Prisma.sql`${ctes},` : Prisma.empty}
    page AS (
      SELECT c.id, row_number() OVER (ORDER BY ${sort.merged}) AS position
      FROM (${candidates}) c
      ORDER BY ${sort.merged}
      LIMIT ${input.limit} OFFSET ${offset}
    )
    SELECT ${total} AS total, cards.*
    FROM (SELECT 1) AS one
    LEFT JOIN (SELECT ${CARD_COLUMNS}, c.position FROM page c JOIN events e ON e.id = c.id) cards ON true
    ORDER BY cards.position`;
}

/**
 * Featured and other events, each in the order of the sort, `offset + limit` of each: a walk of the partial
 * index that matches the order (events_public_soonest_idx or events_public_newest_idx) or, for a selective
 * filter, a bitmap of the filter's index. `parts` splits each branch further (see searchListingStatement).
 *
 * Unless `dates=all`, "a series once" (seriesOnce) is checked after the order, on the rows in turn until the branch
 * has its rows: `OFFSET 0` keeps PostgreSQL from pushing the check down into the scan, where a bitmap plan would
 * run it on every match before sorting (2,000 lookups, 55 ms, for a frequent word). A walk of an index is the
 * same either way: its rows come in order and it stops at the limit.
 */
function branches(input: TStatementInput, where: Prisma.Sql, parts: Prisma.Sql[] = [Prisma.empty]): Prisma.Sql {
  const sort = SORTS[input.query.sort === "newest" ? "newest" : "soonest"];
  const branchLimit = (input.query.page ?? 1) * input.limit;
  const once = input.query.dates === "all" ? null : seriesOnce(input.query, input.now, input.ids);
  const selects = [Prisma.sql`e.is_featured`, Prisma.sql`NOT e.is_featured`].flatMap((featured) =>
    parts.map((part) => {
      const rows = (columns: Prisma.Sql) => Prisma.sql`SELECT ${columns} FROM events e WHERE ${where} AND ${featured} ${part} ORDER BY ${sort.branch}`;
      return once
        ? Prisma.sql`(SELECT ${sort.columns} FROM (${rows(Prisma.sql`${sort.columns}, ${sort.forSeriesOnce}`)} OFFSET 0) e WHERE ${once} LIMIT ${branchLimit})`
        : Prisma.sql`(${rows(sort.columns)} LIMIT ${branchLimit})`;
    }),
  );
  return Prisma.join(selects, " UNION ALL ");
}

/**
 * How many cards match `where` (the listing's conditions without "a series once"), up to `countLimit` + 1 (or all):
 * the events that are not dates of a series, and, only when they stay under the limit, the series with a matching
 * date, counted once each. A series has one card exactly when one of its dates matches, so this is the number of
 * cards, without checking any date against its series' earlier ones (that check, per counted row, cost 30 to 130 ms
 * at 5,000 series). The series part is a scalar subquery in a CASE, which PostgreSQL runs only when it is reached.
 *
 * Without a search, the capped count walks in the order of ends_at, which every public index but the full-text one
 * gives ("ends after now" is their range): without an order the planner, which cannot know that upcoming events lie
 * together at the end of the table, may read the whole table from its start to find the first 1,001 (120 ms).
 */
function cardCount(where: Prisma.Sql, countLimit: number | null, { dates, search }: { dates: TEventQuery["dates"]; search: boolean }): Prisma.Sql {
  const capped = (condition: Prisma.Sql) =>
    countLimit === null
      ? Prisma.sql`SELECT count(*)::int FROM events e WHERE ${condition}`
      : Prisma.sql`SELECT count(*)::int FROM (SELECT 1 FROM events e WHERE ${condition} ${search ? Prisma.empty : Prisma.sql`ORDER BY e.ends_at`} LIMIT ${countLimit + 1}) capped`;
  if (dates === "all") return Prisma.sql`(${capped(where)})`;
  // A search reads its matches through the full-text index; a bitmap of every event that is (or is not) a date of
  // a series, 90,000 rows, ANDed to it costs more than testing the few matches, so `IS TRUE` keeps it out of reach.
  const isSingle = search ? Prisma.sql`(e.series_id IS NULL) IS TRUE` : Prisma.sql`e.series_id IS NULL`;
  const isSeriesDate = search ? Prisma.sql`(e.series_id IS NOT NULL) IS TRUE` : Prisma.sql`e.series_id IS NOT NULL`;
  const series = Prisma.sql`(SELECT count(DISTINCT e.series_id)::int FROM events e WHERE ${where} AND ${isSeriesDate})`;
  const single = capped(Prisma.sql`${where} AND ${isSingle}`);
  if (countLimit === null) return Prisma.sql`((${single}) + ${series})`;
  return Prisma.sql`(SELECT CASE WHEN single.n > ${countLimit} THEN single.n ELSE single.n + ${series} END FROM (${single}) AS single(n))`;
}

/**
 * The statement of a listing without a search. The page comes from the two branches; the total is counted beside
 * it (cardCount), an index scan of a partial index for these filters. The branches need the lower bound on
 * starts_at to start their range scans near now.
 */
function listingStatement(input: TStatementInput): TListingStatement {
  const { query, now, ids } = input;
  const where = filterConditions(query, now, { ids });
  // The count reads every match, so the start bound only helps it where a time
  // window makes it selective. Elsewhere it says nothing that "ends after now"
  // does not, but the planner, taking the two as independent, would AND in a
  // bitmap of every start in range as if it removed rows.
  const countWhere = filterConditions(query, now, { ids, boundStart: Boolean(query.when || query.from || query.to) });
  const countLimit = countLimitFor(input);
  return {
    statement: pageOfCards({
      ctes: null,
      candidates: branches(input, where),
      total: cardCount(countWhere, countLimit, { dates: query.dates, search: false }),
      input,
    }),
    countLimit,
  };
}

/**
 * The statement of a search.
 *
 * A search cannot count from an index alone (a GIN index has no index-only scans): counting reads each matching
 * row, which is most of a search's cost. So the statement reads the matches once (`matches`, at most the count
 * limit + 1 of them, through the full-text index) and, when they are all there, keeps a series' card among them
 * (`cards`: its first date that takes place, else its first one) and sorts the page out of them without touching
 * the table again. Only a broad search, with more matches than that, walks the soonest (or newest) index for its
 * page, as the listing does, and counts as cardCount does unless its matches already hold more cards than the
 * limit; there every few rows match, so the walk is short. The walk starts at now for events not yet started and
 * takes the few already under way apart (their end is checked inside the index), instead of visiting every event
 * of the last 91 days. `SET LOCAL enable_seqscan = off` must be in force (see runListing).
 */
function searchListingStatement(input: TStatementInput): TListingStatement {
  const { query, now, ids } = input;
  // As for the listing's count: a start bound only where a time window makes it selective.
  const matchWhere = filterConditions(query, now, { ids, boundStart: Boolean(query.when || query.from || query.to) });
  const countLimit = countLimitFor(input);
  const sort = SORTS[query.sort === "newest" ? "newest" : "soonest"];
  const everyDate = query.dates === "all";
  const matches = Prisma.sql`matches AS MATERIALIZED (
      SELECT ${sort.columns}, e.series_id, e.status, e.starts_at AS date_order FROM events e WHERE ${matchWhere} ${countLimit === null ? Prisma.empty : Prisma.sql`LIMIT ${countLimit + 1}`}
    ),
    cards AS MATERIALIZED (
      SELECT ${everyDate ? Prisma.empty : Prisma.sql`DISTINCT ON (COALESCE(m.series_id, m.id))`} m.* FROM matches m
      ${everyDate ? Prisma.empty : Prisma.sql`ORDER BY COALESCE(m.series_id, m.id), m.status <> 'PUBLISHED'::"EventStatus", m.date_order, m.id`}
    )`;
  const cardsRead = Prisma.sql`(SELECT count(*)::int FROM cards)`;
  if (countLimit === null) {
    return { statement: pageOfCards({ ctes: matches, candidates: Prisma.sql`SELECT ${sort.names} FROM cards`, total: cardsRead, input }), countLimit };
  }
  const allMatchesRead = Prisma.sql`(SELECT count(*) FROM matches) <= ${countLimit}`;
  // Not every match read: past the limit when the matches read hold more cards than that, else counted afresh.
  const total = Prisma.sql`(CASE WHEN ${allMatchesRead} OR ${cardsRead} > ${countLimit} THEN ${cardsRead} ELSE ${cardCount(matchWhere, countLimit, { dates: query.dates, search: true })} END)`;
  const where = Prisma.sql`${filterConditions(query, now, { ids, searchByIndex: false })} AND NOT ${allMatchesRead}`;
  const startParts = query.sort === "newest" ? undefined : [Prisma.sql`AND e.starts_at >= ${now}`, Prisma.sql`AND e.starts_at < ${now} AND e.ends_at > ${now}`];
  const candidates = Prisma.sql`(SELECT ${sort.names} FROM cards WHERE ${allMatchesRead}) UNION ALL ${branches(input, where, startParts)}`;
  return { statement: pageOfCards({ ctes: matches, candidates, total, input }), countLimit };
}

/**
 * What the query's slugs and words stand for (one small statement), or null when it has neither. A word's
 * whole-word candidates are a range of search_lexemes' primary key; one more than MAX_PREFIX_EXPANSIONS is read
 * so that expandedPrefixTsQuery knows when to keep the prefix.
 */
export async function resolveQueryTerms(query: Pick<TEventQuery, "q" | "location" | "type" | "entrance">): Promise<TResolvedTerms | null> {
  const words = query.q ? searchWords(query.q) : [];
  if (!query.location && !query.type && !query.entrance && words.length === 0) return null;
  const [row] = await db.$queryRaw<{ location: number | null; type: number | null; entrance: number | null; lexemes: string[][] | null }[]>`
    SELECT (SELECT id FROM locations WHERE slug = ${query.location ?? null}) AS location,
           (SELECT id FROM event_types WHERE slug = ${query.type ?? null}) AS type,
           (SELECT id FROM entrance_types WHERE slug = ${query.entrance ?? null}) AS entrance,
           ${words.length === 0 ? Prisma.sql`NULL` : lexemesOfPrefixes(words)} AS lexemes`;
  const terms: TResolvedTerms = { location: row?.location ?? null, type: row?.type ?? null, entrance: row?.entrance ?? null };
  if (words.length > 0) terms.prefixQuery = expandedPrefixTsQuery(words, row?.lexemes ?? []);
  return terms;
}

/** For each word, in order, the indexed words it is a prefix of (a JSON array of arrays). */
function lexemesOfPrefixes(words: string[]): Prisma.Sql {
  return Prisma.sql`(SELECT json_agg(array(SELECT s.lexeme FROM search_lexemes s WHERE s.lexeme >= w.word AND s.lexeme < w.upper
                                          ORDER BY s.lexeme LIMIT ${MAX_PREFIX_EXPANSIONS + 1}) ORDER BY w.position)
                    FROM unnest(${words}::text[], ${words.map(prefixUpperBound)}::text[]) WITH ORDINALITY AS w(word, upper, position))`;
}

async function loadPublicEvents(input: Required<Omit<TListOptions, "now">> & { now: Date }): Promise<TEventListing> {
  const { query, limit, now, exactTotal } = input;
  const ids = await resolveQueryTerms(query);
  // A slug that names nothing matches no event.
  if (ids && ((query.location && ids.location === null) || (query.type && ids.type === null) || (query.entrance && ids.entrance === null))) {
    return { events: [], total: 0, page: query.page ?? 1, limit, totalPages: 1 };
  }
  const statementInput: TStatementInput = { query, limit, now, ids: ids ?? undefined, exactTotal };
  return runListing(query.q ? searchListingStatement(statementInput) : listingStatement(statementInput), statementInput);
}

/**
 * Runs a listing's statement. A search reads its matches with a LIMIT, and the planner, which overestimates how
 * many events a word matches, then expects a sequential scan to find them soonest: it would test the search on
 * every row (60 to 150 ms for a frequent prefix at 100,000 events), where the full-text index takes 2 to 30 ms.
 * So a search runs with sequential scans off, for its transaction only.
 */
async function runListing({ statement, countLimit }: TListingStatement, input: TStatementInput): Promise<TEventListing> {
  const rows = input.query.q
    ? (await db.$transaction([db.$executeRaw`SET LOCAL enable_seqscan = off`, db.$queryRaw<TListingRow[]>(statement)]))[1]
    : await db.$queryRaw<TListingRow[]>(statement);
  const cards = rows.filter((row) => row.position !== null);
  return toListing(cards, rows[0]?.total ?? 0, countLimit, input.query.page ?? 1, input.limit);
}

function toListing(rows: TCardRow[], matches: number, countLimit: number | null, page: number, limit: number): TEventListing {
  const capped = countLimit !== null && matches > countLimit;
  const total = capped ? countLimit : matches;
  const listing: TEventListing = { events: rows.map(toEventCard), total, page, limit, totalPages: Math.max(1, Math.ceil(total / limit)) };
  if (capped) listing.totalIsLowerBound = true;
  return listing;
}
