import "server-only";
import { db } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { AppError } from "@/lib/errors";
import { getClientIp } from "@/lib/http/client-ip";
import { checkRateLimit } from "@/lib/redis/rate-limit";
import { normaliseEmail, isEmailTooLong } from "./email";
import { logInErrorMessage } from "./log-in-messages";
import { hashPassword, verifyPassword } from "./password";
import { PASSWORD_MAX_LENGTH, passwordLength } from "./password-policy";
import { createSession } from "./sessions";

export type TSignedIn = { user: { id: string; email: string; name: string; role: "CREATOR" | "ADMIN" }; sessionId: string };

/** The same refusal for an unknown email and a wrong password. */
function invalidCredentials(): AppError {
  return new AppError("UNAUTHORIZED", logInErrorMessage(undefined));
}

function signInUnavailable(cause?: unknown): AppError {
  return new AppError("SERVICE_UNAVAILABLE", logInErrorMessage("unavailable"), { cause });
}

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
 *    They fail CLOSED: when Redis cannot answer, SERVICE_UNAVAILABLE is thrown
 *    here, BEFORE the password is checked — during an outage a right and a
 *    wrong password get the same answer.
 * 3. The password (argon2id; a throwaway hash for unknown emails).
 *
 * Refusals throw AppError: UNAUTHORIZED (wrong email or password, never
 * saying which), FORBIDDEN (a deactivated account, only told once the password
 * matched), RATE_LIMITED (with retryAfterSeconds), SERVICE_UNAVAILABLE (Redis
 * or PostgreSQL cannot be asked).
 */
export async function signInWithPassword({ email, password, headers }: { email: string; password: string; headers: Headers }): Promise<TSignedIn> {
  if (isEmailTooLong(email)) throw invalidCredentials();
  const normalisedEmail = normaliseEmail(email);
  if (!normalisedEmail || !password || passwordLength(password) > PASSWORD_MAX_LENGTH) throw invalidCredentials();
  const ip = getClientIp(headers);

  const limits = [
    ["signInIp", ip],
    ["signInEmailIp", `${normalisedEmail}|${ip}`],
    ["signInEmail", normalisedEmail],
  ] as const;
  for (const [policy, identifier] of limits) {
    const limit = await checkRateLimit(policy, identifier);
    if (limit.unavailable) throw signInUnavailable();
    if (!limit.success) {
      const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
      throw new AppError("RATE_LIMITED", logInErrorMessage(`too_many_attempts_${minutes}`), { retryAfterSeconds: limit.retryAfterSeconds });
    }
  }

  let user;
  try {
    user = await db.user.findUnique({
      where: { email: normalisedEmail },
      select: { id: true, email: true, name: true, role: true, isActive: true, passwordHash: true },
    });
  } catch (error) {
    // PostgreSQL restarting: the same "temporarily unavailable" as a Redis outage, not next-auth's "Configuration" error.
    if (isDatabaseUnavailable(error)) throw signInUnavailable(error);
    throw error;
  }
  dummyHash ??= hashPassword("not-a-real-password-just-for-timing");
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !passwordMatches) throw invalidCredentials();
  if (!user.isActive) throw new AppError("FORBIDDEN", logInErrorMessage("account_deactivated"));

  // Redis unreachable here: createSession throws SERVICE_UNAVAILABLE.
  const { sessionId } = await createSession({ userId: user.id, role: user.role, ip, userAgent: headers.get("user-agent") ?? "" });
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, sessionId };
}
