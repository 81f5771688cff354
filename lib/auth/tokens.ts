import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { RedisHandle } from "@/lib/redis/client";
import type { TokenStore } from "@/lib/redis/ports";
import { randomSecret, SECRET_PATTERN, sha256Hex, withAuthRedis, type TAuthRedisOptions } from "@/lib/auth/sessions";

/**
 * Short-lived, single-use tokens for links sent by email (verify email 24 h,
 * reset password 1 h, confirm a subscription 24 h).
 *
 * - The token (32 random bytes, base64url) is returned to the caller to put in
 *   the link and is never stored: Redis holds key("token", purpose, sha256(token))
 *   → { userId } with the TTL.
 * - `consumeToken` uses GETDEL, one atomic command: of two concurrent consumers
 *   exactly one gets the userId.
 * - Only the newest token per user and purpose is valid: key("token-latest",
 *   purpose, userId) → hash of the newest token, swapped atomically (SET … GET)
 *   when a new one is issued, and the previous token is deleted.
 *
 * Fails CLOSED like sessions: AppError("SERVICE_UNAVAILABLE") when Redis is
 * configured but unreachable or slow (default bound 1 000 ms); never a fake
 * "valid" or a silent "unknown".
 */

export const TOKEN_PURPOSES = ["verify-email", "reset-password", "subscription-confirm"] as const;
export type TTokenPurpose = (typeof TOKEN_PURPOSES)[number];

export const TOKEN_TTL: Record<TTokenPurpose, number> = {
  "verify-email": 24 * 3600,
  "reset-password": 3600,
  /** Keyed by the subscriber's id (lib/subscriptions/request-subscription.ts). */
  "subscription-confirm": 24 * 3600,
};

const ZStoredToken = z.object({ userId: z.string().min(1) });
const ZLatestPointer = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/) });

const tokenKey = (handle: RedisHandle, purpose: TTokenPurpose, hash: string) => handle.key("token", purpose, hash);
const latestKey = (handle: RedisHandle, purpose: TTokenPurpose, userId: string) => handle.key("token-latest", purpose, userId);

/** Token work through the token store port (lib/redis/ports.ts): withAuthRedis (fail closed), narrowed to the token commands. */
function withTokens<T>(label: string, operation: (tokens: TokenStore, handle: RedisHandle) => Promise<T>, options?: TAuthRedisOptions): Promise<T> {
  return withAuthRedis(label, operation, options);
}

function assertPurpose(purpose: string): asserts purpose is TTokenPurpose {
  if (!(TOKEN_PURPOSES as readonly string[]).includes(purpose)) throw new AppError("INTERNAL", `Unknown token purpose: ${purpose}`);
}

/**
 * Issues a token for `userId` and invalidates the user's previous unused token
 * of the same purpose. Returns the raw token (for the emailed link) and when it
 * expires. `ttlSeconds` defaults to TOKEN_TTL[purpose].
 */
export async function issueToken(
  input: { purpose: TTokenPurpose; userId: string; ttlSeconds?: number },
  options?: TAuthRedisOptions,
): Promise<{ token: string; expiresAt: Date }> {
  assertPurpose(input.purpose);
  if (!input.userId) throw new AppError("INTERNAL", "issueToken needs a userId");
  const ttlSeconds = input.ttlSeconds ?? TOKEN_TTL[input.purpose];
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) throw new AppError("INTERNAL", "issueToken: ttlSeconds must be a positive integer");
  const token = randomSecret();
  const hash = sha256Hex(token);
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);

  await withTokens(
    "issueToken",
    async (redis, handle) => {
      const tx = redis.multi();
      tx.set(tokenKey(handle, input.purpose, hash), { userId: input.userId }, { ex: ttlSeconds });
      // Atomic swap: returns the previous newest token's hash (if any).
      tx.set(latestKey(handle, input.purpose, input.userId), { hash }, { ex: ttlSeconds, get: true });
      const [, previous] = await tx.exec<[unknown, unknown]>();
      const previousHash = ZLatestPointer.safeParse(previous).data?.hash;
      if (previousHash && previousHash !== hash) await redis.del(tokenKey(handle, input.purpose, previousHash));
    },
    options,
  );
  return { token, expiresAt };
}

/**
 * Returns the token's userId exactly once; null if the token is unknown,
 * expired, superseded or already used. The caller must still check that the
 * user exists and is active.
 */
export async function consumeToken(input: { purpose: TTokenPurpose; token: string | null | undefined }, options?: TAuthRedisOptions): Promise<string | null> {
  assertPurpose(input.purpose);
  const { purpose, token } = input;
  if (typeof token !== "string" || !SECRET_PATTERN.test(token)) return null;
  const hash = sha256Hex(token);
  const stored = await withTokens("consumeToken", (redis, handle) => redis.getdel<unknown>(tokenKey(handle, purpose, hash)), options);
  return ZStoredToken.safeParse(stored).data?.userId ?? null;
}

/**
 * The token's userId WITHOUT using it up, or null. For pages that show a form
 * before the token is consumed (e.g. /reset-password?token=… checks the link
 * is still valid before asking for a new password). Consume on submit.
 */
export async function peekToken(input: { purpose: TTokenPurpose; token: string | null | undefined }, options?: TAuthRedisOptions): Promise<string | null> {
  assertPurpose(input.purpose);
  const { purpose, token } = input;
  if (typeof token !== "string" || !SECRET_PATTERN.test(token)) return null;
  const hash = sha256Hex(token);
  const stored = await withTokens("peekToken", (redis, handle) => redis.get<unknown>(tokenKey(handle, purpose, hash)), options);
  return ZStoredToken.safeParse(stored).data?.userId ?? null;
}

/** Invalidates the user's outstanding token of this purpose (e.g. after the password was changed another way). */
export async function revokeTokens(input: { purpose: TTokenPurpose; userId: string }, options?: TAuthRedisOptions): Promise<void> {
  assertPurpose(input.purpose);
  await withTokens(
    "revokeTokens",
    async (redis, handle) => {
      const pointer = await redis.getdel<unknown>(latestKey(handle, input.purpose, input.userId));
      const hash = ZLatestPointer.safeParse(pointer).data?.hash;
      if (hash) await redis.del(tokenKey(handle, input.purpose, hash));
    },
    options,
  );
}
