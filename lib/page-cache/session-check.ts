import { createHash } from "node:crypto";
import { decode } from "next-auth/jwt";
import { readStoredSession } from "@/lib/auth/session-record";
import { getHashingSecret } from "@/lib/env";
import { getRedisHandle, withRedis } from "@/lib/redis";

// No "server-only": used by the page cache in server.mjs (outside Next's bundle).

/** Auth.js's session cookie: `__Secure-` on https; chunked as `<name>.0`, `<name>.1` … when large. */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

type TSessionCookie = { name: string; value: string };

function cookiePairs(header: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of header.split(";")) {
    const equals = part.indexOf("=");
    if (equals > 0) pairs.push([part.slice(0, equals).trim(), part.slice(equals + 1).trim()]);
  }
  return pairs;
}

function sessionCookieBase(name: string): string | undefined {
  return SESSION_COOKIE_NAMES.find((base) => name === base || (name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1))));
}

/** Whether a Cookie header carries an Auth.js session cookie (valid or not). */
export function hasSessionCookie(header: string | undefined): boolean {
  return Boolean(header && cookiePairs(header).some(([name]) => sessionCookieBase(name)));
}

/** The Cookie header without the session cookies (for an anonymous render); undefined when nothing is left. */
export function withoutSessionCookies(header: string): string | undefined {
  const kept = cookiePairs(header).filter(([name]) => !sessionCookieBase(name));
  return kept.length > 0 ? kept.map(([name, value]) => `${name}=${value}`).join("; ") : undefined;
}

/** Each session cookie of a request, reassembled from its chunks in order as Auth.js reads it; the name is the JWE's salt. */
export function sessionCookiesOf(header: string): TSessionCookie[] {
  const pairs = cookiePairs(header);
  const cookies: TSessionCookie[] = [];
  for (const base of SESSION_COOKIE_NAMES) {
    const whole = pairs.find(([name]) => name === base);
    const chunks = pairs
      .filter(([name]) => name.startsWith(`${base}.`) && sessionCookieBase(name) === base)
      .sort(([a], [b]) => Number(a.slice(base.length + 1)) - Number(b.slice(base.length + 1)));
    const value = whole ? whole[1] : chunks.map(([, chunk]) => chunk).join("");
    if (value) cookies.push({ name: base, value });
  }
  return cookies;
}

/** A session JWT's claims we need, or null: not ours (does not decrypt with our secret), malformed or expired. */
async function decodeSessionToken(cookie: TSessionCookie, nowSeconds: number): Promise<{ uid: string; sid: string } | null> {
  try {
    const payload = await decode({ token: cookie.value, secret: getHashingSecret(), salt: cookie.name });
    if (!payload || typeof payload.sid !== "string" || typeof payload.uid !== "string") return null;
    if (typeof payload.exp !== "number" || payload.exp <= nowSeconds) return null;
    return { uid: payload.uid, sid: payload.sid };
  } catch {
    return null;
  }
}

const UNAVAILABLE = Symbol("unavailable");

/** Whether the stored session is live and belongs to this user; UNAVAILABLE when Redis cannot answer. */
async function isLiveSession(sid: string, uid: string): Promise<boolean | typeof UNAVAILABLE> {
  const stored = await withRedis<unknown>((redis) => readStoredSession(redis, getRedisHandle(), sid), UNAVAILABLE, { timeoutMs: 500 });
  if (stored === UNAVAILABLE) return UNAVAILABLE;
  if (!stored || typeof stored !== "object") return false;
  const { userId, expiresAt } = stored as { userId?: unknown; expiresAt?: unknown };
  return userId === uid && typeof expiresAt === "string" && Date.parse(expiresAt) > Date.now();
}

/**
 * Is a request's session cookie a valid, live session? The page cache asks
 * this of every request carrying one, so it must be cheap for junk:
 * the JWE is decrypted with AUTH_SECRET (the same derivation Auth.js uses),
 * its expiry checked, and only then is its session looked up in Redis. The
 * answer for a Cookie header is remembered for `ttlMs` (at most `maxEntries`
 * answers, oldest dropped first), and concurrent checks of the same header
 * share one: a flood of one junk cookie costs one decryption and no Redis call.
 */
export class SessionCheck {
  private readonly recent = new Map<string, { signedIn: boolean; until: number }>();
  private readonly pending = new Map<string, Promise<boolean | null>>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** true: a live session; false: none (serve as anonymous); null: Redis cannot tell (let Next decide). */
  async isSignedIn(header: string): Promise<boolean | null> {
    const cookies = sessionCookiesOf(header);
    if (cookies.length === 0) return false;
    const memoryKey = createHash("sha256")
      .update(cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join(";"))
      .digest("base64url");
    const known = this.recent.get(memoryKey);
    if (known && known.until > Date.now()) return known.signedIn;
    const inProgress = this.pending.get(memoryKey);
    if (inProgress) return inProgress;
    const check = this.check(cookies).then((signedIn) => {
      this.pending.delete(memoryKey);
      if (signedIn !== null) this.remember(memoryKey, signedIn);
      return signedIn;
    });
    this.pending.set(memoryKey, check);
    return check;
  }

  get size(): number {
    return this.recent.size;
  }

  private async check(cookies: TSessionCookie[]): Promise<boolean | null> {
    const nowSeconds = Date.now() / 1000;
    for (const cookie of cookies) {
      const token = await decodeSessionToken(cookie, nowSeconds);
      if (!token) continue;
      const live = await isLiveSession(token.sid, token.uid);
      if (live === UNAVAILABLE) return null;
      if (live) return true;
    }
    return false;
  }

  private remember(memoryKey: string, signedIn: boolean) {
    this.recent.delete(memoryKey);
    while (this.recent.size >= this.maxEntries) {
      const oldest = this.recent.keys().next().value;
      if (oldest === undefined) break;
      this.recent.delete(oldest);
    }
    this.recent.set(memoryKey, { signedIn, until: Date.now() + this.ttlMs });
  }
}
