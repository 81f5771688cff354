import { ZEmail } from "@/lib/auth/email";

/**
 * A subscriber's address as it is stored and looked up (subscribers.email): trimmed, lower-cased, at most 254
 * characters and shaped like an address: the same rules as a creator's email (lib/auth/email.ts, `ZEmail`), so that
 * one address is one subscriber however it is typed. Null when it is not an address (a longer value is refused
 * before anything else looks at it).
 */
export function normaliseSubscriberEmail(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const parsed = ZEmail.safeParse(value);
  return parsed.success ? parsed.data : null;
}
