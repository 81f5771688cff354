import { createHmac } from "node:crypto";
import { getHashingSecret } from "@/lib/env";

// No "server-only" here: the page cache in server.mjs (outside Next's bundle) counts views too.

/**
 * A visitor is a keyed hash of IP and user agent: enough to count uniques with
 * HyperLogLog, impossible to turn back into an address. Raw IPs are never stored.
 */
export function visitorHash(ip: string, userAgent: string): string {
  return createHmac("sha256", getHashingSecret()).update(`${ip}|${userAgent}`).digest("base64url").slice(0, 22);
}

/** Crawlers are not visitors. */
export function isBot(userAgent: string): boolean {
  return /bot|crawl|spider|slurp/i.test(userAgent);
}
