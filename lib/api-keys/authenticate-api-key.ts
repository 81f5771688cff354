import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashApiKey, looksLikeApiKey, sameHash } from "./api-key-secret";
import type { TApiKeyScope } from "./scopes";

/** Who is calling with a valid key. */
export type TApiKeyPrincipal = {
  keyId: string;
  keyName: string;
  prefix: string;
  scopes: string[];
  owner: { id: string; email: string; name: string };
};

/** lastUsedAt is written at most this often per key (one UPDATE per minute, not per request). */
export const LAST_USED_THROTTLE_MS = 60_000;

export const MISSING_KEY_MESSAGE = "An API key is required: send the header Authorization: Bearer <key>.";
export const INVALID_KEY_MESSAGE = "This API key is not valid.";
export const REVOKED_KEY_MESSAGE = "This API key has been revoked.";
export const INACTIVE_OWNER_MESSAGE = "The account this API key belongs to is deactivated.";

/** The token of an `Authorization: Bearer <token>` header, or null when there is none. */
export function readBearerToken(authorization: string | null | undefined): string | null {
  if (!authorization) return null;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1] ?? null;
}

/**
 * Checks an `Authorization` header: a key of ours, not revoked, whose owner
 * is an active creator, with `scope`. The key is looked up by its HMAC (a
 * unique index), then the stored hash is compared in constant time.
 * UNAUTHORIZED (401) for a missing, unknown or revoked key or a deactivated
 * owner; FORBIDDEN (403) when the key lacks the scope. Marks the key used.
 */
export async function authenticateApiKey({
  authorization,
  scope,
  now = new Date(),
}: {
  authorization: string | null | undefined;
  scope: TApiKeyScope;
  now?: Date;
}): Promise<TApiKeyPrincipal> {
  const token = readBearerToken(authorization);
  if (!token) throw new AppError("UNAUTHORIZED", MISSING_KEY_MESSAGE);
  if (!looksLikeApiKey(token)) throw new AppError("UNAUTHORIZED", INVALID_KEY_MESSAGE);
  const hash = hashApiKey(token);
  const key = await db.apiKey.findUnique({
    where: { keyHash: hash },
    select: {
      id: true,
      name: true,
      prefix: true,
      keyHash: true,
      scopes: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, isActive: true } },
    },
  });
  if (!key || !sameHash(key.keyHash, hash)) throw new AppError("UNAUTHORIZED", INVALID_KEY_MESSAGE);
  if (key.revokedAt) throw new AppError("UNAUTHORIZED", REVOKED_KEY_MESSAGE);
  if (!key.user.isActive || key.user.role !== "CREATOR") throw new AppError("UNAUTHORIZED", INACTIVE_OWNER_MESSAGE);
  if (!key.scopes.includes(scope)) throw new AppError("FORBIDDEN", `This API key does not have the scope ${scope}.`);

  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_THROTTLE_MS) {
    await db.apiKey.updateMany({
      where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_THROTTLE_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return { keyId: key.id, keyName: key.name, prefix: key.prefix, scopes: key.scopes, owner: { id: key.user.id, email: key.user.email, name: key.user.name } };
}
