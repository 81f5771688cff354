import type { TLocale } from "@/lib/i18n/languages";
import { englishSentenceTranslator } from "@/lib/i18n/english-sentences";

/**
 * The messages lib/auth (and the profile's use cases) refuse with are English sentences (their tests and the English
 * pages read them as they are). A page or action in another language shows them through `localizeAuthMessage`: the
 * catalogue's "authErrors" hold them word for word (englishSentenceTranslator).
 */
const translateAuthSentence = englishSentenceTranslator("authErrors", [
  { pattern: /^Too many attempts, try again in (\d+) minutes?\.$/, key: "tooManyAttempts", argument: "minutes" },
  { pattern: /^Too many changes, try again in (\d+) minutes?\.$/, key: "tooManyChanges", argument: "minutes" },
  { pattern: /^Use at most (\d+) characters\.$/, key: "atMost", argument: "max" },
  { pattern: /^Use at least (\d+) characters\.$/, key: "atLeast", argument: "min" },
  { pattern: /^Enter an email address of at most (\d+) characters\.$/, key: "emailTooLong", argument: "max" },
]);

export function localizeAuthMessage(locale: TLocale, message: string): string;
export function localizeAuthMessage(locale: TLocale, message: string | undefined): string | undefined;
export function localizeAuthMessage(locale: TLocale, message: string | undefined): string | undefined {
  return message === undefined ? undefined : translateAuthSentence(locale, message);
}

/** A form's field messages in the page's language. */
export function localizeAuthFields(locale: TLocale, fields: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!fields || locale === "en") return fields;
  return Object.fromEntries(Object.entries(fields).map(([field, message]) => [field, translateAuthSentence(locale, message)]));
}
