import "server-only";
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { Redis } from "@upstash/redis";
import { errors as upstashErrors } from "@upstash/redis";
import { z } from "zod";
import type { Role } from "@/lib/db";
import { getHashingSecret } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getRedisHandle, type RedisHandle } from "@/lib/redis/client";
import type { SessionStore } from "@/lib/redis/ports";
import { raceTimeout } from "@/lib/redis/resilience";
import { readStoredSession, sessionKeyForHash } from "./session-record";

/**
 * Sign-in sessions, stored in Redis (shared by every app instance).
 *
 * - The session id (32 random bytes, base64url) goes to the browser only; Redis
 *   stores sha256(id), so a leaked key listing or dump cannot be replayed.
 *   key("session", <sha256 hex>) → JSON record, TTL SESSION_TTL_SECONDS (absolute:
 *   not extended on use).
 * - key("user-sessions", userId) → set of the user's session hashes, so that
 *   sign-out everywhere / password change / reset / deactivation can delete
 *   them all at once. Its TTL is refreshed to the session TTL on every sign-in,
 *   so it never outlives the user's newest session.
 *
 * FAIL CLOSED. Unlike the caches and rate limits (which fail open through
 * `withRedis`), every function here throws AppError("SERVICE_UNAVAILABLE") when
 * Redis is configured but unreachable or slower than `timeoutMs` (default
 * 1 000 ms): no caller can mistake an outage for "no session" or let anyone in.
 * Redis reply errors (a bug, not an outage) throw AppError("INTERNAL").
 * The shared circuit breaker is informed (so caches skip a dead Redis) but not
 * obeyed: every auth call tries Redis, bounded by its timeout — with TCP a dead
 * Redis fails in well under a millisecond anyway.
 *
 * Memory mode (no Redis configured, the demo) uses the same code on the
 * in-process requester: it never fails, and sessions live as long as the process.
 * Everything here goes through the `SessionStore` port (lib/redis/ports.ts).
 */

export const SESSION_TTL_SECONDS = 30 * 24 * 3600;
export const AUTH_REDIS_TIMEOUT_MS = 1_000;
export const SIGN_IN_UNAVAILABLE_MESSAGE = "Sign-in is temporarily unavailable. Please try again in a minute.";
const USER_AGENT_MAX_LENGTH = 200;

export interface TAuthRedisOptions {
  /** Use this handle instead of the app singleton (tests, scripts). */
  handle?: RedisHandle;
  /** Upper bound for the whole call. Default AUTH_REDIS_TIMEOUT_MS. */
  timeoutMs?: number;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function isReplyError(error: unknown): boolean {
  return error instanceof upstashErrors.UpstashError && !(error instanceof upstashErrors.UpstashJSONParseError);
}

/**
 * Runs auth-critical Redis work: bounded by a timeout, and THROWING (never a
 * fallback) on failure. Shared by sessions and one-time tokens.
 */
export async function withAuthRedis<T>(
  label: string,
  operation: (redis: Redis, handle: RedisHandle) => Promise<T>,
  options: TAuthRedisOptions = {},
): Promise<T> {
  let handle: RedisHandle;
  try {
    handle = options.handle ?? getRedisHandle();
  } catch (error) {
    console.error(`Auth: cannot create the Redis client (${label}): ${describe(error)}`);
    throw new AppError("SERVICE_UNAVAILABLE", SIGN_IN_UNAVAILABLE_MESSAGE, { cause: error });
  }
  try {
    const result = await raceTimeout(() => operation(handle.redis, handle), options.timeoutMs ?? AUTH_REDIS_TIMEOUT_MS);
    handle.breaker.recordSuccess();
    return result;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isReplyError(error)) {
      // Never log command arguments (session hashes, user ids): strip Upstash's ", command was: [...]".
      console.error(
        `Auth: Redis command failed in ${label}: ${describe(error)
          .replace(/, command was: [\s\S]*$/, "")
          .slice(0, 300)}`,
      );
      throw new AppError("INTERNAL", "Something went wrong. Please try again.", { cause: error });
    }
    handle.breaker.recordFailure(describe(error));
    throw new AppError("SERVICE_UNAVAILABLE", SIGN_IN_UNAVAILABLE_MESSAGE, { cause: error });
  }
}

/** Session work through the session store port (lib/redis/ports.ts): withAuthRedis, narrowed to the session commands. */
function withSessions<T>(label: string, operation: (sessions: SessionStore, handle: RedisHandle) => Promise<T>, options?: TAuthRedisOptions): Promise<T> {
  return withAuthRedis(label, operation, options);
}

// ---------------------------------------------------------------------------
// Helpers shared with tokens.ts
// ---------------------------------------------------------------------------

/** 32 random bytes, base64url (43 characters). */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Shape of randomSecret(): lets us refuse garbage cookies/links without touching Redis. */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

const HASH_PATTERN = /^[0-9a-f]{64}$/;

// ---------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------

const SESSION_ROLES = ["CREATOR", "ADMIN"] as const satisfies readonly Role[];

/** What Redis stores (JSON). */
const ZStoredSession = z.object({
  userId: z.string().min(1),
  role: z.enum(SESSION_ROLES),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  ipHash: z.string().optional(),
  userAgent: z.string().optional(),
});
type TStoredSession = z.infer<typeof ZStoredSession>;

export interface TSessionRecord {
  userId: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
  /** HMAC of the sign-in IP (never the raw IP). */
  ipHash?: string;
  /** Sign-in user agent, at most 200 characters. */
  userAgent?: string;
}

export interface TListedSession extends TSessionRecord {
  /** sha256 of the session id: identifies the session without being usable as a cookie. */
  sessionHash: string;
}

export interface TCreateSessionInput {
  userId: string;
  role: Role;
  ip?: string | null;
  userAgent?: string | null;
}

const sessionKey = sessionKeyForHash;
const userSessionsKey = (handle: RedisHandle, userId: string) => handle.key("user-sessions", userId);

function hashIp(ip: string): string {
  return createHmac("sha256", getHashingSecret()).update(`session-ip|${ip}`).digest("base64url").slice(0, 22);
}

function toRecord(stored: TStoredSession): TSessionRecord {
  return {
    userId: stored.userId,
    role: stored.role,
    createdAt: new Date(stored.createdAt),
    expiresAt: new Date(stored.expiresAt),
    ...(stored.ipHash ? { ipHash: stored.ipHash } : {}),
    ...(stored.userAgent ? { userAgent: stored.userAgent } : {}),
  };
}

/** A malformed record is treated as no session (fail closed), never as a session. */
function parseStored(value: unknown): TSessionRecord | null {
  const parsed = ZStoredSession.safeParse(value);
  return parsed.success ? toRecord(parsed.data) : null;
}

/** Creates a session for a user who has just proved who they are. The caller puts `sessionId` in an HttpOnly cookie. */
export async function createSession(input: TCreateSessionInput, options?: TAuthRedisOptions): Promise<{ sessionId: string; expiresAt: Date }> {
  if (!input.userId) throw new AppError("INTERNAL", "createSession needs a userId");
  const sessionId = randomSecret();
  const hash = sha256Hex(sessionId);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
  const ip = input.ip?.trim();
  const userAgent = input.userAgent?.trim().slice(0, USER_AGENT_MAX_LENGTH);
  const stored: TStoredSession = {
    userId: input.userId,
    role: input.role,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    ...(ip && ip !== "unknown" ? { ipHash: hashIp(ip) } : {}),
    ...(userAgent ? { userAgent } : {}),
  };
  await withSessions(
    "createSession",
    async (redis, handle) => {
      const setKey = userSessionsKey(handle, input.userId);
      // One transaction: the session is never visible without its index entry.
      const tx = redis.multi();
      tx.set(sessionKey(handle, hash), stored, { ex: SESSION_TTL_SECONDS });
      tx.sadd(setKey, hash);
      tx.expire(setKey, SESSION_TTL_SECONDS);
      await tx.exec();
    },
    options,
  );
  return { sessionId, expiresAt };
}

/**
 * The session for a cookie value, or null if there is none (unknown, expired,
 * signed out, malformed id). THROWS AppError("SERVICE_UNAVAILABLE") if Redis
 * cannot answer: treat that as "not signed in, and say so", never as a session.
 */
export async function getSession(sessionId: string | null | undefined, options?: TAuthRedisOptions): Promise<TSessionRecord | null> {
  if (typeof sessionId !== "string" || !SECRET_PATTERN.test(sessionId)) return null;
  const value = await withSessions("getSession", (redis, handle) => readStoredSession(redis, handle, sessionId), options);
  return value === null ? null : parseStored(value);
}

/** Signs one session out. Returns whether it existed. */
export async function deleteSession(sessionId: string | null | undefined, options?: TAuthRedisOptions): Promise<boolean> {
  if (typeof sessionId !== "string" || !SECRET_PATTERN.test(sessionId)) return false;
  const hash = sha256Hex(sessionId);
  return withSessions(
    "deleteSession",
    async (redis, handle) => {
      const stored = await redis.getdel<unknown>(sessionKey(handle, hash));
      if (stored === null) return false;
      const userId = ZStoredSession.safeParse(stored).data?.userId;
      if (userId) await redis.srem(userSessionsKey(handle, userId), hash);
      return true;
    },
    options,
  );
}

/**
 * Deletes every session of a user at once (sign out everywhere, password
 * change/reset, deactivation). `exceptSessionId` keeps one (e.g. the session
 * that just changed the password). Returns how many sessions were deleted.
 * Repeats until the user's set is empty, so a sign-in racing with this call
 * cannot slip through unlisted.
 */
export async function deleteUserSessions(userId: string, options?: TAuthRedisOptions & { exceptSessionId?: string }): Promise<number> {
  const exceptHash = options?.exceptSessionId ? sha256Hex(options.exceptSessionId) : undefined;
  return withSessions(
    "deleteUserSessions",
    async (redis, handle) => {
      const setKey = userSessionsKey(handle, userId);
      let deleted = 0;
      for (let round = 0; round < 10; round++) {
        const members = (await redis.smembers<unknown[]>(setKey)).map(String).filter((member) => member !== exceptHash);
        if (members.length === 0) break;
        const tx = redis.multi();
        tx.del(...members.map((member) => sessionKey(handle, member)));
        tx.srem(setKey, ...members); // an emptied set disappears with its last member
        const [count] = await tx.exec<[number, number]>();
        deleted += count;
      }
      return deleted;
    },
    options,
  );
}

/** The user's live sessions, newest first (stale index entries are pruned on the way). */
export async function listUserSessions(userId: string, options?: TAuthRedisOptions): Promise<TListedSession[]> {
  return withSessions(
    "listUserSessions",
    async (redis, handle) => {
      const setKey = userSessionsKey(handle, userId);
      const members = (await redis.smembers<unknown[]>(setKey)).map(String).filter((member) => HASH_PATTERN.test(member));
      if (members.length === 0) return [];
      const values = await redis.mget<unknown[]>(...members.map((member) => sessionKey(handle, member)));
      const sessions: TListedSession[] = [];
      const stale: string[] = [];
      members.forEach((member, index) => {
        const record = values[index] === null || values[index] === undefined ? null : parseStored(values[index]);
        if (record && record.userId === userId) sessions.push({ ...record, sessionHash: member });
        else if (values[index] === null || values[index] === undefined) stale.push(member);
      });
      if (stale.length > 0) await redis.srem(setKey, ...stale);
      return sessions.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },
    options,
  );
}
