import { z } from "zod";

/**
 * Emails are case-insensitive and unique: every email that reaches the database,
 * a rate-limit key or a lookup goes through `normaliseEmail` (or `ZEmail`, which
 * applies it) first. The User table stores the normalised form.
 */

export const EMAIL_MAX_LENGTH = 254;

/**
 * The one length rule for every email anyone types or sends (forms, API,
 * sign-in, filters): check it BEFORE any database or Redis lookup. Counted on
 * the trimmed value, in UTF-16 code units like zod's `.max`.
 */
export function isEmailTooLong(value: string): boolean {
  return value.trim().length > EMAIL_MAX_LENGTH;
}

/** What a form may show back of a typed email: nothing when it is over the limit (never echo megabytes into a page). */
export function emailToEcho(value: string): string {
  return isEmailTooLong(value) ? "" : value;
}

/** Trims surrounding white space and lower-cases. Does not validate. */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** A valid email address of at most 254 characters; the parsed value is normalised. */
export const ZEmail = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, { error: "Enter your email address." })
  .max(EMAIL_MAX_LENGTH, { error: `Use at most ${EMAIL_MAX_LENGTH} characters.` })
  .pipe(z.email({ error: "Enter a valid email address." }));

export type TEmail = z.infer<typeof ZEmail>;
