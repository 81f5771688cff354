import type { IncomingMessage, ServerResponse } from "node:http";
import { CACHE_BUCKETS } from "@/lib/cache/policies";
import { getEnv } from "@/lib/env";
import { getClientIp } from "@/lib/http/client-ip";
import { checkRateLimit, rateLimitHeaders } from "@/lib/redis/rate-limit";
import { PageViewBuffer } from "@/lib/stats/page-view-buffer";
import { statsKeys } from "@/lib/stats/stats-keys";
import { holdResponse, storedPageOf, teeResponse } from "./capture";
import { CLIENT_NAVIGATION_HEADERS, isScriptFreePage, pageCacheKey, rateLimitOf, RSC_QUERY_PARAMETER } from "./key";
import { RecentRedisValue } from "./recent-value";
import { PerClientRenders, RenderLimiter } from "./render-limiter";
import { refuseOverLimit, refuseRender, serveCopy } from "./serve";
import { hasSessionCookie, SessionCheck, withoutSessionCookies } from "./session-check";
import { PageStore, type TLocalPage, type TStoreBounds, type TStoredPage } from "./store";
import type { TRenderedPage } from "@/lib/public-pages/listing-document";

// No "server-only": server.mjs loads this module outside Next's bundle (see docs/decisions/006-page-cache-in-front-of-next.md).

type TNextHandler = (request: IncomingMessage, response: ServerResponse) => unknown;

/**
 * The light render path (docs/decisions/010-light-render-path-for-public-pages.md): the anonymous page of the
 * paths it takes, rendered without Next. `visitors`: the footer's count.
 */
export type TLightRenderer = { takes(pathname: string): boolean; render(target: URL, visitors: number): Promise<TRenderedPage> };

const VISITOR_COUNT_TTL_MS = 1_000;
/** Pages Next renders at the same time (GET/HEAD); more requests wait. See render-limiter.ts. */
const MAX_CONCURRENT_RENDERS = 8;
/** Renders that may wait for one of those slots (about two seconds of rendering on 2 cores); past that, 503 with Retry-After. */
const MAX_WAITING_RENDERS = 128;
/**
 * One client's (IP's) renders: at most 4 at once (half the slots above), 16
 * more waiting in its own queue; beyond that 429. A browser's own burst
 * (a page plus Next's link prefetches, six connections) fits.
 */
const PER_CLIENT_RENDERS = 4;
const PER_CLIENT_WAITING = 16;
const STATIC_FILES = /^\/(_next\/static|uploads)\//;
/**
 * How long a request waits for another request's render of the same page before rendering it itself: a safety net,
 * so that a render that never settles (its response gone before anyone could listen for it) can never hold a page.
 */
const SHARED_RENDER_WAIT_MS = 10_000;

/**
 * The page cache: answers anonymous GETs of public pages and feeds with a
 * stored copy of the HTML Next rendered, without running Next at all. Four
 * parts, put together here:
 *
 * 1. key.ts: which requests, under which key (the page's own query parse);
 * 2. store.ts: this process's memory and the shared Redis hash, both bounded,
 *    with the generation that says whether a copy is current;
 * 3. capture.ts: taking Next's response for a miss;
 * 4. serve.ts: one writeHead with the copy's weak ETag (304), gzip, the live
 *    visitor count, and the 429/503 refusals.
 *
 * What this file adds: who is anonymous (a session cookie is checked, not
 * trusted: session-check.ts), identical misses collapsed into one render,
 * renders bounded (8 at once, 128 waiting, then 503 with Retry-After; 4 per
 * client, 16 waiting, then 429), and views of cached pages counted.
 * Redis down or CACHE_ENABLED=false: straight to Next (which renders from
 * PostgreSQL), still script-free for anonymous visitors while Redis is down.
 */
export function createPageCache({
  handle,
  buildId = "",
  storeBounds = CACHE_BUCKETS.page,
  lightRender,
}: {
  handle: TNextHandler;
  buildId?: string;
  storeBounds?: TStoreBounds;
  /** Renders some anonymous pages without Next (server.mjs passes it; tests of the Next path leave it out). */
  lightRender?: TLightRenderer;
}) {
  const enabled = getEnv().CACHE_ENABLED;
  const store = new PageStore(buildId, storeBounds);
  /** "Visitors: N" (unique visitors so far) for the footer of cached pages. */
  const visitorCount = new RecentRedisValue(VISITOR_COUNT_TTL_MS, (redis) => redis.pfcount(statsKeys.uniqueVisitorsAllTime()));
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
  const renderWithLimit = (request: IncomingMessage, response: ServerResponse, render: () => unknown = () => handle(request, response)) => {
    if ((request.method !== "GET" && request.method !== "HEAD") || STATIC_FILES.test(request.url ?? "")) return render();
    const client = clientOf(request);
    const admitted = perClient.run(client, response, () => renders.run(response, render, () => refuseRender(request, response, "busy")));
    if (admitted) return admitted;
    refuseRender(request, response, "too-many");
    return undefined;
  };

  /** `fresh`: rendered for this very request (a miss), which has counted its view already. */
  function serve(
    request: IncomingMessage,
    response: ServerResponse,
    page: TLocalPage,
    count: number | null,
    fresh: boolean,
    extraHeaders?: Record<string, string>,
  ) {
    if (page.t && !fresh)
      views.record({ ip: clientOf(request), userAgent: request.headers["user-agent"] ?? "", eventId: page.t === "page" ? undefined : page.t.eventId });
    serveCopy(request, response, page, count, fresh, extraHeaders);
  }

  /**
   * A copy of a rate-limited path (the API) is served only within the client's limit, with the limit's headers,
   * exactly as the route would answer: the cache saves the route's work, not the count.
   */
  async function serveWithinLimit(request: IncomingMessage, response: ServerResponse, page: TLocalPage, policy: NonNullable<ReturnType<typeof rateLimitOf>>) {
    const limit = await checkRateLimit(policy, clientOf(request));
    const headers = rateLimitHeaders(limit);
    if (limit.success) serve(request, response, page, null, false, headers);
    else refuseOverLimit(request, response, headers, limit.retryAfterSeconds);
  }

  /** Lets Next answer a miss and keeps a copy of a cacheable 200 response once it is complete. */
  /** `current`: the generation the render starts in; null while the cache Redis is unreachable (the page is served, not kept). */
  function renderAndStore(request: IncomingMessage, response: ServerResponse, cacheKey: string, current: number | null) {
    if (request.method !== "GET") return renderWithLimit(request, response); // HEAD: no body to keep
    let settle: (page: TLocalPage | null) => void = () => {};
    if (!inflight.has(cacheKey)) {
      const shared = new Promise<TLocalPage | null>((resolve) => (settle = resolve));
      inflight.set(cacheKey, shared);
      const release = () => {
        settle(null); // no effect if the page was already stored
        if (inflight.get(cacheKey) === shared) inflight.delete(cacheKey);
      };
      // A client that left while Redis was asked has a response that closed already: "close" will not come again.
      if (response.destroyed || response.writableFinished || request.destroyed) release();
      else response.once("close", release);
    }
    const keep = (body: Buffer) => {
      const stored = body.length <= store.bounds.maxEntryBytes ? storedPageOf(response, cacheKey, current ?? -1, body.toString("utf8")) : null;
      const page = stored ? store.keep(cacheKey, stored) : null;
      settle(page);
      return page;
    };
    const light = lightRenderOf(request);
    if (light) {
      return renderWithLimit(request, response, async () => {
        const rendered = await renderLight(light, request, response);
        if (!rendered) {
          settle(null);
          return;
        }
        const page = store.keep(cacheKey, storedLightPage(rendered, current ?? -1));
        settle(page);
        serveLightPage(request, response, page);
      });
    }
    const acceptEncoding = request.headers["accept-encoding"];
    delete request.headers["accept-encoding"]; // an identity body is what we keep (and compress ourselves)
    if (isScriptFreePage(cacheKey)) {
      // Every anonymous visitor gets the same page, the first one included: sent as later hits will be.
      holdResponse(response, (body) => {
        if (acceptEncoding !== undefined) request.headers["accept-encoding"] = acceptEncoding;
        const page = keep(body);
        if (!page) return false;
        for (const name of response.getHeaderNames()) response.removeHeader(name);
        void visitorCount.current().then((count) => serve(request, response, page, page.live ? count : null, true));
        return true;
      });
    } else {
      teeResponse(response, store.bounds.maxEntryBytes, (body) => (body ? keep(body) : settle(null)));
    }
    return renderWithLimit(request, response);
  }

  /** The light renderer's work for this (anonymous GET) request, or null when Next renders it. */
  function lightRenderOf(request: IncomingMessage): ((visitors: number) => Promise<TRenderedPage>) | null {
    if (!lightRender || request.method !== "GET") return null;
    const target = new URL(request.url ?? "/", "http://light.invalid");
    if (!lightRender.takes(target.pathname)) return null;
    return (visitors) => lightRender.render(target, visitors);
  }

  /**
   * Renders without Next. On failure (the database is down, say) Next renders the request instead, with its own
   * error handling, and null is returned.
   */
  async function renderLight(light: (visitors: number) => Promise<TRenderedPage>, request: IncomingMessage, response: ServerResponse) {
    try {
      return await light((await visitorCount.current()) ?? 0);
    } catch (error) {
      console.error("light render failed; Next renders the page", error);
      await handle(request, response);
      return null;
    }
  }

  /** A page the light path rendered for this request: served as a hit would be, its view counted here (Next's page counts its own). */
  function serveLightPage(request: IncomingMessage, response: ServerResponse, page: TLocalPage) {
    views.record({ ip: clientOf(request), userAgent: request.headers["user-agent"] ?? "" });
    serveCopy(request, response, page, null, true);
  }

  /**
   * The common case, answered without a single promise (each one costs under
   * load, with Next's async hooks installed): an anonymous request whose page
   * this process holds, current by a generation and visitor count read less
   * than 200 ms and 1 s ago. Returns false when handlePageRequest must decide.
   */
  function answerFromMemory(request: IncomingMessage, response: ServerResponse, cacheKey: string): boolean {
    if (store.generation.recent() == null || hasSessionCookie(request.headers.cookie)) return false;
    const page = store.lookupLocal(cacheKey);
    if (!page) return false;
    const count = page.live ? visitorCount.recent() : null;
    if (count === undefined) return false;
    serve(request, response, page, count, false);
    return true;
  }

  /** Answers a request: from memory when it can, else after asking Redis (or Next). Undefined when answered at once. */
  function answer(request: IncomingMessage, response: ServerResponse): Promise<unknown> | undefined {
    const cacheKey = enabled ? pageCacheKey(request) : null;
    // A rate-limited path asks Redis for its count on every request: never synchronous.
    if (cacheKey && !rateLimitOf(cacheKey) && answerFromMemory(request, response, cacheKey)) return undefined;
    return handlePageRequest(request, response, cacheKey);
  }

  async function handlePageRequest(request: IncomingMessage, response: ServerResponse, cacheKey: string | null): Promise<unknown> {
    if (!cacheKey) {
      // Caching off: nothing is kept, but a plainly anonymous request (no session cookie at all, no client
      // navigation) of a light path is still rendered without Next.
      const light = isPlainAnonymous(request) ? lightRenderOf(request) : null;
      if (!light) return renderWithLimit(request, response);
      return renderWithLimit(request, response, async () => {
        const rendered = await renderLight(light, request, response);
        if (!rendered) return;
        serveLightPage(request, response, store.keep("", storedLightPage(rendered, -1))); // generation -1: kept nowhere
      });
    }
    const current = await store.generation.current();
    // A session cookie is checked, not trusted: only a valid, live session gets a page of its own.
    const cookie = firstHeader(request, "cookie") ?? undefined;
    if (cookie !== undefined && hasSessionCookie(cookie) && (await sessions.isSignedIn(cookie)) !== false) return renderWithLimit(request, response);
    asAnonymous(request);
    // Cache Redis unreachable: no copy can be trusted or kept, but an anonymous visitor still gets the page in its
    // script-free form, and identical requests arriving meanwhile share one render.
    let page = current === null ? null : await store.lookup(cacheKey);
    // No await between this check and renderAndStore() registering its render: the first miss renders, the others wait.
    const pending = page ? undefined : inflight.get(cacheKey);
    if (pending) page = await waitAtMost(pending, SHARED_RENDER_WAIT_MS);
    if (page) {
      const policy = rateLimitOf(cacheKey);
      if (policy) await serveWithinLimit(request, response, page, policy);
      else serve(request, response, page, page.live ? await visitorCount.current() : null, false);
      return undefined;
    }
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
  for (const name of CLIENT_NAVIGATION_HEADERS) Reflect.deleteProperty(request.headers, name);
  const url = request.url ?? "/";
  if (url.includes(`${RSC_QUERY_PARAMETER}=`)) {
    const parsed = new URL(url, "http://cache.invalid");
    parsed.searchParams.delete(RSC_QUERY_PARAMETER);
    request.url = `${parsed.pathname}${parsed.search}`;
  }
}

/** A light render as a copy to store: rendered in generation `g` (-1: unknown), viewed as a page. */
function storedLightPage(rendered: TRenderedPage, g: number): TStoredPage {
  return { g, at: Date.now(), h: rendered.headers, b: rendered.body, t: "page" };
}

/** No session cookie at all, no client-navigation header or parameter: what the light path may answer with caching off. */
function isPlainAnonymous(request: IncomingMessage): boolean {
  if (hasSessionCookie(request.headers.cookie)) return false;
  if (CLIENT_NAVIGATION_HEADERS.some((name) => request.headers[name] !== undefined)) return false;
  return !(request.url ?? "").includes(`${RSC_QUERY_PARAMETER}=`);
}

function clientOf(request: IncomingMessage): string {
  return getClientIp({ get: (name) => firstHeader(request, name) });
}

function firstHeader(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name.toLowerCase()];
  return (Array.isArray(value) ? value.join(", ") : value) ?? null;
}

/** The promise's value, or null when it has not settled within `ms`. */
function waitAtMost<T>(promise: Promise<T | null>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
