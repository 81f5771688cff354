import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv, getHashingSecret } from "@/lib/env";

/**
 * A visitor's saved events without an account: a signed cookie (PRODUCT.md, "Saved events and alerts"). Public pages
 * never read it, so they stay the same for everyone and keep their page cache; only /saved and the save and remove
 * posts do.
 *
 * A cookie holds about 4 KB and 200 UUIDs take 7 KB, so each event is kept as the first 16 hex digits (64 bits) of its
 * id, which still tell a million events apart (lib/saved/list-saved-events.ts looks them up as id ranges). The value is
 * `<base64url of the 8-byte keys>.<base64url of an HMAC-SHA256 of them, 16 bytes>`: a changed or forged cookie reads as
 * an empty list, never as someone else's events. At 200 events the value is about 2,160 characters.
 */

export const SAVED_COOKIE = "zb_saved";
/** The most events a saved list holds. */
export const MAX_SAVED_EVENTS = 200;
/** A saved event in the cookie: the first 16 hex digits of its id. */
export type TSavedKey = string;

const KEY_BYTES = 8;
const SIGNATURE_BYTES = 16;
/** Longer than any valid value (200 keys): refused before it is decoded. */
const MAX_VALUE_LENGTH = Math.ceil(((MAX_SAVED_EVENTS * KEY_BYTES) / 3) * 4) + 1 + Math.ceil((SIGNATURE_BYTES / 3) * 4) + 8;
const ONE_YEAR_SECONDS = 365 * 86_400;

function signature(payload: Buffer): Buffer {
  return createHmac("sha256", `${getHashingSecret()}:saved-events-cookie`).update(payload).digest().subarray(0, SIGNATURE_BYTES);
}

/** The cookie's key of an event id ("0b9d…-…" → its first 16 hex digits), or null for anything that is not a UUID. */
export function savedKeyOf(eventId: string): TSavedKey | null {
  const hex = eventId.replace(/-/g, "").toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) ? hex.slice(0, KEY_BYTES * 2) : null;
}

/** The keys in a cookie's value, oldest first; [] when it is missing, too long, malformed or not signed by us. */
export function parseSavedCookie(value: string | undefined | null): TSavedKey[] {
  if (!value || value.length > MAX_VALUE_LENGTH) return [];
  const [body, mac, extra] = value.split(".");
  if (body === undefined || mac === undefined || extra !== undefined) return [];
  if (!/^[A-Za-z0-9_-]*$/.test(body) || !/^[A-Za-z0-9_-]+$/.test(mac)) return [];
  const payload = Buffer.from(body, "base64url");
  const given = Buffer.from(mac, "base64url");
  const expected = signature(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return [];
  if (payload.length % KEY_BYTES !== 0 || payload.length / KEY_BYTES > MAX_SAVED_EVENTS) return [];
  const keys: TSavedKey[] = [];
  for (let offset = 0; offset < payload.length; offset += KEY_BYTES) keys.push(payload.subarray(offset, offset + KEY_BYTES).toString("hex"));
  return [...new Set(keys)];
}

/** The signed value of a list of keys (at most MAX_SAVED_EVENTS are kept: the newest). */
export function serializeSavedCookie(keys: readonly TSavedKey[]): string {
  const kept = [...new Set(keys)].slice(-MAX_SAVED_EVENTS);
  const payload = Buffer.from(kept.join(""), "hex");
  return `${payload.toString("base64url")}.${signature(payload).toString("base64url")}`;
}

/** The Set-Cookie header of a list: a year, the whole site, not readable by scripts, not sent on cross-site posts. */
export function savedCookieHeader(keys: readonly TSavedKey[]): string {
  const secure = new URL(getEnv().APP_URL).protocol === "https:" ? "; Secure" : "";
  if (keys.length === 0) return `${SAVED_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
  return `${SAVED_COOKIE}=${serializeSavedCookie(keys)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}

/** The value of the saved cookie in a Cookie header (the first one), or undefined. */
export function savedCookieOf(cookieHeader: string | null | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === SAVED_COOKIE) return part.slice(index + 1).trim();
  }
  return undefined;
}
