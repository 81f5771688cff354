import { getEnv } from "@/lib/env";

/** Set by server.mjs from the TCP socket on every request; any value a client sends is overwritten. */
export const SOCKET_IP_HEADER = "x-zenbali-client-ip";

/**
 * The visitor's IP. Behind a load balancer (TRUST_PROXY=true) it is the last
 * X-Forwarded-For entry, the one our proxy appended (earlier entries are
 * whatever the client claimed); otherwise the socket address. Never stored
 * raw: stats and rate limits hash or key it.
 */
export function getClientIp(headers: Pick<Headers, "get">): string {
  if (getEnv().TRUST_PROXY) {
    const forwarded = headers.get("x-forwarded-for");
    const last = forwarded
      ?.split(",")
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last;
  }
  return headers.get(SOCKET_IP_HEADER) || "unknown";
}
