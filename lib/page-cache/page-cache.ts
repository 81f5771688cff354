import { createHash } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { CACHE_BUCKETS } from "@/lib/cache/policies";
import { advancePageGeneration, isPageCurrent, knownPageGeneration, pageChangeLogKey, pageGenerationKey, parsePageChange, putInBoundedBucket, readFromBucket } from "@/lib/cache/public-cache";
import { getEnv } from "@/lib/env";
import { getClientIp } from "@/lib/http/client-ip";
import { securityHeaders } from "@/lib/http/security-headers";
import { withRedis, type RedisRole } from "@/lib/redis";
import { PageViewBuffer } from "@/lib/stats/page-view-buffer";
import { statsKeys } from "@/lib/stats/stats-keys";
import { CACHEABLE_CONTENT_TYPES, CLIENT_NAVIGATION_HEADERS, pageCacheKey, pageScopeOf, RSC_QUERY_PARAMETER, STORED_HEADERS } from "./page-cache-policy";
import { PerClientRenders, RenderLimiter } from "./render-limiter";
import { hasSessionCookie, SessionCheck, withoutSessionCookies } from "./session-check";
import { SCRIPT_FREE_PATHS, stripFrameworkScripts } from "./strip-framework-scripts";

// No "server-only": server.mjs loads this module outside Next's bundle (see docs/decisions/006-page-cache-in-front-of-next.md).

/** A stored response: what Redis holds (JSON) and what each instance keeps in memory. */
type TStoredPage = {
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
type TVariant = { count: number | null; body: Buffer; etag: string; gzipped?: Buffer };

/** A page in this process's memory (its text is kept as bytes only). */
type TLocalPage = Omit<TStoredPage, "b"> & {
  /** Bytes held, for the memory budget. */
  size: number;
  /** The page around the live visitor count, when it has one. */
  live?: { before: Buffer; after: Buffer };
  variant: TVariant;
};

type TNextHandler = (request: IncomingMessage, response: ServerResponse) => unknown;

/** How long an instance trusts its last reading of the shared generation (other instances' changes show within this). */
const GENERATION_TTL_MS = 200;
/** Memory for this process's copies of pages (least recently used go first): bounded, so the server stays well under its memory budget. */
const LOCAL_BYTES = 32 * 1024 * 1024;
const EVENT_ID_MARK = /data-event-id="([0-9a-f-]{36})"/;
/** The footer's visitor count element (components/site-footer.tsx). */
const LIVE_VISITORS_MARK = 'data-live="visitors"';
const VISITOR_COUNT_TTL_MS = 1_000;
/** Pages Next renders at the same time (GET/HEAD); more requests wait. See render-limiter.ts. */
const MAX_CONCURRENT_RENDERS = 8;
/** Renders that may wait for one of those slots (about two seconds of rendering on 2 cores); past that, 503 with Retry-After. */
const MAX_WAITING_RENDERS = 128;
const BUSY_RETRY_SECONDS = 2;
/**
 * One client's (IP's) renders: at most 4 at once (half the slots above), 16
 * more waiting in its own queue; beyond that 429. A browser's own burst
 * (a page plus Next's link prefetches, six connections) fits.
 */
const PER_CLIENT_RENDERS = 4;
const PER_CLIENT_WAITING = 16;
const TOO_MANY_RENDERS_RETRY_SECONDS = 2;
const STATIC_FILES = /^\/(_next\/static|uploads)\//;

export const pageCacheCounters = { hits: 0, misses: 0, notModified: 0, collapsed: 0, refused: 0 };

/**
 * A value read from Redis at most once per `ttlMs` (concurrent callers share
 * one read); null when Redis cannot be asked, which is also kept for `ttlMs`.
 */
class RecentRedisValue<T> {
  private value: T | null = null;
  private readAt = 0;
  private pending: Promise<T | null> | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly read: (redis: Parameters<Parameters<typeof withRedis>[0]>[0]) => Promise<T>,
    private readonly role: RedisRole = "state",
  ) {}

  /** The value when it was read less than `ttlMs` ago (no promise: a page-cache hit stays synchronous); else undefined. */
  recent(): T | null | undefined {
    return Date.now() - this.readAt < this.ttlMs ? this.value : undefined;
  }

  async current(): Promise<T | null> {
    if (Date.now() - this.readAt < this.ttlMs) return this.value;
    this.pending ??= withRedis(this.read, null, { timeoutMs: 250, role: this.role }).then((value) => {
      this.value = value;
      this.readAt = Date.now();
      this.pending = null;
      return value;
    });
    return this.pending;
  }
}

function etagOf(body: string | Buffer): string {
  return `"${createHash("sha1").update(body).digest("base64url").slice(0, 27)}"`;
}

/** The text around the footer's visitor count, so that a cached page can show the current one. */
function splitAtVisitorCount(body: string): TLocalPage["live"] {
  const mark = body.indexOf(LIVE_VISITORS_MARK);
  if (mark < 0) return undefined;
  const open = body.indexOf(">", mark);
  const close = body.indexOf("</span>", open);
  if (open < 0 || close < 0 || close - open > 200) return undefined;
  return { before: Buffer.from(body.slice(0, open + 1)), after: Buffer.from(body.slice(close)) };
}

function toLocal(stored: TStoredPage): TLocalPage {
  const { b: text, ...rest } = stored;
  const body = Buffer.from(text);
  const live = splitAtVisitorCount(text);
  // Room for the gzipped copy too (about a sixth of HTML).
  const size = Math.ceil(body.length * 1.2) + (live ? live.before.length + live.after.length : 0);
  return { ...rest, size, live, variant: { count: null, body, etag: etagOf(body) } };
}

/**
 * The page's bytes with this visitor count (rebuilt when the count changes: at most once a second). The ETag is
 * of these bytes: the footer's "Visitors: N" is part of the page a visitor reads (a reload shows the new count), so
 * a page with another count is another representation.
 */
function variantFor(page: TLocalPage, count: number | null): TVariant {
  if (!page.live || count === null || page.variant.count === count) return page.variant;
  const body = Buffer.concat([page.live.before, Buffer.from(`Visitors: ${count.toLocaleString("en-US")}`), page.live.after]);
  page.variant = { count, body, etag: etagOf(body) };
  return page.variant;
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

/** If-None-Match uses the weak comparison (RFC 9110): W/"x" and "x" match. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  const opaque = etag.replace(/^W\//, "");
  return Boolean(header && header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === opaque));
}

/**
 * The page cache: answers anonymous GETs of public pages and feeds with a
 * stored copy of the HTML Next rendered, without running Next at all.
 *
 * - Hits come from this process's memory when its copy is current: no change
 *   to its scope (lists, event:<slug>, creator:<id>) or to `all` since its
 *   render started (the shared generation G and its change log are read from
 *   Redis at most every 200 ms; an invalidation made by this process counts at
 *   once), else from the shared Redis hash (any instance's render), else Next
 *   renders and the result is stored.
 * - Every answer carries an ETag; If-None-Match gets 304. Browsers that accept
 *   gzip get a gzipped body (compressed once per copy).
 * - Views answered from the cache are counted in a PageViewBuffer.
 * - Redis down, CACHE_ENABLED=false, or a valid, live session: straight to
 *   Next (which renders from PostgreSQL). A session cookie that is not one
 *   (junk, forged, expired, signed out) and client navigations without a
 *   valid session get the anonymous page, from the cache (session-check.ts).
 * - Renders are bounded: 8 at once, 4 per client, more waiting; a client
 *   with 20 renders in progress or waiting gets 429.
 */
/**
 * `buildId`: the Next build this process serves. Stored pages are keyed by it,
 * so during a rolling deploy an instance never serves HTML that links to
 * another build's /_next/static files.
 */
/** The bounds of the shared page store (CACHE_BUCKETS.page); tests pass smaller ones. */
type TStoreBounds = { maxEntries: number; maxBytes: number; maxEntryBytes: number };

export function createPageCache({ handle, buildId = "", storeBounds = CACHE_BUCKETS.page }: { handle: TNextHandler; buildId?: string; storeBounds?: TStoreBounds }) {
  const maxAgeMs = CACHE_BUCKETS.page.ttlSeconds * 1000;
  const maxBodyBytes = storeBounds.maxEntryBytes;
  const fieldOf = (cacheKey: string) => (buildId ? `${buildId}:${cacheKey}` : cacheKey);
  const enabled = getEnv().CACHE_ENABLED;
  /** The shared page-cache generation; null (Redis unavailable) means nothing is cached or served from the cache. */
  // When G moved, the changes logged since the last reading say which scopes are stale (missed ones count as `all`).
  const generation = new RecentRedisValue(
    GENERATION_TTL_MS,
    async (redis) => {
      const g = Number((await redis.get<number | string>(pageGenerationKey())) ?? 0);
      const known = knownPageGeneration();
      if (known !== null && g > known) {
        const logged = await redis.zrange<unknown[]>(pageChangeLogKey(), known + 1, g, { byScore: true });
        advancePageGeneration(g, logged.map(parsePageChange).filter((change) => change !== null));
      } else advancePageGeneration(g, null);
      return g;
    },
    "cache",
  );
  /** "Visitors: N" (unique visitors so far) for the footer of cached pages. */
  const visitorCount = new RecentRedisValue(VISITOR_COUNT_TTL_MS, (redis) => redis.pfcount(statsKeys.uniqueVisitorsAllTime()));
  const local = new Map<string, TLocalPage>();
  let localBytes = 0;
  const views = new PageViewBuffer();
  const renders = new RenderLimiter(MAX_CONCURRENT_RENDERS, MAX_WAITING_RENDERS);
  const perClient = new PerClientRenders(PER_CLIENT_RENDERS, PER_CLIENT_WAITING);
  const sessions = new SessionCheck();
  /** Renders in progress by key: identical requests arriving meanwhile wait for that one instead of rendering again. */
  const inflight = new Map<string, Promise<TLocalPage | null>>();

  /**
   * GET/HEAD renders wait for a slot, at most PER_CLIENT_RENDERS of them per
   * client (beyond its queue: 429); built assets and uploaded images are
   * files, not renders, and never wait behind them.
   */
  const renderWithLimit = (request: IncomingMessage, response: ServerResponse) => {
    if ((request.method !== "GET" && request.method !== "HEAD") || STATIC_FILES.test(request.url ?? "")) return handle(request, response);
    const client = getClientIp({ get: (name) => firstHeader(request, name) });
    const admitted = perClient.run(client, response, () => renders.run(response, () => handle(request, response), () => refuseRender(request, response, "busy")));
    return admitted ?? refuseRender(request, response, "too-many");
  };

  function remember(cacheKey: string, page: TLocalPage) {
    const previous = local.get(cacheKey);
    if (previous) {
      local.delete(cacheKey);
      localBytes -= previous.size;
    }
    local.set(cacheKey, page);
    localBytes += page.size;
    for (const [oldestKey, oldest] of local) {
      if (localBytes <= LOCAL_BYTES || oldestKey === cacheKey) break;
      local.delete(oldestKey);
      localBytes -= oldest.size;
    }
  }

  /** This process's copy, when it is current (a hit with no Redis round trip). */
  function lookupLocal(cacheKey: string): TLocalPage | null {
    const mine = local.get(cacheKey);
    if (!mine || !isPageCurrent(mine.g, pageScopeOf(cacheKey)) || !(Date.now() - mine.at < maxAgeMs)) return null;
    remember(cacheKey, mine); // most recently used
    return mine;
  }

  async function lookup(cacheKey: string): Promise<TLocalPage | null> {
    const mine = lookupLocal(cacheKey);
    if (mine) return mine;
    const scope = pageScopeOf(cacheKey);
    const shared = parseStored(await readFromBucket<unknown>("page", fieldOf(cacheKey), { timeoutMs: 250 }));
    if (!shared || !isPageCurrent(shared.g, scope) || !(Date.now() - (shared.at ?? 0) < maxAgeMs)) return null;
    const page = toLocal(shared);
    remember(cacheKey, page);
    return page;
  }

  /** `fresh`: the page was rendered for this very request (a miss), which has counted its view already. */
  function serve(request: IncomingMessage, response: ServerResponse, page: TLocalPage, count: number | null, { fresh = false } = {}) {
    const variant = variantFor(page, count);
    // The CSP of these bytes (script-free unless the copy kept its scripts), and HSTS when this request came over HTTPS.
    const headers: OutgoingHttpHeaders = { ...page.h, ...securityHeaders(request, { storedCopy: page.h["content-type"]?.startsWith("text/html") ? variant.body : undefined }), etag: variant.etag, "cache-control": "public, max-age=0, must-revalidate", "x-zenbali-cache": fresh ? "miss" : "hit" };
    if (page.t && !fresh) views.record({ ip: getClientIp({ get: (name) => firstHeader(request, name) }), userAgent: request.headers["user-agent"] ?? "", eventId: page.t === "page" ? undefined : page.t.eventId });
    if (matchesEtag(request.headers["if-none-match"], variant.etag)) {
      pageCacheCounters.notModified++;
      response.writeHead(304, headers);
      response.end();
      return;
    }
    let body = variant.body;
    if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "") && body.length > 1024) {
      variant.gzipped ??= gzipSync(body, { level: 6 });
      body = variant.gzipped;
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = body.length;
    response.writeHead(200, headers);
    response.end(request.method === "HEAD" ? undefined : body);
  }

  /** Lets Next answer, keeping a copy of a cacheable 200 response to store once it is complete. */
  /** `current`: the generation the render starts in; null while the cache Redis is unreachable (the page is served, not kept). */
  function renderAndStore(request: IncomingMessage, response: ServerResponse, cacheKey: string, current: number | null) {
    let settle: (page: TLocalPage | null) => void = () => {};
    if (request.method === "GET" && !inflight.has(cacheKey)) {
      inflight.set(cacheKey, new Promise((resolve) => (settle = resolve)));
      response.once("close", () => {
        settle(null); // no effect if the page was already stored
        inflight.delete(cacheKey);
      });
    }
    const acceptEncoding = request.headers["accept-encoding"];
    delete request.headers["accept-encoding"]; // an identity body is what we keep (and compress ourselves on hits)
    const chunks: Buffer[] = [];
    let size = 0;
    let keep = request.method === "GET";
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    let holding = false; // held-back responses need every byte, even when too big to keep
    const collect = (chunk: unknown, encoding?: unknown) => {
      if ((!keep && !holding) || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer = Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
      size += buffer.length;
      if (size > maxBodyBytes) keep = false;
      if (keep || holding) chunks.push(buffer);
    };
    const path = cacheKey.split("?")[0]!;
    if (request.method === "GET" && SCRIPT_FREE_PATHS.some((pattern) => pattern.test(path))) {
      holding = true;
      // Public pages are held back until complete, then sent exactly as later hits will be (script-free, ETag, gzip):
      // every anonymous visitor gets the same page, the first one included.
      holdBack(request, response, chunks, collect, (body) => {
        if (acceptEncoding !== undefined) request.headers["accept-encoding"] = acceptEncoding; // the page goes out as a hit would
        const page = keep ? store(response, cacheKey, current, body.toString("utf8")) : null;
        settle(page);
        return page;
      });
      return renderWithLimit(request, response);
    }
    response.write = ((...args: unknown[]) => {
      collect(args[0], args[1]);
      return write(...args);
    }) as typeof response.write;
    response.end = ((...args: unknown[]) => {
      collect(args[0], args[1]);
      const result = end(...args);
      settle(keep ? store(response, cacheKey, current, Buffer.concat(chunks).toString("utf8")) : null);
      return result;
    }) as typeof response.end;
    return renderWithLimit(request, response);
  }

  /**
   * Lets Next write into a buffer instead of the socket. When it ends: a
   * cacheable page is sent as the stored copy; anything else (a 404, a
   * redirect, a response that sets a cookie) goes out as Next wrote it.
   */
  function holdBack(request: IncomingMessage, response: ServerResponse, chunks: Buffer[], collect: (chunk: unknown, encoding?: unknown) => void, finish: (body: Buffer) => TLocalPage | null) {
    const original = { writeHead: response.writeHead, write: response.write, end: response.end, flushHeaders: response.flushHeaders };
    const restore = () => Object.assign(response, original);
    response.writeHead = ((statusCode: number, ...rest: unknown[]) => {
      response.statusCode = statusCode;
      const headers = rest.find((value) => value !== null && typeof value === "object") as Record<string, string | string[] | number> | string[] | undefined;
      if (Array.isArray(headers)) for (let index = 0; index + 1 < headers.length; index += 2) response.setHeader(headers[index]!, headers[index + 1]!);
      else if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) response.setHeader(name, value);
      return response;
    }) as typeof response.writeHead;
    response.flushHeaders = () => {};
    response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      collect(chunk, encoding);
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof response.write;
    response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      if (typeof chunk !== "function") collect(chunk, encoding);
      restore();
      const done = [chunk, encoding, callback].find((value) => typeof value === "function") as (() => void) | undefined;
      if (done) response.once("finish", done);
      const body = Buffer.concat(chunks);
      const page = finish(body);
      if (page) {
        for (const name of response.getHeaderNames()) response.removeHeader(name);
        void visitorCount.current().then((count) => serve(request, response, page, page.live ? count : null, { fresh: true }));
      } else {
        response.removeHeader("content-length");
        response.setHeader("content-length", body.length);
        response.end(body);
      }
      return response;
    }) as typeof response.end;
  }

  /** Keeps a finished response (in memory now, in Redis in the background); null when it is not cacheable. */
  function store(response: ServerResponse, cacheKey: string, current: number | null, body: string): TLocalPage | null {
    const type = String(response.getHeader("content-type") ?? "");
    if (response.statusCode !== 200 || !CACHEABLE_CONTENT_TYPES.test(type) || response.getHeader("set-cookie") !== undefined || body.length === 0) return null;
    const headers: Record<string, string> = {};
    for (const name of STORED_HEADERS) {
      const value = response.getHeader(name);
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : String(value);
    }
    const path = cacheKey.split("?")[0]!;
    if (type.startsWith("text/html") && SCRIPT_FREE_PATHS.some((pattern) => pattern.test(path))) body = stripFrameworkScripts(body);
    const eventId = cacheKey.startsWith("/events/") ? EVENT_ID_MARK.exec(body)?.[1] : undefined;
    const page: TStoredPage = { g: current ?? -1, at: Date.now(), h: headers, b: body, t: cacheKey === "/" || cacheKey.startsWith("/?") ? "page" : eventId ? { eventId } : undefined };
    const copy = toLocal(page);
    // Without a generation (cache Redis unreachable) nobody could tell when this copy goes stale: serve it to this request (and the identical ones waiting for it), keep it nowhere.
    if (current === null) return copy;
    remember(cacheKey, copy);
    void putInBoundedBucket("page", fieldOf(cacheKey), JSON.stringify(page), { maxEntries: storeBounds.maxEntries, maxBytes: storeBounds.maxBytes, timeoutMs: 500 });
    return copy;
  }

  /**
   * The common case, answered without a single promise (each one costs under
   * load, with Next's async hooks installed): an anonymous request whose page
   * this process holds, current by a generation and visitor count read less
   * than 200 ms and 1 s ago. Returns false when handlePageRequest must decide.
   */
  function answerFromMemory(request: IncomingMessage, response: ServerResponse, cacheKey: string): boolean {
    if (generation.recent() == null || hasSessionCookie(request.headers.cookie)) return false;
    const page = lookupLocal(cacheKey);
    if (!page) return false;
    const count = page.live ? visitorCount.recent() : null;
    if (count === undefined) return false;
    pageCacheCounters.hits++;
    serve(request, response, page, count);
    return true;
  }

  /** Answers a request: from memory when it can, else after asking Redis (or Next). Undefined when answered at once. */
  function answer(request: IncomingMessage, response: ServerResponse): Promise<unknown> | undefined {
    const cacheKey = enabled ? pageCacheKey(request) : null;
    if (cacheKey && answerFromMemory(request, response, cacheKey)) return undefined;
    return handlePageRequest(request, response, cacheKey);
  }

  async function handlePageRequest(request: IncomingMessage, response: ServerResponse, cacheKey: string | null): Promise<unknown> {
    if (!cacheKey) return renderWithLimit(request, response);
    const current = await generation.current();
    // A session cookie is checked, not trusted: only a valid, live session gets a page of its own.
    const cookie = firstHeader(request, "cookie") ?? undefined;
    if (hasSessionCookie(cookie) && (await sessions.isSignedIn(cookie!)) !== false) return renderWithLimit(request, response);
    asAnonymous(request);
    // Cache Redis unreachable: no copy can be trusted or kept, but an anonymous visitor still gets the page in its
    // script-free form, and identical requests arriving meanwhile share one render.
    let page = current === null ? null : await lookup(cacheKey);
    // No await between this check and renderAndStore() registering its render: the first miss renders, the others wait.
    const pending = page ? undefined : inflight.get(cacheKey);
    if (pending) {
      page = await pending;
      if (page) pageCacheCounters.collapsed++;
    }
    if (page) {
      pageCacheCounters.hits++;
      return serve(request, response, page, page.live ? await visitorCount.current() : null);
    }
    pageCacheCounters.misses++;
    return renderAndStore(request, response, cacheKey, current);
  }

  return { handle: answer, flushViews: () => views.flush() };
}

/**
 * Makes a request an anonymous visitor's plain page request: no session
 * cookie (not a valid one: checked above), no client-navigation headers or
 * parameter. So a miss renders exactly the page every anonymous visitor gets.
 */
function asAnonymous(request: IncomingMessage) {
  const cookie = request.headers.cookie;
  if (cookie !== undefined) {
    const kept = withoutSessionCookies(cookie);
    if (kept === undefined) delete request.headers.cookie;
    else request.headers.cookie = kept;
  }
  for (const name of CLIENT_NAVIGATION_HEADERS) delete request.headers[name];
  const url = request.url ?? "/";
  if (url.includes(`${RSC_QUERY_PARAMETER}=`)) {
    const parsed = new URL(url, "http://cache.invalid");
    parsed.searchParams.delete(RSC_QUERY_PARAMETER);
    request.url = `${parsed.pathname}${parsed.search}`;
  }
}

/** Why a render is refused: this client is over its share (429), or every slot is taken and the queue is full (503). */
const REFUSALS = {
  "too-many": { status: 429, code: "rate_limited", title: "Too many requests", retryAfter: TOO_MANY_RENDERS_RETRY_SECONDS, message: `Too many requests at once. Please wait ${TOO_MANY_RENDERS_RETRY_SECONDS} seconds and try again.` },
  busy: { status: 503, code: "service_unavailable", title: "Busy", retryAfter: BUSY_RETRY_SECONDS, message: `The site is very busy right now. Please try again in ${BUSY_RETRY_SECONDS} seconds.` },
} as const;

/** A refused render: the JSON error shape, or a short page for browsers, with Retry-After. */
function refuseRender(request: IncomingMessage, response: ServerResponse, reason: keyof typeof REFUSALS) {
  pageCacheCounters.refused++;
  const { status, code, title, retryAfter, message } = REFUSALS[reason];
  const html = /\btext\/html\b/.test(request.headers.accept ?? "");
  const body = html
    ? `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${message}</p></body></html>`
    : JSON.stringify({ error: { code, message } });
  response.writeHead(status, {
    ...securityHeaders(request),
    "content-type": html ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
    "retry-after": String(retryAfter),
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

function firstHeader(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name.toLowerCase()];
  return (Array.isArray(value) ? value.join(", ") : value) ?? null;
}
