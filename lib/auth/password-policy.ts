import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The password policy (the product contract): 8 to 128 characters, no composition rules,
 * not a common password, not the account's email address (nor its local part).
 * Messages are written for the person typing the password.
 *
 * Length is counted in Unicode code points (an emoji counts as one character).
 */

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const PASSWORD_MESSAGES = {
  tooShort: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  tooLong: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  common: "This password is too common. Choose another one.",
  email: "Your password must not be your email address.",
} as const;

/** Resolved from the project root (Next and vitest both run there; Next's file tracing follows process.cwd() paths). */
const COMMON_PASSWORDS_FILE = path.join(process.cwd(), "lib", "auth", "data", "common-passwords.txt");

let commonPasswords: Set<string> | undefined;

/** The common-password list, read once on first use. Throws if the file is missing (a deployment bug). */
function getCommonPasswords(): Set<string> {
  if (commonPasswords) return commonPasswords;
  const set = new Set<string>();
  for (const line of readFileSync(COMMON_PASSWORDS_FILE, "utf8").split(/\r?\n/)) {
    const entry = line.trim();
    if (entry && !entry.startsWith("#")) set.add(entry.toLowerCase());
  }
  commonPasswords = set;
  return set;
}

export function isCommonPassword(password: string): boolean {
  return getCommonPasswords().has(password.toLowerCase());
}

/** A password's length as the policy counts it: in code points, not UTF-16 units (the sign-in and change-password checks use it too). */
export function passwordLength(password: string): number {
  let count = 0;
  for (const _ of password) count++;
  return count;
}

/**
 * Returns a person-readable reason the password is refused, or null if it is acceptable.
 * `email` is the account's email (any case); omit it when unknown.
 */
export function checkPasswordPolicy({ password, email }: { password: string; email?: string | null }): string | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return PASSWORD_MESSAGES.tooShort;
  if (length > PASSWORD_MAX_LENGTH) return PASSWORD_MESSAGES.tooLong;

  const lower = password.toLowerCase();
  const normalisedEmail = email?.trim().toLowerCase();
  if (normalisedEmail) {
    const at = normalisedEmail.lastIndexOf("@");
    const localPart = at > 0 ? normalisedEmail.slice(0, at) : "";
    if (lower === normalisedEmail || (localPart !== "" && lower === localPart)) return PASSWORD_MESSAGES.email;
  }

  if (isCommonPassword(password)) return PASSWORD_MESSAGES.common;
  return null;
}

/**
 * A new password, without the email rule (the email is another field): length
 * and common-password checks. For forms, also add the email rule with
 * `refinePasswordAgainstEmail` (or call `checkPasswordPolicy` directly).
 * The value is never trimmed: spaces are part of a password.
 */
export const ZPassword = z.string({ error: PASSWORD_MESSAGES.tooShort }).superRefine((password, ctx) => {
  const message = checkPasswordPolicy({ password });
  if (message) ctx.addIssue({ code: "custom", message });
});

/**
 * For an object schema's `.superRefine`: reports the full policy (including the
 * email rule) on the password field.
 *
 *   z.object({ email: ZEmail, password: z.string() }).superRefine(refinePasswordAgainstEmail())
 */
export function refinePasswordAgainstEmail<T extends Record<string, unknown>>(fields: { password?: keyof T & string; email?: keyof T & string } = {}) {
  const passwordField = fields.password ?? "password";
  const emailField = fields.email ?? "email";
  return (data: T, ctx: z.RefinementCtx): void => {
    const password = data[passwordField];
    const email = data[emailField];
    if (typeof password !== "string") return;
    const message = checkPasswordPolicy({ password, email: typeof email === "string" ? email : null });
    if (message) ctx.addIssue({ code: "custom", path: [passwordField], message });
  };
}

/** Test hook: forget the loaded list. */
export function resetCommonPasswordsForTests(): void {
  commonPasswords = undefined;
}
