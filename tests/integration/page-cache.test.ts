/**
 * The page cache in front of Next (lib/page-cache), with a stand-in for Next's
 * handler (it counts renders) and the real Redis: hits skip rendering, ETags
 * and 304, gzip, signed-in visitors and client navigations pass through, and
 * an invalidation made anywhere reaches every instance.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSession, deleteSession } from "@/lib/auth/sessions";
import { CACHE_BUCKETS } from "@/lib/cache/policies";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { eventQueryToSearchParams, parsePageEventQuery } from "@/lib/events/event-query";
import { resetEnvForTests } from "@/lib/env";
import { closeRedis, getRedis, key } from "@/lib/redis";
import { checkRateLimit, RATE_LIMIT_POLICIES, rateLimitHeaders } from "@/lib/redis/rate-limit";
import { createPageCache } from "@/lib/page-cache/page-cache";
import { statsKeys } from "@/lib/stats/stats-keys";
import { TEST_AUTH_SECRET } from "../support/test-config";
import { asymmetric } from "../support/asymmetric";

/** Next's `searchParams` for a URL: a repeated parameter becomes an array (the page reads its first value). */
function nextSearchParams(url: string): Record<string, string | string[]> {
  const params = new URL(url, "http://x").searchParams;
  const record: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    record[name] = values.length === 1 ? values[0]! : values;
  }
  return record;
}

/** What app/page.tsx shows for a URL, in short: the filters it applied and the banner of fields that were not valid. */
function homePageSummary(url: string): string {
  const { query, invalidFields } = parsePageEventQuery(nextSearchParams(url));
  return `Filters: [${eventQueryToSearchParams(query).toString()}] Not valid: [${invalidFields.join(",")}]`;
}

type TInstance = {
  url: string;
  renders: () => number;
  server: Server;
  flush: () => Promise<void>;
  /** What the last render saw of the request: its session cookie and client-navigation headers. */
  lastSeen: () => { cookie?: string; rsc?: string; url?: string };
  /** The most renders one client (x-test-client) had at the same time. */
  peakConcurrent: (client: string) => number;
};

let version = 1;
const instances: TInstance[] = [];

/** One "app instance": a page cache in front of a fake Next that renders the current `version`. */
async function startInstance(options: Omit<Parameters<typeof createPageCache>[0], "handle"> = {}): Promise<TInstance> {
  let renders = 0;
  let lastSeen: ReturnType<TInstance["lastSeen"]> = {};
  const running = new Map<string, number>();
  const peaks = new Map<string, number>();
  const next = async (request: IncomingMessage, response: ServerResponse) => {
    renders++;
    const url = request.url ?? "/";
    lastSeen = { cookie: request.headers.cookie, rsc: request.headers.rsc as string | undefined, url };
    const client = String(request.headers["x-test-client"] ?? "");
    running.set(client, (running.get(client) ?? 0) + 1);
    peaks.set(client, Math.max(peaks.get(client) ?? 0, running.get(client)!));
    response.once("close", () => running.set(client, running.get(client)! - 1));
    if (url.startsWith("/events/slow")) await sleep(150);
    if (url.startsWith("/events/held")) await heldRenders.promise; // until the test lets them finish
    // What Next does for a visitor who has left: nothing is written to a socket that is gone.
    if (url.startsWith("/events/left") && (response.destroyed || request.destroyed)) return;
    if (url.startsWith("/api/events")) {
      // What the route does (publicApi): count the request against the client's limit, then answer JSON.
      const limit = await checkRateLimit("publicApi", String(request.headers["x-zenbali-client-ip"]));
      for (const [name, value] of Object.entries(rateLimitHeaders(limit))) response.setHeader(name, value);
      response.statusCode = limit.success ? 200 : 429;
      response.setHeader("content-type", "application/json");
      response.setHeader("cache-control", "public, max-age=30");
      response.end(JSON.stringify(limit.success ? { events: [], total: 0, version } : { error: { code: "rate_limited" } }));
      return;
    }
    if (url.startsWith("/events/missing")) {
      response.statusCode = 404;
      response.setHeader("content-type", "text/html; charset=utf-8");
      response.end("<h1>Not found</h1>");
      return;
    }
    if (url.startsWith("/events/cookie")) response.setHeader("set-cookie", "x=1");
    const extra = url.startsWith("/events/huge") ? "<p>huge</p>".repeat(3_000) : "";
    response.statusCode = 200;
    response.setHeader("content-type", "text/html; charset=utf-8");
    const summary = url === "/" || url.startsWith("/?") ? homePageSummary(url) : "";
    response.write(
      '<html><body><article data-event-id="0b6f3c1e-8a52-4e8e-9d0b-2f6b1a7c9e11">' +
        `<h1>Version ${version}</h1><p>${summary}</p>${"<p>padding</p>".repeat(200)}${extra}`,
    );
    response.end(
      '<footer><span data-testid="visitor-count" data-live="visitors">Visitors: 0</span></footer>' +
        '<script src="/_next/static/chunks/app.js" async=""></script><script>self.__next_f.push([1,"x"])</script></body></html>',
    );
  };
  const cache = createPageCache({ handle: next, ...options });
  const server = createServer((request, response) => {
    // A test stands in for different visitors with x-test-client (the real server sets this header from the socket).
    request.headers["x-zenbali-client-ip"] = request.headers["x-test-client"] ?? request.socket.remoteAddress ?? "unknown";
    void cache.handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const instance: TInstance = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    renders: () => renders,
    server,
    flush: cache.flushViews,
    lastSeen: () => lastSeen,
    peakConcurrent: (client) => peaks.get(client) ?? 0,
  };
  instances.push(instance);
  return instance;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise and its resolve (Promise.withResolvers needs Node 22; CI also runs Node 20). */
function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Renders of /events/held-… wait for this: a test decides when they finish, whatever the machine's speed. */
let heldRenders = deferred();

let a: TInstance;
let b: TInstance;

beforeAll(async () => {
  a = await startInstance();
  b = await startInstance();
});

beforeEach(async () => {
  version++;
  await invalidatePublicCaches("event");
  await sleep(250);
});

afterAll(async () => {
  for (const instance of instances) await new Promise((resolve) => instance.server.close(resolve));
  await closeRedis();
});

describe("page cache", () => {
  it("renders once, then answers from the cache with an ETag; If-None-Match gets 304", async () => {
    const before = a.renders();
    const first = await fetch(`${a.url}/?location=ubud&q=`);
    const firstHtml = await first.text();
    expect(firstHtml).toContain(`Version ${version}`);
    // Even the first visitor (a miss) gets the stored form: no framework scripts, an ETag.
    expect(first.headers.get("x-zenbali-cache")).toBe("miss");
    expect(firstHtml).not.toContain("__next_f");
    expect(firstHtml).not.toContain("/_next/static/chunks/app.js");
    expect(first.headers.get("etag")).toMatch(/^W\/".+"$/);
    const second = await fetch(`${a.url}/?location=ubud`);
    expect(second.headers.get("x-zenbali-cache")).toBe("hit");
    expect(await second.text()).toContain(`Version ${version}`);
    expect(a.renders()).toBe(before + 1);
    const etag = second.headers.get("etag")!;
    expect(etag).toBe(first.headers.get("etag"));
    const conditional = await fetch(`${a.url}/?location=ubud`, { headers: { "if-none-match": etag } });
    expect(conditional.status).toBe(304);
    expect(a.renders()).toBe(before + 1);
  });

  it("another instance answers from the shared copy; gzip when accepted", async () => {
    await fetch(`${a.url}/events/some-slug`).then((response) => response.text());
    const before = b.renders();
    const response = await fetch(`${b.url}/events/some-slug`, { headers: { "accept-encoding": "gzip" }, decompress: false } as RequestInit);
    expect(response.headers.get("x-zenbali-cache")).toBe("hit");
    expect(b.renders()).toBe(before);
    const raw = Buffer.from(await response.arrayBuffer());
    // fetch may or may not decompress by itself: accept both, but the server must have said gzip.
    expect(response.headers.get("content-encoding") ?? "gzip").toBe("gzip");
    const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString() : raw.toString();
    expect(text).toContain(`Version ${version}`);
  });

  it("an invalidation on one instance reaches the other within a second", async () => {
    await fetch(`${a.url}/`).then((response) => response.text());
    await fetch(`${b.url}/`).then((response) => response.text());
    expect((await fetch(`${b.url}/`)).headers.get("x-zenbali-cache")).toBe("hit");
    version++;
    await invalidatePublicCaches("event"); // as if instance A's app had saved a change
    const deadline = Date.now() + 1_000;
    let seen = "";
    while (Date.now() < deadline) {
      seen = await fetch(`${b.url}/`).then((response) => response.text());
      if (seen.includes(`Version ${version}<`)) break;
      await sleep(50);
    }
    expect(seen).toContain(`Version ${version}<`);
  });

  it("a change made in this process is visible at once, even before the shared generation is read again", async () => {
    await fetch(`${a.url}/`).then((response) => response.text());
    version++;
    await invalidatePublicCaches("event");
    expect(await fetch(`${a.url}/`).then((response) => response.text())).toContain(`Version ${version}<`);
  });

  it("never answers other API routes, errors or responses that set cookies", async () => {
    for (const path of ["/api/events/some-event", "/api/locations", "/events/missing-one", "/events/cookie-page"]) {
      await fetch(`${a.url}${path}`).then((response) => response.text());
      expect((await fetch(`${a.url}${path}`)).headers.get("x-zenbali-cache"), path).toBeNull();
    }
    expect((await fetch(`${a.url}/events/missing-one`)).status).toBe(404);
  });

  it("identical requests arriving during a render wait for it instead of rendering again", async () => {
    const before = a.renders();
    const pages = await Promise.all(Array.from({ length: 10 }, () => fetch(`${a.url}/events/slow-viral-${version}`).then((response) => response.text())));
    expect(a.renders()).toBe(before + 1);
    for (const page of pages) expect(page).toContain(`Version ${version}<`);
  });

  it("visitors who leave before their render starts never hold the page: the next visitor gets it at once", async () => {
    const path = `/events/left-${version}`;
    const { port } = new URL(a.url);
    // Each visitor sends the request and hangs up at once, while the cache asks Redis about the page.
    for (let attempt = 0; attempt < 30; attempt++) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), "127.0.0.1", () => {
          socket.end(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
          socket.destroy();
          resolve();
        });
      });
    }
    await sleep(100);
    const started = Date.now();
    const response = await fetch(`${a.url}${path}`, { signal: AbortSignal.timeout(8_000) });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("counts views answered from the cache and shows the current visitor count", async () => {
    const redis = getRedis();
    await fetch(`${a.url}/`).then((response) => response.text());
    await a.flush(); // views buffered by earlier tests
    const viewsBefore = Number((await redis.hget(statsKeys.eventViewsPending(), "0b6f3c1e-8a52-4e8e-9d0b-2f6b1a7c9e11")) ?? 0);
    await fetch(`${a.url}/events/counted`).then((response) => response.text());
    for (const agent of ["Browser One", "Browser Two", "Browser Three"]) {
      await fetch(`${a.url}/events/counted`, { headers: { "user-agent": agent } }).then((response) => response.text());
      await fetch(`${a.url}/`, { headers: { "user-agent": agent } }).then((response) => response.text());
    }
    await a.flush();
    expect(Number(await redis.hget(statsKeys.eventViewsPending(), "0b6f3c1e-8a52-4e8e-9d0b-2f6b1a7c9e11"))).toBe(viewsBefore + 3);
    const count = await redis.pfcount(statsKeys.uniqueVisitorsAllTime());
    expect(count).toBeGreaterThanOrEqual(3);
    await sleep(1_100); // the count is read at most once a second
    const before = await fetch(`${a.url}/`);
    expect(await before.text()).toContain(`data-live="visitors">Visitors: ${count.toLocaleString("en-US")}</span>`);
    // New visitors change the count a fresh visit shows, not the ETag: the count is not part of what it validates,
    // so a repeat visitor still gets 304 (issue 10: stable ETags).
    await redis.pfadd(statsKeys.uniqueVisitorsAllTime(), `etag-visitor-${randomUUID()}`, `etag-visitor-${randomUUID()}`);
    await sleep(1_100);
    const after = await fetch(`${a.url}/`);
    expect(after.headers.get("etag")).toBe(before.headers.get("etag"));
    expect(await after.text()).not.toContain(`Visitors: ${count.toLocaleString("en-US")}</span>`);
    expect((await fetch(`${a.url}/`, { headers: { "if-none-match": before.headers.get("etag")! } })).status).toBe(304);
    // A strong form of the same tag matches too (weak comparison, RFC 9110).
    expect((await fetch(`${a.url}/`, { headers: { "if-none-match": before.headers.get("etag")!.slice(2) } })).status).toBe(304);
  });

  it("answers /api/events from the cache, and still counts every request against the client's limit", async () => {
    const client = `api-${randomUUID()}`;
    const get = (query: string) => fetch(`${a.url}/api/events${query}`, { headers: { "x-test-client": client } });
    const before = a.renders();
    const first = await get("?location=ubud&limit=24");
    expect(first.headers.get("x-zenbali-cache")).toBeNull(); // the route's own answer, streamed through
    expect(first.headers.get("ratelimit-remaining")).toBe(String(RATE_LIMIT_POLICIES.publicApi.limit - 1));
    const hit = await get("?limit=24&location=ubud");
    expect(hit.headers.get("x-zenbali-cache")).toBe("hit");
    expect(await hit.json()).toMatchObject({ events: [], version });
    expect(hit.headers.get("cache-control")).toBe("public, max-age=30");
    expect(hit.headers.get("ratelimit-remaining")).toBe(String(RATE_LIMIT_POLICIES.publicApi.limit - 2));
    expect(a.renders()).toBe(before + 1);
    // A query the route would refuse is not the cache's to answer.
    await get("?limit=1000");
    expect(a.renders()).toBe(before + 2);
    // Over the limit, a cached copy is refused like the route would refuse it.
    let last = hit;
    for (let index = 3; index <= RATE_LIMIT_POLICIES.publicApi.limit + 1; index++) last = await get("?location=ubud");
    expect(last.status).toBe(429);
    expect(last.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(last.headers.get("ratelimit-remaining")).toBe("0");
    expect(await last.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(a.renders()).toBe(before + 2);
  });

  describe("one canonical key: a URL's page is never stored under another URL", () => {
    const pageFields = async () => (await getRedis().hkeys(key(CACHE_BUCKETS.page.hash))).map(String).filter((field) => field.startsWith("/"));

    it("/?location=&location=ubud (the page uses the first, empty value) does not fill /?location=ubud with the unfiltered list", async () => {
      const attack = await fetch(`${a.url}/?location=&location=ubud`).then((response) => response.text());
      expect(attack).toContain("Filters: [] Not valid: []");
      for (const instance of [a, b]) {
        const page = await fetch(`${instance.url}/?location=ubud`).then((response) => response.text());
        expect(page).toContain("Filters: [location=ubud] Not valid: []");
      }
    });

    it("/?page=&page=2 (a 'not valid' banner) does not fill /?page=2", async () => {
      const attack = await fetch(`${a.url}/?page=&page=2`).then((response) => response.text());
      expect(attack).toContain("Filters: [] Not valid: [page]");
      for (const instance of [a, b]) {
        const page = await fetch(`${instance.url}/?page=2`).then((response) => response.text());
        expect(page).toContain("Filters: [page=2] Not valid: []");
        expect(page).not.toContain("Not valid: [page]");
      }
      // And the banner page is not served for the unfiltered list either.
      expect(await fetch(`${a.url}/`).then((response) => response.text())).toContain("Filters: [] Not valid: []");
    });

    it("100 URLs /?z=<random> render once and store one page", async () => {
      const before = a.renders();
      const fieldsBefore = (await pageFields()).length;
      for (let index = 0; index < 100; index++) {
        const response = await fetch(`${a.url}/?z=${Math.random().toString(36).slice(2)}`);
        expect(await response.text()).toContain("Filters: [] Not valid: []");
      }
      expect(a.renders() - before).toBeLessThanOrEqual(1);
      expect((await pageFields()).length - fieldsBefore).toBeLessThanOrEqual(1);
    });

    it("/?location=ubud&utm_source=x and /?location=ubud share one entry", async () => {
      const before = a.renders();
      const first = await fetch(`${a.url}/?location=ubud&utm_source=x&fbclid=abc`);
      expect(await first.text()).toContain("Filters: [location=ubud]");
      const second = await fetch(`${b.url}/?utm_medium=mail&location=ubud`);
      expect(second.headers.get("x-zenbali-cache")).toBe("hit");
      expect((await fetch(`${a.url}/?location=ubud`)).headers.get("x-zenbali-cache")).toBe("hit");
      expect(a.renders()).toBe(before + 1);
      expect((await pageFields()).filter((field) => field.includes("location=ubud"))).toEqual(["/?location=ubud"]);
    });
  });

  describe("a bounded store", () => {
    const pageHash = () => key(CACHE_BUCKETS.page.hash);
    const storedPages = async () => (await getRedis().hkeys(pageHash())).map(String).filter((field) => field.startsWith("/"));
    /** Sequential requests, with time for each page's background write to Redis. */
    const visit = async (instance: TInstance, paths: string[]) => {
      for (const path of paths) {
        await fetch(`${instance.url}${path}`).then((response) => response.text());
        await sleep(20);
      }
    };

    it("the policy bounds the shared page store: 2,000 pages, 64 MB, 1 MB a page", () => {
      expect(CACHE_BUCKETS.page).toMatchObject({ maxEntries: 2_000, maxBytes: 64 * 1024 * 1024, maxEntryBytes: 1024 * 1024 });
    });

    it("stores at most maxEntries pages in Redis; the others are still answered (rendered, kept in memory)", async () => {
      await getRedis().del(pageHash());
      const small = await startInstance({ storeBounds: { maxEntries: 5, maxBytes: 10_000_000, maxEntryBytes: 1_000_000 } });
      await visit(
        small,
        Array.from({ length: 12 }, (_, index) => `/events/bounded-${version}-${index}`),
      );
      expect(await storedPages()).toHaveLength(5);
      expect(Number(await getRedis().hget(pageHash(), "#bytes"))).toBeGreaterThan(5 * 2_800);
      // Still served: from this instance's memory.
      expect((await fetch(`${small.url}/events/bounded-${version}-11`)).headers.get("x-zenbali-cache")).toBe("hit");
    });

    it("stores at most maxBytes in Redis, and never a page over maxEntryBytes", async () => {
      await getRedis().del(pageHash());
      const small = await startInstance({ storeBounds: { maxEntries: 1_000, maxBytes: 10_000, maxEntryBytes: 20_000 } });
      await visit(
        small,
        Array.from({ length: 8 }, (_, index) => `/events/bytes-${version}-${index}`),
      );
      const stored = await storedPages();
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.length).toBeLessThan(8);
      expect(Number(await getRedis().hget(pageHash(), "#bytes"))).toBeLessThanOrEqual(10_000);
      let total = 0;
      for (const field of stored) total += Buffer.byteLength(field) + (await getRedis().hstrlen(pageHash(), field));
      expect(total).toBeLessThanOrEqual(10_000);

      await getRedis().del(pageHash());
      const before = small.renders();
      await visit(small, [`/events/huge-${version}`, `/events/huge-${version}`]);
      expect(small.renders()).toBe(before + 2); // over maxEntryBytes: neither stored nor kept
      expect(await storedPages()).toEqual([]);
    });
  });

  describe("a session cookie is checked, not trusted", () => {
    const USER_ID = "0b6f3c1e-0000-4e8e-9d0b-2f6b1a7c9e11";
    const cookieFor = async (claims: Record<string, unknown>, { secret = TEST_AUTH_SECRET, maxAge = 3600, name = "authjs.session-token" } = {}) =>
      `${name}=${await encode({ token: { uid: USER_ID, role: "CREATOR", ...claims }, secret, salt: name, maxAge })}`;
    const signedInCookie = async () => cookieFor({ sid: (await createSession({ userId: USER_ID, role: "CREATOR" })).sessionId });

    it("a junk session cookie gets the anonymous page from the cache; a miss renders without it", async () => {
      const before = a.renders();
      const first = await fetch(`${a.url}/events/junk-${version}`, { headers: { cookie: "theme=dark; authjs.session-token=junk" } });
      expect(first.headers.get("x-zenbali-cache")).toBe("miss");
      expect(a.lastSeen().cookie).toBe("theme=dark"); // Next rendered the anonymous page
      for (let index = 0; index < 20; index++) {
        const response = await fetch(`${a.url}/events/junk-${version}`, {
          headers: { cookie: `authjs.session-token=junk-${index}; __Secure-authjs.session-token.0=more` },
        });
        expect(response.headers.get("x-zenbali-cache")).toBe("hit");
      }
      expect((await fetch(`${a.url}/`, { headers: { cookie: "authjs.session-token=junk" } })).headers.get("x-zenbali-cache")).not.toBeNull();
      expect((await fetch(`${a.url}/`, { headers: { cookie: "authjs.session-token=junk" } })).headers.get("x-zenbali-cache")).toBe("hit");
      expect(a.renders()).toBe(before + 2);
    });

    it("client navigations (rsc, next-router-*, _rsc) without a valid session get the anonymous page from the cache", async () => {
      await fetch(`${a.url}/?location=ubud`).then((response) => response.text());
      const before = a.renders();
      const navigations: Record<string, string>[] = [
        { rsc: "1" },
        { rsc: "1", "next-router-prefetch": "1" },
        { "next-router-state-tree": "%5B%5D", cookie: "authjs.session-token=junk" },
      ];
      for (const headers of navigations) {
        const response = await fetch(`${a.url}/?location=ubud&_rsc=abc12`, { headers });
        expect(response.headers.get("x-zenbali-cache")).toBe("hit");
        expect(response.headers.get("content-type")).toContain("text/html");
        expect(await response.text()).toContain("Filters: [location=ubud]");
      }
      expect(a.renders()).toBe(before);
      // A miss renders the plain page: Next sees neither the header nor the parameter.
      await fetch(`${a.url}/events/navigation-${version}?_rsc=abc12`, { headers: { rsc: "1" } }).then((response) => response.text());
      expect(a.lastSeen()).toMatchObject({ rsc: undefined, url: `/events/navigation-${version}` });
    });

    it("a real signed-in session still renders fresh, never the anonymous copy", async () => {
      const cookie = await signedInCookie();
      await fetch(`${a.url}/`).then((response) => response.text());
      const before = a.renders();
      for (let index = 0; index < 3; index++) {
        const response = await fetch(`${a.url}/`, { headers: { cookie } });
        expect(response.headers.get("x-zenbali-cache")).toBeNull();
        await response.text();
        expect(a.lastSeen().cookie).toBe(cookie);
      }
      expect(a.renders()).toBe(before + 3);
      // Chunked, as Auth.js writes a large cookie.
      const value = cookie.slice(cookie.indexOf("=") + 1);
      const chunked = `authjs.session-token.1=${value.slice(100)}; authjs.session-token.0=${value.slice(0, 100)}`;
      expect((await fetch(`${a.url}/`, { headers: { cookie: chunked } })).headers.get("x-zenbali-cache")).toBeNull();
    });

    it("a forged, expired, wrongly salted, someone else's or signed-out session cookie is anonymous", async () => {
      await fetch(`${a.url}/`).then((response) => response.text());
      const { sessionId } = await createSession({ userId: USER_ID, role: "CREATOR" });
      const cookies = {
        forged: await cookieFor({ sid: sessionId }, { secret: "another-secret-another-secret-another-secret" }),
        expired: await cookieFor({ sid: sessionId }, { maxAge: -60 }),
        otherSalt: `authjs.session-token=${(await cookieFor({ sid: sessionId }, { name: "next-auth.session-token" })).split("=")[1]}`,
        otherUser: await cookieFor({ sid: sessionId, uid: "someone-else" }),
        unknownSession: await cookieFor({ sid: "A".repeat(43) }),
      };
      for (const [label, cookie] of Object.entries(cookies)) {
        expect((await fetch(`${a.url}/`, { headers: { cookie } })).headers.get("x-zenbali-cache"), label).toBe("hit");
      }
      // The same session in a well-made cookie is signed in: the cookies above fail only for what each changes.
      expect((await fetch(`${a.url}/`, { headers: { cookie: await cookieFor({ sid: sessionId }) } })).headers.get("x-zenbali-cache")).toBeNull();
      // Signed out: the cookie is still well made, its session is gone from Redis.
      const ended = await createSession({ userId: USER_ID, role: "CREATOR" });
      const signedOut = await cookieFor({ sid: ended.sessionId });
      await deleteSession(ended.sessionId);
      expect((await fetch(`${a.url}/`, { headers: { cookie: signedOut } })).headers.get("x-zenbali-cache")).toBe("hit");
    });

    it("bounds renders per client: 4 at once, 16 waiting, then 429 with Retry-After; other clients are served meanwhile", async () => {
      const burst = Array.from({ length: 30 }, (_, index) =>
        fetch(`${a.url}/events/slow-burst-${version}-${index}`, { headers: { "x-test-client": "10.0.0.1" } }).then(async (response) => ({
          status: response.status,
          retryAfter: response.headers.get("retry-after"),
          body: await response.text(),
        })),
      );
      await sleep(30);
      const html = await fetch(`${a.url}/events/slow-burst-${version}-html`, { headers: { "x-test-client": "10.0.0.1", accept: "text/html" } });
      const started = Date.now();
      const other = await fetch(`${a.url}/events/slow-other-${version}`, { headers: { "x-test-client": "10.0.0.2" } });
      expect(other.status).toBe(200);
      const otherTook = Date.now() - started;
      const answers = await Promise.all(burst);
      expect(a.peakConcurrent("10.0.0.1")).toBeLessThanOrEqual(4);
      const refused = answers.filter((answer) => answer.status === 429);
      expect(refused).toHaveLength(10);
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(20);
      expect(refused[0]!.retryAfter).toBe("2");
      expect(JSON.parse(refused[0]!.body)).toEqual({ error: { code: "rate_limited", message: asymmetric.stringContaining("Too many requests") } });
      expect(html.status).toBe(429);
      expect(html.headers.get("content-type")).toContain("text/html");
      // 20 of the burst's renders take 5 × 150 ms; the other client waited for none of them.
      expect(otherTook).toBeLessThan(450);
    });

    it("bounds the shared render queue: 8 rendering, 128 waiting, then 503 with Retry-After at once", async () => {
      // 40 clients, 4 renders each (their share): 160 renders asked for at once. No render finishes until the 24
      // refusals are in (or 10 s have passed), so a slow machine cannot free a slot early and change the count.
      heldRenders = deferred();
      let refused = 0;
      const allRefused = deferred();
      const asked = Array.from({ length: 160 }, (_, index) =>
        fetch(`${a.url}/events/held-queue-${version}-${index}`, { headers: { "x-test-client": `10.1.${Math.floor(index / 4)}.1` } }).then(async (response) => {
          if (response.status === 503 && ++refused === 160 - 8 - 128) allRefused.resolve();
          return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.text() };
        }),
      );
      await Promise.race([allRefused.promise, sleep(10_000)]);
      heldRenders.resolve();
      const answers = await Promise.all(asked);
      const busy = answers.filter((answer) => answer.status === 503);
      expect(busy).toHaveLength(160 - 8 - 128);
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(136);
      expect(busy[0]!.retryAfter).toBe("2");
      expect(JSON.parse(busy[0]!.body)).toEqual({ error: { code: "service_unavailable", message: asymmetric.stringContaining("busy") } });
    }, 30_000);
  });
});

describe("while the cache Redis is unreachable", () => {
  it("an anonymous visitor still gets the script-free page (nothing kept), and identical requests share one render", async () => {
    process.env.REDIS_CACHE_URL = "redis://127.0.0.1:1"; // nothing listens there
    resetEnvForTests();
    await closeRedis();
    try {
      const down = await startInstance();
      const before = down.renders();
      const first = await fetch(`${down.url}/?location=ubud`);
      const html = await first.text();
      expect(first.status).toBe(200);
      expect(html).toContain(`Version ${version}`);
      expect(html).not.toContain("<script"); // Next's scripts stripped, as from the cache
      expect(first.headers.get("content-security-policy")).toContain("script-src 'none'");
      await fetch(`${down.url}/?location=ubud`).then((response) => response.text());
      expect(down.renders()).toBe(before + 2); // no copy is kept while nobody could say when it goes stale

      const slowBefore = down.renders();
      const burst = await Promise.all(Array.from({ length: 5 }, () => fetch(`${down.url}/events/slow-outage-${version}`).then((response) => response.text())));
      expect(burst.every((body) => body.includes(`Version ${version}`) && !body.includes("<script"))).toBe(true);
      expect(down.renders() - slowBefore).toBe(1);
    } finally {
      delete process.env.REDIS_CACHE_URL;
      resetEnvForTests();
      await closeRedis();
    }
  });
});
