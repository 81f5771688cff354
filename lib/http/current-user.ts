import "server-only";
import { getToken } from "next-auth/jwt";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { getEnv, getHashingSecret } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isLocale, LOCALE_HEADER, localizedPath, splitLocalePath } from "@/lib/i18n/languages";
import { auth } from "./auth";

export type TCurrentUser = {
  id: string;
  email: string;
  name: string;
  organisation: string | null;
  phone: string | null;
  role: "CREATOR" | "ADMIN";
  emailVerifiedAt: Date | null;
};

/**
 * The signed-in user, checked against the Redis session (in the jwt callback)
 * and the database on every call; null when signed out. Throws
 * SERVICE_UNAVAILABLE when the session store or the database cannot be
 * reached, so nobody is let in while sessions cannot be checked.
 */
export async function getCurrentUser(): Promise<TCurrentUser | null> {
  const session = await auth();
  if (session?.unavailable) throw new AppError("SERVICE_UNAVAILABLE", "Signing in is temporarily unavailable. Please try again in a minute.");
  if (!session?.user.id) return null;
  const user = await db.user
    .findUnique({
      where: { id: session.user.id },
      select: { id: true, email: true, name: true, organisation: true, phone: true, role: true, emailVerifiedAt: true, isActive: true },
    })
    .catch((error: unknown) => {
      // PostgreSQL restarting: "temporarily unavailable" (requireUser sends the visitor to /unavailable), not a 500.
      if (isDatabaseUnavailable(error))
        throw new AppError("SERVICE_UNAVAILABLE", "Your dashboard is temporarily unavailable. Please try again in a minute.", { cause: error });
      throw error;
    });
  if (!user || !user.isActive) return null;
  const { isActive: _active, ...current } = user;
  return current;
}

/**
 * The log-in page in the language of the page being asked for (proxy.ts), coming back to `returnTo` in that language:
 * "/dashboard" asked for on /ru/dashboard → "/ru/login?callbackUrl=%2Fru%2Fdashboard".
 */
async function logInPathFor(returnTo: string): Promise<string> {
  const value = (await headers()).get(LOCALE_HEADER);
  const locale = isLocale(value) ? value : "en";
  return localizedPath(locale, `/login?callbackUrl=${encodeURIComponent(localizedPath(locale, splitLocalePath(returnTo).path))}`);
}

/** For pages: the signed-in user, or a redirect to /login (in the page's language) that comes back here afterwards. */
export async function requireUser(returnTo: string, options: { role?: "ADMIN" } = {}): Promise<TCurrentUser> {
  let user: TCurrentUser | null;
  try {
    user = await getCurrentUser();
  } catch (error) {
    // Sessions cannot be checked (Redis unreachable): nobody is let in.
    if (error instanceof AppError && error.code === "SERVICE_UNAVAILABLE") redirect("/unavailable");
    throw error;
  }
  if (!user) redirect(await logInPathFor(returnTo));
  if (options.role && user.role !== options.role) redirect("/dashboard");
  return user;
}

/**
 * For form actions: the signed-in user, or a redirect to /login that comes
 * back to `returnTo`. Throws AppError SERVICE_UNAVAILABLE when sessions cannot
 * be checked (the form says so instead of sending anyone away).
 */
export async function requireUserForAction(returnTo: string): Promise<TCurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(await logInPathFor(returnTo));
  return user;
}

/**
 * The id of the session making this request (e.g. so that a password change
 * keeps it and ends only the others). next-auth keeps it in its encrypted JWT
 * cookie as `sid` (lib/http/auth.ts), never in the public session object; we
 * decrypt the cookie with the same secret and cookie name as auth.ts (secret:
 * AUTH_SECRET, else the development secret = getHashingSecret(); secure cookie
 * names when APP_URL is https) and check that Redis really holds that session
 * for this user. Anything unexpected gives undefined: callers must then take
 * the safe direction (end EVERY session).
 */
export async function getCurrentSessionId(userId: string): Promise<string | undefined> {
  try {
    const env = getEnv();
    const token = await getToken({
      req: { headers: new Headers(await headers()) },
      secret: getHashingSecret(),
      secureCookie: env.APP_URL.startsWith("https://"),
    });
    const sid = typeof token?.sid === "string" ? token.sid : undefined;
    if (!sid || token?.uid !== userId) return undefined;
    const session = await getSession(sid);
    return session?.userId === userId ? sid : undefined;
  } catch (error) {
    console.error("could not read the current session id", error);
    return undefined;
  }
}
