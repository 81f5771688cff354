// No "server-only": the light render path (server.mjs) builds the same header.
import { pageCacheKey } from "@/lib/page-cache/key";

/**
 * The path the language switcher links to, from the request's path (without language prefix) and query: for a page
 * the page cache keeps, its key (the path and the query as the page parses it, so that every URL of one cached page
 * gets the same switcher, and invalid parameters are left out); for any other page, its path alone: a query there
 * may carry a one-time token (/verify-email?token=…), which no link may repeat.
 */
export function switcherPathOf(target: string): string {
  const key = pageCacheKey({ method: "GET", url: target, headers: {} });
  if (key === null) return target.split("?")[0] ?? target;
  return key.split("#")[0] ?? key;
}
