// No "server-only": the page cache in server.mjs (outside Next's bundle) checks session cookies with this too.
import { createHash } from "node:crypto";
import type { RedisHandle } from "@/lib/redis/client";
import type { SessionStore } from "@/lib/redis/ports";

/** Shape of a session id (32 random bytes, base64url): anything else is refused without touching Redis. */
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Where a session lives: key("session", sha256(id)) — Redis never holds the id itself. */
export function sessionKeyForHash(handle: Pick<RedisHandle, "key">, hash: string): string {
  return handle.key("session", hash);
}

/** The stored record of a session id as Redis holds it (unparsed), or null: one GET. Malformed ids: null, no Redis call. */
export async function readStoredSession(sessions: Pick<SessionStore, "get">, handle: Pick<RedisHandle, "key">, sessionId: string): Promise<unknown> {
  if (!SESSION_ID_PATTERN.test(sessionId)) return null;
  return sessions.get<unknown>(sessionKeyForHash(handle, createHash("sha256").update(sessionId).digest("hex")));
}
