import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import { getHashingSecret } from "@/lib/env";

// No "server-only" here: the page cache in server.mjs (outside Next's bundle) counts views too.

/**
 * A visitor is a keyed hash of IP and user agent: enough to count uniques with
 * HyperLogLog, impossible to turn back into an address. Raw IPs are never stored.
 */
export function visitorHash(ip: string, userAgent: string): string {
  return createHmac("sha256", hashingKey()).update(`${ip}|${userAgent}`).digest("base64url").slice(0, 22);
}

// The secret as a key object, made once per secret (preparing a string key showed in the profile of a page-cache hit).
let key: { secret: string; object: KeyObject } | null = null;
function hashingKey(): KeyObject {
  const secret = getHashingSecret();
  if (key?.secret !== secret) key = { secret, object: createSecretKey(Buffer.from(secret, "utf8")) };
  return key.object;
}

/** Crawlers are not visitors. */
export function isBot(userAgent: string): boolean {
  return /bot|crawl|spider|slurp/i.test(userAgent);
}
