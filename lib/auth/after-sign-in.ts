import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/languages";
import { normaliseEmail } from "./email";
import { landingPathFor, safeRedirectPath } from "./safe-redirect";

/**
 * Where the browser goes once signed in: the page it came from when that is a
 * same-origin path (lib/auth/safe-redirect.ts), otherwise the landing page of
 * the account's role in the language of the log-in page ("/ru/dashboard").
 */
export async function pathAfterSignIn({
  email,
  callbackUrl,
  locale = DEFAULT_LOCALE,
}: {
  email: string;
  callbackUrl: unknown;
  locale?: TLocale;
}): Promise<string> {
  const user = await db.user.findUnique({ where: { email: normaliseEmail(email) }, select: { role: true } });
  return safeRedirectPath(callbackUrl, { appUrl: getEnv().APP_URL, fallback: landingPathFor(user?.role, locale) });
}
