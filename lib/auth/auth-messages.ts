import english from "@/lib/i18n/messages/en.json";
import type { TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";

/**
 * The messages lib/auth (and the profile's use cases) refuse with are English sentences (their tests and the English
 * pages read them as they are). A page or action in another language shows them through `localizeAuthMessage`, which
 * finds the sentence among the catalogue's "authErrors" (the English catalogue holds them word for word) and returns
 * it in the page's language. English, and any sentence not in the list, is returned unchanged.
 */
type TAuthErrorKey = keyof typeof english.authErrors;

/** The sentences with a number in them: the English pattern, its key and the name of its argument. */
const WITH_NUMBER: { pattern: RegExp; key: TAuthErrorKey; name: string }[] = [
  { pattern: /^Too many attempts, try again in (\d+) minutes?\.$/, key: "tooManyAttempts", name: "minutes" },
  { pattern: /^Too many changes, try again in (\d+) minutes?\.$/, key: "tooManyChanges", name: "minutes" },
  { pattern: /^Use at most (\d+) characters\.$/, key: "atMost", name: "max" },
  { pattern: /^Use at least (\d+) characters\.$/, key: "atLeast", name: "min" },
  { pattern: /^Enter an email address of at most (\d+) characters\.$/, key: "emailTooLong", name: "max" },
];

const KEY_BY_SENTENCE = new Map<string, TAuthErrorKey>(
  Object.entries(english.authErrors)
    .filter(([, sentence]) => !sentence.includes("{"))
    .map(([key, sentence]) => [sentence, key as TAuthErrorKey]),
);

export function localizeAuthMessage(locale: TLocale, message: string): string;
export function localizeAuthMessage(locale: TLocale, message: string | undefined): string | undefined;
export function localizeAuthMessage(locale: TLocale, message: string | undefined): string | undefined {
  if (message === undefined || locale === "en") return message;
  const t = translatorFor(locale);
  const key = KEY_BY_SENTENCE.get(message);
  if (key) return t(`authErrors.${key}`);
  for (const { pattern, key, name } of WITH_NUMBER) {
    const match = pattern.exec(message);
    if (match) return t(`authErrors.${key}`, { [name]: Number(match[1]) });
  }
  return message;
}

/** A form's field messages in the page's language. */
export function localizeAuthFields(locale: TLocale, fields: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!fields || locale === "en") return fields;
  return Object.fromEntries(Object.entries(fields).map(([field, message]) => [field, localizeAuthMessage(locale, message)]));
}
