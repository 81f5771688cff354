/**
 * Every cache the public site uses, in one table: its Redis hash, its TTL and
 * what invalidates it. Each bucket is one Redis hash (field = the normalised
 * request), so invalidating a bucket is a single DEL, shared by every app
 * instance: a change is visible on the next request everywhere.
 */
export const CACHE_BUCKETS = {
  /** "/" and /api/events results (listing + search), keyed by the canonical query. */
  listing: { hash: "cache:listing", ttlSeconds: 60 },
  /** One event page's data, keyed by slug. */
  event: { hash: "cache:event", ttlSeconds: 300 },
  /** /events.ics, /feed.xml bodies keyed by path + query; the sitemap index's summary and its files (lib/feeds/sitemap.ts). */
  feed: { hash: "cache:feed", ttlSeconds: 300 },
  /** Active locations, event types, entrance types, participant groups. */
  reference: { hash: "cache:reference", ttlSeconds: 600 },
  /** Organiser profile pages. */
  creator: { hash: "cache:creator", ttlSeconds: 300 },
  /**
   * Whole anonymous responses (HTML of "/", event and organiser pages, feeds,
   * /api/events), keyed by path + canonical query, served by the page cache in
   * server.mjs without rendering (lib/page-cache). Each instance also keeps
   * hot pages in memory, checked against the shared page-cache generation.
   * Bounded in Redis (entries, bytes) and per page, so that no flood of
   * distinct URLs can grow it: when full, new pages are kept in the rendering
   * instance's memory only, until the bucket's TTL empties it.
   */
  page: { hash: "cache:page", ttlSeconds: 60, maxEntries: 2_000, maxBytes: 64 * 1024 * 1024, maxEntryBytes: 1024 * 1024 },
  /** Admin dashboard figures: cached briefly, refreshed on change. */
  adminStats: { hash: "cache:admin-stats", ttlSeconds: 30 },
} as const;

export type TCacheBucket = keyof typeof CACHE_BUCKETS;

/**
 * Kinds of data behind public pages. A change names what it affects
 * (`invalidatePublicChange` in public-cache.ts): `lists` (listings, feeds,
 * sitemap), single event pages (`event:<slug>`), organiser pages
 * (`creator:<id>`), or `all` (reference data). `invalidatePublicCaches(kind)`
 * clears everything of a kind (`all`): reference data, tests, the seed.
 */
export type TChangeKind = "event" | "reference" | "creator";

/**
 * The shared page-cache generation G: incremented by every invalidation of
 * public pages. Each (G, scopes) is logged in PAGE_CACHE_CHANGE_LOG_KEY (a
 * sorted set, the last PAGE_CHANGE_LOG_LENGTH entries); an instance that sees
 * G move reads the new entries, and one that missed some treats them as `all`.
 */
export const PAGE_CACHE_GENERATION_KEY = "cache:page-generation";
export const PAGE_CACHE_CHANGE_LOG_KEY = "cache:page-changes";
export const PAGE_CHANGE_LOG_LENGTH = 1_000;
