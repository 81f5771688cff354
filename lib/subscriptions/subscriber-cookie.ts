import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv, getHashingSecret } from "@/lib/env";
import { isSubscriberToken } from "./subscriber-token";

/**
 * How /saved knows, in a browser that confirmed a subscription (or merged its list into one), which subscriber it
 * is, so that it can show the personal calendar feed: a second cookie beside the saved list's, set by the
 * confirmation and the merge posts. Its value is `<subscriber token>.<base64url of an HMAC-SHA256 of it, 16 bytes>`:
 * the token is the secret of the subscriber's links anyway, and the signature lets a forged or changed value be
 * refused without a database lookup. HttpOnly, SameSite=Lax, a year, the whole site; public pages never read it.
 */

export const SUBSCRIBER_COOKIE = "zb_subscriber";

const SIGNATURE_BYTES = 16;
/** A token (43) + "." + a signature (22); anything longer is refused before it is looked at. */
const MAX_VALUE_LENGTH = 66;
const ONE_YEAR_SECONDS = 365 * 86_400;

function signature(token: string): Buffer {
  return createHmac("sha256", `${getHashingSecret()}:subscriber-cookie`).update(token).digest().subarray(0, SIGNATURE_BYTES);
}

/** The cookie's value for a subscriber's token. */
export function serializeSubscriberCookie(token: string): string {
  return `${token}.${signature(token).toString("base64url")}`;
}

/** The subscriber token in a cookie value, or null when it is missing, too long, malformed or not signed by us. */
export function parseSubscriberCookie(value: string | null | undefined): string | null {
  if (!value || value.length > MAX_VALUE_LENGTH) return null;
  const [token, mac, extra] = value.split(".");
  if (!isSubscriberToken(token) || mac === undefined || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(mac)) return null;
  const given = Buffer.from(mac, "base64url");
  const expected = signature(token);
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

/** The Set-Cookie header that remembers a subscriber in this browser. */
export function subscriberCookieHeader(token: string): string {
  const secure = new URL(getEnv().APP_URL).protocol === "https:" ? "; Secure" : "";
  return `${SUBSCRIBER_COOKIE}=${serializeSubscriberCookie(token)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}

/** The value of the subscriber cookie in a Cookie header (the first one), or undefined. */
export function subscriberCookieOf(cookieHeader: string | null | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === SUBSCRIBER_COOKIE) return part.slice(index + 1).trim();
  }
  return undefined;
}
