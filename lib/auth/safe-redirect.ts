import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";

/**
 * Where to send the browser after signing in, from an untrusted target
 * (`?callbackUrl=`, a hidden form field, next-auth's callback-url cookie).
 *
 * The answer is always a path on our own site ("/dashboard?x=1#y") or the
 * fallback: never a URL a browser could read as another host. Browsers are
 * generous readers — they drop tabs and newlines anywhere in a URL
 * ("/\t/example.org" is "//example.org"), read "\" as "/" ("/\example.org"),
 * and take "//host" as "another host, same scheme" — so a target is refused
 * when it, or any percent-decoding of it, has a control character or a
 * backslash, or does not start with exactly one "/". What is left is resolved
 * against APP_URL, its origin compared with ours, and only its path, query
 * and fragment kept (re-checked: "/.//x.org" resolves to the path "//x.org").
 *
 * Absolute URLs on our own origin are accepted (next-auth sends those); every
 * other scheme, host or port is refused.
 */

export const SAFE_REDIRECT_MAX_LENGTH = 2_048;

// Control characters (C0, DEL, C1), the backslash, and white space browsers strip or rewrite.
const FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\\\u2028\u2029\uFEFF]/;

/** The value decoded until it stops changing (at most 3 rounds); null if it is not valid percent-encoding. */
function decodings(value: string): string[] | null {
  const forms = [value];
  let current = value;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

function looksLikeOurPath(value: string): boolean {
  return value.startsWith("/") && !value.startsWith("//") && !FORBIDDEN.test(value);
}

/**
 * A same-origin path for `target`, or null when it is missing or unsafe.
 * `appUrl` is the site's public address (APP_URL).
 */
export function toSafeRedirectPath(target: unknown, appUrl: string): string | null {
  if (typeof target !== "string" || target === "" || target.length > SAFE_REDIRECT_MAX_LENGTH) return null;
  const origin = new URL(appUrl).origin;

  let candidate = target;
  if (!target.startsWith("/")) {
    // Only an absolute URL on our own origin is accepted besides a path.
    if (!target.startsWith(`${origin}/`) && target !== origin) return null;
    candidate = target.slice(origin.length) || "/";
  }
  const forms = decodings(candidate);
  if (!forms || !forms.every(looksLikeOurPath)) return null;

  let resolved: URL;
  try {
    resolved = new URL(candidate, `${origin}/`);
  } catch {
    return null;
  }
  if (resolved.origin !== origin) return null;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return looksLikeOurPath(path) ? path : null;
}

/** `toSafeRedirectPath`, or `fallback` (e.g. the role's landing page) when the target is missing or unsafe. */
export function safeRedirectPath(target: unknown, { appUrl, fallback }: { appUrl: string; fallback: string }): string {
  return toSafeRedirectPath(target, appUrl) ?? fallback;
}

/**
 * Where each role lands after signing in when there is no (safe) target: a creator on the dashboard in the language of
 * the page they signed in on ("/ru/dashboard"); an admin on /admin (the admin pages are English only).
 */
export function landingPathFor(role: "CREATOR" | "ADMIN" | undefined | null, locale: TLocale = DEFAULT_LOCALE): string {
  return role === "ADMIN" ? "/admin" : localizedPath(locale, "/dashboard");
}
