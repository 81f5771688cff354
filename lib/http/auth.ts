import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getEnv, getHashingSecret } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { SESSION_TTL_SECONDS, deleteSession, getSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";

/** A sign-in refused by a rate limit; `code` carries the minutes to wait (it ends up in the URL, so nothing sensitive). */
export class TooManySignInAttempts extends CredentialsSignin {
  constructor(minutes: number) {
    super();
    this.code = `too_many_attempts_${minutes}`;
  }
}

export class AccountDeactivated extends CredentialsSignin {
  code = "account_deactivated";
}

export class SignInUnavailable extends CredentialsSignin {
  code = "unavailable";
}

declare module "next-auth" {
  interface User {
    role?: "CREATOR" | "ADMIN";
    sessionId?: string;
  }
  interface Session {
    user: { id: string; role: "CREATOR" | "ADMIN"; email: string; name: string };
    /** True when the session store (Redis) could not be asked: treat as signed out, show "temporarily unavailable". */
    unavailable?: boolean;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: "CREATOR" | "ADMIN";
    sid?: string;
    unavailable?: boolean;
  }
}

function buildConfig(): NextAuthConfig {
  const env = getEnv();
  return {
    secret: env.AUTH_SECRET ?? getHashingSecret(),
    trustHost: true,
    useSecureCookies: env.APP_URL.startsWith("https://"),
    // The JWT only carries the user id, role and a session id; the session itself
    // lives in Redis and is checked on every request (lib/auth/sessions.ts).
    session: { strategy: "jwt", maxAge: SESSION_TTL_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          try {
            const { user, sessionId } = await signInWithPassword({
              // The posted form's fields, as sent: anything but text reads as empty (and is refused).
              email: typeof credentials.email === "string" ? credentials.email : "",
              password: typeof credentials.password === "string" ? credentials.password : "",
              headers: request.headers,
            });
            return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId };
          } catch (error) {
            // The refusal as next-auth carries it to the login form (lib/auth/log-in-messages.ts words it).
            if (!(error instanceof AppError)) throw error;
            if (error.code === "UNAUTHORIZED") return null;
            if (error.code === "RATE_LIMITED") throw new TooManySignInAttempts(Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)));
            if (error.code === "FORBIDDEN") throw new AccountDeactivated();
            if (error.code === "SERVICE_UNAVAILABLE") throw new SignInUnavailable();
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      // Every redirect next-auth makes (its callback-url form field and cookie, sign-in and sign-out):
      // a same-origin path on APP_URL only, never another host (lib/auth/safe-redirect.ts).
      redirect({ url }) {
        return new URL(safeRedirectPath(url, { appUrl: env.APP_URL, fallback: "/" }), env.APP_URL).toString();
      },
      async jwt({ token, user }) {
        // Typed as always there, but next-auth passes `user` only on sign-in; on every later request it is undefined.
        const signingIn = user as typeof user | undefined;
        if (signingIn) {
          return { ...token, uid: signingIn.id, role: signingIn.role, sid: signingIn.sessionId, unavailable: false };
        }
        if (!token.sid) return null;
        try {
          const session = await getSession(token.sid);
          // Signed out, password changed or reset, deactivated, or expired: the cookie is dead.
          if (!session || session.userId !== token.uid) return null;
          return { ...token, role: session.role, unavailable: false };
        } catch (error) {
          if (error instanceof AppError && error.code === "SERVICE_UNAVAILABLE") return { ...token, unavailable: true };
          throw error;
        }
      },
      session({ session, token }) {
        // What next-auth passes in is its default session made from the token (name and email may be missing), not yet the Session declared above.
        const incoming = session.user as { email?: string | null; name?: string | null } | undefined;
        return {
          ...session,
          unavailable: token.unavailable === true,
          user: { ...session.user, id: token.uid ?? "", role: token.role ?? "CREATOR", email: incoming?.email ?? "", name: incoming?.name ?? "" },
        };
      },
    },
    events: {
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (sid) await deleteSession(sid).catch((error: unknown) => console.error("sign-out: could not delete the session", error));
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());
