// No "server-only": the light render path (server.mjs), the mail worker and client components read this too.
import en from "./messages/en.json";
import id from "./messages/id.json";
import ru from "./messages/ru.json";

/** A catalogue: every visible string, by namespace and key, as ICU messages. English is the reference. */
export type TMessages = typeof en;

/**
 * The languages of the site, English first (it has no URL prefix and is the fallback). To add one: write its
 * catalogue in lib/i18n/messages/<code>.json, import it above and add its line here. The type below makes the build
 * fail while the catalogue lacks a key of the English one; catalogues.test.ts checks the messages themselves.
 */
const LANGUAGE_LIST = [
  { code: "en", name: "English", intl: "en-GB", messages: en },
  { code: "id", name: "Bahasa Indonesia", intl: "id-ID", messages: id },
  { code: "ru", name: "Русский", intl: "ru-RU", messages: ru },
] as const satisfies readonly { code: string; name: string; intl: string; messages: TMessages }[];

export type TLocale = (typeof LANGUAGE_LIST)[number]["code"];
export type TLanguage = { code: TLocale; name: string; intl: string; messages: TMessages };

export const LANGUAGES: readonly TLanguage[] = LANGUAGE_LIST;
export const LOCALES: readonly TLocale[] = LANGUAGE_LIST.map((language) => language.code);
export const DEFAULT_LOCALE: TLocale = "en";

export function isLocale(value: unknown): value is TLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The language a request header names (the proxy's LOCALE_HEADER), English when it names none of the site's. */
export function localeOfHeader(value: string | null | undefined): TLocale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export function languageOf(locale: TLocale): TLanguage {
  return LANGUAGES.find((language) => language.code === locale) ?? LANGUAGE_LIST[0];
}

/**
 * The language of a URL path and the path without its prefix: "/id/calendar" → id, "/calendar"; "/ru" → ru, "/";
 * "/calendar" → en, "/calendar". The language comes from the URL only (no cookie, no Accept-Language), so that a
 * cached page is the same for everyone who asks for that URL.
 */
export function splitLocalePath(pathname: string): { locale: TLocale; path: string } {
  const match = /^\/([a-z]{2})(?=\/|$)(.*)$/.exec(pathname);
  if (match && isLocale(match[1]) && match[1] !== DEFAULT_LOCALE) return { locale: match[1], path: match[2] || "/" };
  return { locale: DEFAULT_LOCALE, path: pathname };
}

/** A site path in a language: "/calendar?week=2026-W50" → "/ru/calendar?week=2026-W50"; English has no prefix. */
export function localizedPath(locale: TLocale, path: string): string {
  if (!path.startsWith("/") || path.startsWith("//")) throw new Error(`Not a site path: ${path}`);
  if (locale === DEFAULT_LOCALE) return path;
  return path === "/" ? `/${locale}` : path.startsWith("/?") ? `/${locale}${path.slice(1)}` : `/${locale}${path}`;
}

/**
 * Request headers the proxy (proxy.ts) sets on every page request, replacing any a client sent: the language of the
 * URL, and the path without its language prefix (with the query), for the language switcher.
 */
export const LOCALE_HEADER = "x-zb-locale";
export const PATH_HEADER = "x-zb-path";
