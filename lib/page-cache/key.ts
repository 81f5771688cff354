// No "server-only": loaded by server.mjs (outside Next's bundle) as well as by tests.
import { canonicalCalendarQuery } from "@/lib/events/calendar-query";
import { canonicalApiEventQuery, canonicalFeedQuery, canonicalListingQuery } from "@/lib/events/event-query";
import type { RateLimitPolicyName } from "@/lib/redis/rate-limit";
import { localizedPath, splitLocalePath } from "@/lib/i18n/languages";

/**
 * The page cache, part 1 of 4: the KEY. Which requests it may answer, under
 * which key, what makes a copy stale, and what a view of it counts. The other
 * parts: store.ts (where copies live), capture.ts (taking Next's response),
 * serve.ts (ETag, 304, gzip); page-cache.ts puts them together.
 */

/**
 * The anonymous responses the page cache may answer: pages, feeds and the public event list of the API.
 * `scriptFree`: a public page with no client component, stored without Next's scripts (strip-framework-scripts.ts).
 * `views`: what a view answered from the cache counts (stats). `rateLimit`: the per-client limit every request of
 * this path counts against, a copy served from the cache included (a miss is counted by the route itself).
 */
const PUBLIC_PATHS: readonly { pattern: RegExp; scriptFree: boolean; views?: "page" | "event"; rateLimit?: RateLimitPolicyName }[] = [
  { pattern: /^\/$/, scriptFree: true, views: "page" },
  { pattern: /^\/calendar(\/month)?$/, scriptFree: true, views: "page" },
  { pattern: /^\/events\/[a-z0-9-]{1,200}$/, scriptFree: true, views: "event" },
  { pattern: /^\/creators\/[0-9a-f-]{36}$/, scriptFree: true },
  { pattern: /^\/events\.ics$/, scriptFree: false },
  { pattern: /^\/feed\.xml$/, scriptFree: false },
  { pattern: /^\/sitemap\.xml$/, scriptFree: false },
  { pattern: /^\/sitemaps\/(?:pages|events-[1-9][0-9]{0,8})\.xml$/, scriptFree: false },
  { pattern: /^\/api\/events$/, scriptFree: false, rateLimit: "publicApi" },
];

/** The rule of a path in any language: "/ru/calendar" is kept as "/calendar" is. */
function ruleOf(path: string) {
  const { path: unprefixed } = splitLocalePath(path);
  return PUBLIC_PATHS.find((rule) => rule.pattern.test(unprefixed));
}

/** A public page whose copy is kept without Next's scripts (cache keys and paths alike). */
export function isScriptFreePage(cacheKey: string): boolean {
  return ruleOf(pathOf(cacheKey))?.scriptFree ?? false;
}

/** The rate limit a request for this key counts against, even when the cache answers it. */
export function rateLimitOf(cacheKey: string): RateLimitPolicyName | undefined {
  return ruleOf(pathOf(cacheKey))?.rateLimit;
}

/** What a view answered from the cache counts: a page view ("/"), a view of an event page, or nothing. */
export function viewKindOf(cacheKey: string): "page" | "event" | undefined {
  return ruleOf(pathOf(cacheKey))?.views;
}

function pathOf(cacheKey: string): string {
  const query = cacheKey.indexOf("?");
  return query < 0 ? cacheKey : cacheKey.slice(0, query);
}

/** Content types worth storing (all text: the body is kept as a string). */
export const CACHEABLE_CONTENT_TYPES = /^(text\/html|text\/calendar|application\/rss\+xml|application\/xml|text\/xml|application\/json)\b/;

/**
 * Headers of Next's client-side navigations (RSC payloads) and prefetches. A
 * signed-in visitor's go to Next; without a valid session they get the
 * anonymous page (HTML, on which Next's router falls back to a full page load).
 */
export const CLIENT_NAVIGATION_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];

/** Next's cache-busting parameter of client navigations. */
export const RSC_QUERY_PARAMETER = "_rsc";

const MAX_KEY_LENGTH = 512;

type TRequestLike = { method?: string; url?: string; headers: Record<string, string | string[] | undefined> };

/**
 * The canonical query of a cacheable path: the query exactly as the page (or
 * feed) parses it, serialised in a fixed order (lib/events/event-query.ts). So
 * unknown, empty, repeated or reordered parameters never make a different key,
 * and a URL's page is never stored under another URL's key.
 * Event pages, organiser pages and the sitemap (index and files) read no query: path alone. null: a query the API refuses (422),
 * which the route answers (and counts) itself.
 */
function canonicalQuery(path: string, params: URLSearchParams): string | null {
  if (path === "/") return canonicalListingQuery(params).key;
  if (path === "/calendar") return canonicalCalendarQuery("week", params).key;
  if (path === "/calendar/month") return canonicalCalendarQuery("month", params).key;
  if (path === "/events.ics" || path === "/feed.xml") return canonicalFeedQuery(params).key;
  if (path === "/api/events") return canonicalApiEventQuery(params);
  return "";
}

/**
 * The cache key of a request (path + canonical query), or null when the page
 * cache must not answer it: not GET/HEAD, or a path that is not a public page.
 * Whether the visitor is signed in is the page cache's question (a session
 * cookie is checked, not trusted: see session-check.ts).
 */
export function pageCacheKey(request: TRequestLike): string | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const target = request.url ?? "/";
  if (target.length > MAX_REMEMBERED_TARGET_LENGTH) return keyOfTarget(target);
  let key = recentKeys.get(target);
  if (key === undefined) {
    key = keyOfTarget(target);
    if (recentKeys.size >= MAX_REMEMBERED_TARGETS) recentKeys.clear();
    recentKeys.set(target, key);
  }
  return key;
}

/**
 * Keys of the request targets seen lately: a hit on a popular URL skips the
 * URL parse and the query's validation. Bounded in count and target length,
 * so random URLs only cost the parse they would have cost anyway.
 */
const recentKeys = new Map<string, string | null>();
const MAX_REMEMBERED_TARGETS = 2_000;
const MAX_REMEMBERED_TARGET_LENGTH = 1_024;

function keyOfTarget(target: string): string | null {
  let url: URL;
  try {
    url = new URL(target, "http://cache.invalid");
  } catch {
    return null;
  }
  if (!ruleOf(url.pathname)) return null;
  // A page in another language is its own copy: "/ru/calendar?…" beside "/calendar?…" (the prefix as localizedPath writes it).
  const { locale, path } = splitLocalePath(url.pathname);
  const query = canonicalQuery(path, url.searchParams);
  if (query === null) return null;
  const localized = localizedPath(locale, path);
  const cacheKey = query ? `${localized}?${query}` : localized;
  return cacheKey.length <= MAX_KEY_LENGTH ? cacheKey : null;
}

/**
 * What kind of change can make a cached page stale (see invalidatePublicChange
 * in lib/cache/public-cache.ts): listings and feeds → `lists`, an event page →
 * `event:<slug>`, an organiser page → `creator:<id>`.
 */
export function pageScopeOf(cacheKey: string): string {
  const { path } = splitLocalePath(pathOf(cacheKey));
  if (path.startsWith("/events/")) return `event:${path.slice("/events/".length)}`;
  if (path.startsWith("/creators/")) return `creator:${path.slice("/creators/".length)}`;
  return "lists";
}

/**
 * Response headers kept with a cached page (never Set-Cookie, Date, lengths or encodings). Not the CSP or HSTS
 * either: they belong to each answer (the render's nonce, this request's scheme) and serve() sets them.
 */
export const STORED_HEADERS = [
  "content-type",
  "vary",
  "link",
  "content-language",
  "x-content-type-options",
  "referrer-policy",
  "x-frame-options",
  "permissions-policy",
];
