import "server-only";
import { db } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { AppError } from "@/lib/errors";
import { getClientIp } from "@/lib/http/client-ip";
import { checkRateLimit } from "@/lib/redis/rate-limit";
import { normaliseEmail, isEmailTooLong } from "./email";
import { hashPassword, verifyPassword } from "./password";
import { PASSWORD_MAX_LENGTH } from "./password-policy";
import { createSession } from "./sessions";

export type TSignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: "CREATOR" | "ADMIN" }; sessionId: string }
  | { ok: false; reason: "invalid" | "deactivated" | "unavailable" }
  | { ok: false; reason: "rate_limited"; retryAfterMinutes: number };

// Verifying against a throwaway hash when the email is unknown keeps both answers
// equally slow, so timing does not tell whether an account exists.
let dummyHash: Promise<string> | undefined;

/**
 * Checks an email and password and, when they match an active account,
 * creates a session in Redis. Never says whether the email has an account.
 *
 * Order matters:
 * 1. An email over 254 characters (or an empty one, or a password over 128)
 *    is refused before anything else: no database lookup, no Redis key.
 * 2. Limits: 30 attempts per 15 minutes per IP, 5 per email and IP, and 20 per
 *    hour per email whatever the IP (so rotating IPs buys no more guesses).
 *    They fail CLOSED: when Redis cannot answer, "unavailable" comes back
 *    here, BEFORE the password is checked — during an outage a right and a
 *    wrong password get the same answer.
 * 3. The password (argon2id; a throwaway hash for unknown emails).
 */
export async function signInWithPassword({ email, password, headers }: { email: string; password: string; headers: Headers }): Promise<TSignInResult> {
  if (isEmailTooLong(email)) return { ok: false, reason: "invalid" };
  const normalisedEmail = normaliseEmail(email);
  if (!normalisedEmail || !password || [...password].length > PASSWORD_MAX_LENGTH) return { ok: false, reason: "invalid" };
  const ip = getClientIp(headers);

  const limits = [
    ["signInIp", ip],
    ["signInEmailIp", `${normalisedEmail}|${ip}`],
    ["signInEmail", normalisedEmail],
  ] as const;
  for (const [policy, identifier] of limits) {
    const limit = await checkRateLimit(policy, identifier);
    if (limit.unavailable) return { ok: false, reason: "unavailable" };
    if (!limit.success) return { ok: false, reason: "rate_limited", retryAfterMinutes: Math.max(1, Math.ceil(limit.retryAfterSeconds / 60)) };
  }

  let user;
  try {
    user = await db.user.findUnique({
      where: { email: normalisedEmail },
      select: { id: true, email: true, name: true, role: true, isActive: true, passwordHash: true },
    });
  } catch (error) {
    // PostgreSQL restarting: the same "temporarily unavailable" as a Redis outage, not next-auth's "Configuration" error.
    if (isDatabaseUnavailable(error)) return { ok: false, reason: "unavailable" };
    throw error;
  }
  dummyHash ??= hashPassword("not-a-real-password-just-for-timing");
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !passwordMatches) return { ok: false, reason: "invalid" };
  if (!user.isActive) return { ok: false, reason: "deactivated" };

  try {
    const { sessionId } = await createSession({ userId: user.id, role: user.role, ip, userAgent: headers.get("user-agent") ?? "" });
    return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, sessionId };
  } catch (error) {
    if (error instanceof AppError && error.code === "SERVICE_UNAVAILABLE") return { ok: false, reason: "unavailable" };
    throw error;
  }
}
