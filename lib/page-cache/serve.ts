// No "server-only": used by the page cache in server.mjs (outside Next's bundle).
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { securityHeaders } from "@/lib/http/security-headers";
import { visitorCountText } from "@/lib/i18n/visitor-count";
import type { TLocalPage, TVariant } from "./store";

/**
 * The page cache, part 4 of 4: SERVE. Writes a stored copy in one writeHead:
 * its headers, the answer's own CSP (script-free unless the copy kept its
 * scripts) and HSTS, the copy's weak ETag (304 for a matching If-None-Match),
 * the live visitor count in the footer, and gzip when the client takes it
 * (compressed once per copy and count).
 */

/** Responses smaller than this go out uncompressed (gzip would save next to nothing). */
const GZIP_MIN_BYTES = 1024;

/** The page's bytes with this visitor count (rebuilt when the count changes: at most once a second). */
function variantFor(page: TLocalPage, count: number | null): TVariant {
  if (!page.live || count === null || page.variant.count === count) return page.variant;
  const body = Buffer.concat([page.live.before, Buffer.from(visitorCountText(page.live.locale, count)), page.live.after]);
  page.variant = { count, body };
  return page.variant;
}

/** If-None-Match uses the weak comparison (RFC 9110): W/"x" and "x" match. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  const opaque = etag.replace(/^W\//, "");
  return Boolean(header?.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === opaque));
}

/**
 * Answers with a copy. `count`: the visitor count for its footer (null: the copy's own). `fresh`: the copy was
 * rendered for this very request (a miss). A 304 leaves the visitor's copy as it is, count included: the count is
 * not part of what the ETag validates (see store.ts), so repeat visitors are not sent the page again for it.
 */
export function serveCopy(
  request: IncomingMessage,
  response: ServerResponse,
  page: TLocalPage,
  count: number | null,
  fresh: boolean,
  extraHeaders: Record<string, string> = {},
) {
  const variant = variantFor(page, count);
  const html = page.h["content-type"]?.startsWith("text/html") ?? false;
  const headers: OutgoingHttpHeaders = {
    ...page.h,
    ...securityHeaders(request, { storedCopy: html ? variant.body : undefined }),
    etag: page.etag,
    "cache-control": page.h["cache-control"] ?? "public, max-age=0, must-revalidate",
    "x-zenbali-cache": fresh ? "miss" : "hit",
    ...extraHeaders,
  };
  if (matchesEtag(request.headers["if-none-match"], page.etag)) {
    response.writeHead(304, headers);
    response.end();
    return "not-modified" as const;
  }
  let body = variant.body;
  if (body.length > GZIP_MIN_BYTES && /\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
    variant.gzipped ??= gzipSync(body, { level: 6 });
    body = variant.gzipped;
    headers["content-encoding"] = "gzip";
  }
  headers["content-length"] = body.length;
  response.writeHead(200, headers);
  response.end(request.method === "HEAD" ? undefined : body);
  return "sent" as const;
}

const TOO_MANY_RENDERS_RETRY_SECONDS = 2;
const BUSY_RETRY_SECONDS = 2;

/** Why a render is refused: this client is over its share (429), or every slot is taken and the queue is full (503). */
const REFUSALS = {
  "too-many": {
    status: 429,
    code: "rate_limited",
    title: "Too many requests",
    retryAfter: TOO_MANY_RENDERS_RETRY_SECONDS,
    message: `Too many requests at once. Please wait ${TOO_MANY_RENDERS_RETRY_SECONDS} seconds and try again.`,
  },
  busy: {
    status: 503,
    code: "service_unavailable",
    title: "Busy",
    retryAfter: BUSY_RETRY_SECONDS,
    message: `The site is very busy right now. Please try again in ${BUSY_RETRY_SECONDS} seconds.`,
  },
} as const;

/** Over a rate limit (a copy the cache holds is not served either): the JSON error shape, with the limit's headers. */
export function refuseOverLimit(request: IncomingMessage, response: ServerResponse, headers: Record<string, string>, retryAfterSeconds: number) {
  const body = JSON.stringify({ error: { code: "rate_limited", message: `Too many requests. Please wait ${retryAfterSeconds} seconds and try again.` } });
  response.writeHead(429, {
    ...securityHeaders(request),
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

/** A refused render: the JSON error shape, or a short page for browsers, with Retry-After. */
export function refuseRender(request: IncomingMessage, response: ServerResponse, reason: keyof typeof REFUSALS) {
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
