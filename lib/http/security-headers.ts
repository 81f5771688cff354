// No "server-only": server.mjs and the page cache load this module outside Next's bundle.
import { createHash, randomFillSync } from "node:crypto";
import { getEnv } from "@/lib/env";

/**
 * The Content-Security-Policy and Strict-Transport-Security of every answer,
 * built in one place: server.mjs sets them on every response before Next (or
 * the 413 of an oversized body) answers, and the page cache on the copies it
 * serves.
 *
 * Two policies:
 * - "script-free": no script at all. Public pages as the page cache serves
 *   them to anonymous visitors (Next's scripts stripped, decision 006), feeds,
 *   JSON, files. JSON-LD is a data block, not a script: it is never executed.
 * - "nonce": pages Next renders with its scripts (signed-in pages, forms).
 *   Each request gets a fresh nonce; server.mjs also puts the policy on the
 *   REQUEST, where Next reads the nonce and adds it to every script it writes.
 *   'strict-dynamic' lets those scripts load Next's chunks. Never
 *   'unsafe-eval' in production (React needs it only in development).
 * Both: object-src 'none', base-uri 'self', frame-ancestors 'none',
 * form-action 'self'.
 *
 * A stored copy that kept its scripts (the page cache keeps a page that
 * streamed, e.g. its metadata, as it is) cannot use a nonce: every visitor
 * gets the same bytes. It gets a policy with the hashes of its own inline
 * scripts and this site's files, and nothing else (`storedCopyPolicy`).
 */

export const HSTS_HEADER_VALUE = "max-age=31536000; includeSubDomains";

export type TCspKind = "script-free" | "nonce";

type TPolicyOptions = {
  /** Where images may come from besides this site (the S3 bucket or CDN when S3_PUBLIC_URL is set). */
  imageOrigins?: string[];
  /** `next dev`: React's development build needs eval, and hot reloading a WebSocket. */
  dev?: boolean;
};

const ALWAYS = ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'"];

function imageSources(options: TPolicyOptions): string {
  return ["img-src 'self' data: blob:", ...(options.imageOrigins ?? [])].join(" ");
}

/** No script may run: `script-src 'none'`. */
export function scriptFreePolicy(options: TPolicyOptions = {}): string {
  return ["default-src 'self'", "script-src 'none'", "style-src 'self'", imageSources(options), "font-src 'self'", "connect-src 'self'", ...ALWAYS].join("; ");
}

/** Only scripts carrying this nonce (and what they load) may run. */
export function noncePolicy(nonce: string, options: TPolicyOptions = {}): string {
  const scripts = ["script-src 'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])].join(" ");
  const connect = ["connect-src 'self'", ...(options.dev ? ["ws:", "wss:"] : [])].join(" ");
  return ["default-src 'self'", scripts, "style-src 'self'", imageSources(options), "font-src 'self'", connect, ...ALWAYS].join("; ");
}

/** Only this site's script files and these inline scripts (by SHA-256 of their text), for a stored copy that kept its scripts. */
export function hashPolicy(inlineScriptHashes: string[], options: TPolicyOptions = {}): string {
  const scripts = ["script-src 'self'", ...inlineScriptHashes.map((hash) => `'sha256-${hash}'`)].join(" ");
  return ["default-src 'self'", scripts, "style-src 'self'", imageSources(options), "font-src 'self'", "connect-src 'self'", ...ALWAYS].join("; ");
}

/** Executable script elements (JSON-LD and other data blocks are not scripts). */
const SCRIPT_ELEMENT = /<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/script>/gi;
const DATA_BLOCK = /(?:^|\s)type\s*=\s*["']?(?!text\/javascript|module|application\/javascript)[a-z]/i;

/** SHA-256 (base64) of each inline script of an HTML page, in order; null when the page runs no script at all. */
export function inlineScriptHashes(html: string): string[] | null {
  let scripted = false;
  const hashes = new Set<string>();
  for (const [, attributes = "", text = ""] of html.matchAll(SCRIPT_ELEMENT)) {
    if (DATA_BLOCK.test(attributes)) continue;
    scripted = true;
    if (!/\bsrc\s*=/i.test(attributes) && text.length > 0) hashes.add(createHash("sha256").update(text, "utf8").digest("base64"));
  }
  return scripted ? [...hashes] : null;
}

/**
 * Random bytes drawn 4 KB at a time: one call into the system's random source
 * per 256 nonces instead of one per request (it showed in the profile of a
 * page-cache hit). Every nonce is still 128 fresh random bits, used once.
 */
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let noncePoolOffset = noncePool.length;

/** 128 random bits, base64 (the characters Next accepts in a nonce). */
export function createNonce(): string {
  if (noncePoolOffset + NONCE_BYTES > noncePool.length) {
    randomFillSync(noncePool);
    noncePoolOffset = 0;
  }
  const nonce = noncePool.toString("base64", noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  return nonce;
}

/** Answers that are never pages with scripts: the JSON API, built assets, uploaded images, feeds, the sitemap and robots.txt. */
const NEVER_SCRIPTED =
  /^\/(?:api\/|_next\/static\/|_next\/image|uploads\/|robots\.txt$|sitemap\.xml$|sitemaps\/|feed\.xml$|events\.ics$|events\/[^/]+\/event\.ics$)/;

/** Which policy a request gets from server.mjs (the page cache then sets "script-free" on the pages it serves). */
export function cspKindForPath(pathname: string): TCspKind {
  return NEVER_SCRIPTED.test(pathname) ? "script-free" : "nonce";
}

/** `socket`: a TLS socket has `encrypted: true`. */
type TRequestLike = { headers: Record<string, string | string[] | undefined>; socket?: object | null };

function lastHeaderEntry(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(",") : value;
  return joined
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
}

/**
 * Whether the request reached us over HTTPS: a TLS socket, or, behind our own
 * load balancer (TRUST_PROXY=true), `X-Forwarded-Proto: https` (its last
 * entry, the one our proxy wrote, as for X-Forwarded-For). A client's own
 * X-Forwarded-Proto is ignored without TRUST_PROXY.
 */
export function isHttpsRequest(request: TRequestLike, trustProxy = getEnv().TRUST_PROXY): boolean {
  if (request.socket && "encrypted" in request.socket && request.socket.encrypted === true) return true;
  return trustProxy && lastHeaderEntry(request.headers["x-forwarded-proto"])?.toLowerCase() === "https";
}

const optionsByMode = new Map<string, TPolicyOptions>();
const scriptFreeByMode = new Map<string, string>();

/** Built once per configuration (the env is read once at start-up; tests change it between cases). */
function policyOptions(dev: boolean): TPolicyOptions {
  const publicUrl = getEnv().S3_PUBLIC_URL;
  const mode = `${dev}|${publicUrl ?? ""}`;
  let options = optionsByMode.get(mode);
  if (!options) {
    options = { dev, imageOrigins: publicUrl ? [new URL(publicUrl).origin] : [] };
    optionsByMode.set(mode, options);
  }
  return options;
}

function cachedScriptFreePolicy(dev: boolean): string {
  const mode = `${dev}|${getEnv().S3_PUBLIC_URL ?? ""}`;
  let policy = scriptFreeByMode.get(mode);
  if (policy === undefined) {
    policy = scriptFreePolicy(policyOptions(dev));
    scriptFreeByMode.set(mode, policy);
  }
  return policy;
}

/** Script hashes by stored copy (computed once per copy; a copy's bytes are one Buffer, dropped with it). */
const storedCopyHashes = new WeakMap<Buffer, string[] | null>();

/**
 * The security headers of one answer. `nonce`: the nonce policy with it.
 * `storedCopy`: the bytes the page cache sends, whose policy follows what
 * they hold (script-free when they have no script, else their hashes).
 * Neither: the script-free policy.
 */
export function securityHeaders(
  request: TRequestLike,
  { nonce, storedCopy, dev = false }: { nonce?: string; storedCopy?: Buffer; dev?: boolean } = {},
): Record<string, string> {
  const options = policyOptions(dev);
  let hashes: string[] | null = null;
  if (storedCopy) {
    if (!storedCopyHashes.has(storedCopy)) storedCopyHashes.set(storedCopy, inlineScriptHashes(storedCopy.toString("utf8")));
    hashes = storedCopyHashes.get(storedCopy) ?? null;
  }
  const policy = nonce ? noncePolicy(nonce, options) : hashes ? hashPolicy(hashes, options) : cachedScriptFreePolicy(dev);
  const headers: Record<string, string> = { "content-security-policy": policy };
  if (isHttpsRequest(request)) headers["strict-transport-security"] = HSTS_HEADER_VALUE;
  return headers;
}

type TNodeRequest = TRequestLike & { url?: string };
type TNodeResponse = { setHeader(name: string, value: string): unknown };

/**
 * For server.mjs, on every request before anyone answers it: the script-free
 * CSP (and HSTS over HTTPS) on the response, and whatever CSP request header a
 * client sent removed (a client never picks the nonce). Cheap on purpose: a
 * page-cache hit, a 413 or a 304 needs nothing more.
 */
export function applyBaselineSecurityHeaders(request: TNodeRequest, response: TNodeResponse, { dev = false }: { dev?: boolean } = {}): void {
  // Checked first: a delete on Node's headers object makes every later header read slower, and almost no request has one.
  if (request.headers["content-security-policy"] !== undefined) delete request.headers["content-security-policy"];
  if (request.headers["content-security-policy-report-only"] !== undefined) delete request.headers["content-security-policy-report-only"];
  for (const [name, value] of Object.entries(securityHeaders(request, { dev }))) response.setHeader(name, value);
}

/**
 * For server.mjs, just before Next handles a request: a page Next may render
 * with its scripts gets a fresh nonce policy, on the response and on the
 * request (where Next reads the nonce). Files, feeds and the API keep the
 * script-free policy.
 */
export function applyNonceForNext(request: TNodeRequest, response: TNodeResponse, { dev = false }: { dev?: boolean } = {}): void {
  const pathname = (request.url ?? "/").split("?")[0] ?? "/";
  if (cspKindForPath(pathname) !== "nonce") return;
  const policy = noncePolicy(createNonce(), policyOptions(dev));
  response.setHeader("content-security-policy", policy);
  request.headers["content-security-policy"] = policy;
}

/** Both steps at once: what every request that reaches Next gets (server.mjs). */
export function applySecurityHeaders(request: TNodeRequest, response: TNodeResponse, options: { dev?: boolean } = {}): void {
  applyBaselineSecurityHeaders(request, response, options);
  applyNonceForNext(request, response, options);
}
