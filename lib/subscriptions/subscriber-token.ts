import { randomBytes } from "node:crypto";

/**
 * A subscriber's private token: the secret in their links (/saved/<token>, /saved/<token>.ics, /alerts/<token>).
 * 32 random bytes (256 bits) written in base64url: 43 characters of [A-Za-z0-9_-], safe in a path. Looked up only
 * through the unique `subscribers.token` column, and only once a value has this exact shape: a longer or stranger
 * value never reaches the database.
 */

export const SUBSCRIBER_TOKEN_BYTES = 32;
export const SUBSCRIBER_TOKEN_LENGTH = 43;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newSubscriberToken(): string {
  return randomBytes(SUBSCRIBER_TOKEN_BYTES).toString("base64url");
}

/** Whether a value from a URL, a form or a cookie has the shape of a token (checked on its length first). */
export function isSubscriberToken(value: unknown): value is string {
  return typeof value === "string" && value.length === SUBSCRIBER_TOKEN_LENGTH && TOKEN_PATTERN.test(value);
}
