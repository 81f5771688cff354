import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getHashingSecret } from "@/lib/env";

/**
 * The secret part of API keys: `zb_live_` + 32 random bytes in base64url
 * (51 characters). Only an HMAC-SHA256 of the key (keyed with the app's
 * hashing secret, hex) is stored, plus the first 12 characters for display.
 * Rotating AUTH_SECRET therefore invalidates every key (see docs/api.md).
 */
export const API_KEY_PREFIX = "zb_live_";
export const API_KEY_DISPLAY_LENGTH = 12;
const API_KEY_PATTERN = /^zb_live_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString("base64url");
}

/** True when the text has the shape of one of our keys (checked before any database lookup). */
export function looksLikeApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}

export function hashApiKey(key: string): string {
  return createHmac("sha256", getHashingSecret()).update(key, "utf8").digest("hex");
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/** "zb_live_abcd": what the admin list shows (followed by "…"). */
export function displayPrefix(key: string): string {
  return key.slice(0, API_KEY_DISPLAY_LENGTH);
}
