// No "server-only": used by the page cache in server.mjs (outside Next's bundle).
import { createHash } from "node:crypto";
import { CACHE_BUCKETS } from "@/lib/cache/policies";
import {
  advancePageGeneration,
  isPageCurrent,
  knownPageGeneration,
  pageChangeLogKey,
  pageGenerationKey,
  parsePageChange,
  putInBoundedBucket,
  readFromBucket,
} from "@/lib/cache/public-cache";
import { DEFAULT_LOCALE, isLocale, type TLocale } from "@/lib/i18n/languages";
import { pageScopeOf } from "./key";
import { RecentRedisValue } from "./recent-value";

/**
 * The page cache, part 2 of 4: the STORE. Copies live in this process's memory
 * (least recently used go first, 32 MB) and in a shared Redis hash (bounded by
 * CACHE_BUCKETS.page: entries, bytes, bytes per entry), keyed by build and
 * cache key. A copy is current while nothing in its scope (or `all`) changed
 * since its render started (the shared generation G and its change log, read
 * at most every 200 ms) and it is younger than the bucket's TTL.
 */

/** A stored response: what Redis holds (JSON). */
export type TStoredPage = {
  /** Page-cache generation G when its render STARTED: a later change to its scope (or to `all`) makes it stale. */
  g: number;
  /** When it was rendered (ms): copies older than the bucket's TTL are not served, even if nothing changed (events end). */
  at: number;
  /** Response headers worth keeping. */
  h: Record<string, string>;
  /** The body (text). */
  b: string;
  /** What a view of it counts: a page view, or a view of this event. */
  t?: "page" | { eventId: string };
};

/** The bytes sent for one visitor count (the footer's "Visitors: N" is filled in at serve time). */
export type TVariant = { count: number | null; body: Buffer; gzipped?: Buffer };

/** A page in this process's memory (its text is kept as bytes only). */
export type TLocalPage = Omit<TStoredPage, "b"> & {
  /** Bytes held, for the memory budget. */
  size: number;
  /**
   * The validator of this copy: a hash of its bytes without the visitor count. Weak (W/): copies that differ only
   * in the count are the same page, so a repeat visitor's If-None-Match gets 304 however often the count moves.
   */
  etag: string;
  /** The page around the live visitor count, when it has one, and the language it is written in. */
  live?: { before: Buffer; after: Buffer; locale: TLocale };
  variant: TVariant;
};

/** The bounds of the shared page store (CACHE_BUCKETS.page); tests pass smaller ones. */
export type TStoreBounds = { maxEntries: number; maxBytes: number; maxEntryBytes: number };

/** How long an instance trusts its last reading of the shared generation (other instances' changes show within this). */
const GENERATION_TTL_MS = 200;
/** Memory for this process's copies of pages: bounded, so the server stays well under its memory budget. */
const LOCAL_BYTES = 32 * 1024 * 1024;
/** The footer's visitor count element (components/site-footer.tsx): our own marker, not Next's markup. */
const LIVE_VISITORS_MARK = 'data-live="visitors"';

/** The text around the footer's visitor count, so that a cached page can show the current one. */
function splitAtVisitorCount(body: string): TLocalPage["live"] {
  const mark = body.indexOf(LIVE_VISITORS_MARK);
  if (mark < 0) return undefined;
  const open = body.indexOf(">", mark);
  const close = body.indexOf("</span>", open);
  if (open < 0 || close < 0 || close - open > 200) return undefined;
  const language = /data-locale="([a-z]{2})"/.exec(body.slice(mark, open))?.[1];
  return { before: Buffer.from(body.slice(0, open + 1)), after: Buffer.from(body.slice(close)), locale: isLocale(language) ? language : DEFAULT_LOCALE };
}

function etagOf(live: TLocalPage["live"], body: Buffer): string {
  const hash = createHash("sha1");
  if (live) hash.update(live.before).update(live.after);
  else hash.update(body);
  return `W/"${hash.digest("base64url").slice(0, 27)}"`;
}

function toLocal(stored: TStoredPage): TLocalPage {
  const { b: text, ...rest } = stored;
  const body = Buffer.from(text);
  const live = splitAtVisitorCount(text);
  // Room for the gzipped copy too (about a sixth of HTML).
  const size = Math.ceil(body.length * 1.2) + (live ? live.before.length + live.after.length : 0);
  return { ...rest, size, live, etag: etagOf(live, body), variant: { count: null, body } };
}

function parseStored(value: unknown): TStoredPage | null {
  try {
    const parsed = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
    if (parsed && typeof parsed === "object" && "g" in parsed && "b" in parsed && "h" in parsed) return parsed as TStoredPage;
  } catch {
    // unreadable: a miss
  }
  return null;
}

export class PageStore {
  private readonly local = new Map<string, TLocalPage>();
  private localBytes = 0;
  private readonly maxAgeMs = CACHE_BUCKETS.page.ttlSeconds * 1000;
  /** The shared page-cache generation; null (cache Redis unavailable) means nothing is cached or served from the cache. */
  readonly generation = new RecentRedisValue(
    GENERATION_TTL_MS,
    async (redis) => {
      // When G moved, the changes logged since the last reading say which scopes are stale (missed ones count as `all`).
      const g = Number((await redis.get<number | string>(pageGenerationKey())) ?? 0);
      const known = knownPageGeneration();
      if (known !== null && g > known) {
        const logged = await redis.zrange<unknown[]>(pageChangeLogKey(), known + 1, g, { byScore: true });
        advancePageGeneration(
          g,
          logged.map(parsePageChange).filter((change) => change !== null),
        );
      } else advancePageGeneration(g, null);
      return g;
    },
    "cache",
  );

  /**
   * `buildId`: the Next build this process serves. Stored pages are keyed by it, so during a rolling deploy an
   * instance never serves HTML that links to another build's /_next/static files.
   */
  constructor(
    private readonly buildId: string,
    readonly bounds: TStoreBounds,
  ) {}

  /** This process's copy, when it is current (a hit with no Redis round trip). */
  lookupLocal(cacheKey: string): TLocalPage | null {
    const mine = this.local.get(cacheKey);
    if (!mine || !this.isCurrent(cacheKey, mine)) return null;
    this.remember(cacheKey, mine); // most recently used
    return mine;
  }

  /** This process's copy, else the shared one (any instance's render), when current. */
  async lookup(cacheKey: string): Promise<TLocalPage | null> {
    const mine = this.lookupLocal(cacheKey);
    if (mine) return mine;
    const shared = parseStored(await readFromBucket<unknown>("page", this.fieldOf(cacheKey), { timeoutMs: 250 }));
    if (!shared || !this.isCurrent(cacheKey, shared)) return null;
    const page = toLocal(shared);
    this.remember(cacheKey, page);
    return page;
  }

  /**
   * Keeps a rendered page (in memory now, in Redis in the background) and returns this process's copy of it.
   * Without a generation (cache Redis unreachable) nobody could tell when the copy goes stale: it is returned (to
   * serve this request and the identical ones waiting for it) and kept nowhere.
   */
  keep(cacheKey: string, page: TStoredPage): TLocalPage {
    const copy = toLocal(page);
    if (page.g < 0) return copy;
    this.remember(cacheKey, copy);
    void putInBoundedBucket("page", this.fieldOf(cacheKey), JSON.stringify(page), {
      maxEntries: this.bounds.maxEntries,
      maxBytes: this.bounds.maxBytes,
      timeoutMs: 500,
    });
    return copy;
  }

  private isCurrent(cacheKey: string, page: { g: number; at?: number }): boolean {
    return isPageCurrent(page.g, pageScopeOf(cacheKey)) && Date.now() - (page.at ?? 0) < this.maxAgeMs;
  }

  private fieldOf(cacheKey: string): string {
    return this.buildId ? `${this.buildId}:${cacheKey}` : cacheKey;
  }

  private remember(cacheKey: string, page: TLocalPage) {
    const previous = this.local.get(cacheKey);
    if (previous) {
      this.local.delete(cacheKey);
      this.localBytes -= previous.size;
    }
    this.local.set(cacheKey, page);
    this.localBytes += page.size;
    for (const [oldestKey, oldest] of this.local) {
      if (this.localBytes <= LOCAL_BYTES || oldestKey === cacheKey) break;
      this.local.delete(oldestKey);
      this.localBytes -= oldest.size;
    }
  }
}
