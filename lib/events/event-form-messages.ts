import en from "@/lib/i18n/messages/en.json";
import type { TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import type { TEventFormState } from "./event-form-schema";

/**
 * The event form's refusals in the page's language. The checks (the form's schema, the repeat rule, the reference
 * look-ups, the cover image, the rate limits) speak English, as the admin pages and the API do; their messages are
 * the English catalogue's "eventFormErrors", so the English text of a refusal is its key here, and the creator's
 * form translates what it gets back at the edge. A message that is not in the catalogue stays as it is
 * (event-form-messages.test.ts checks that every message the checks can give is there).
 */

type TErrorKey = keyof typeof en.eventFormErrors;

/** Messages with a number in them: "Too many attempts, try again in 5 minutes." */
const COUNTED: { pattern: RegExp; key: TErrorKey }[] = [
  { pattern: /^Too many attempts, try again in (\d{1,6}) minutes?\.$/, key: "tooManyAttempts" },
  { pattern: /^Too many changes, try again in (\d{1,6}) minutes?\.$/, key: "tooManyChanges" },
];

let byEnglish: Map<string, TErrorKey> | null = null;

function keyOf(message: string): TErrorKey | undefined {
  if (!byEnglish) {
    const t = translatorFor("en");
    byEnglish = new Map();
    for (const key of Object.keys(en.eventFormErrors) as TErrorKey[]) {
      if (!COUNTED.some((counted) => counted.key === key)) byEnglish.set(t(`eventFormErrors.${key}`), key);
    }
  }
  return byEnglish.get(message);
}

/** One message in a language; English, or a message the catalogue does not have, as it is. */
export function eventFormMessage(locale: TLocale, message: string): string {
  if (locale === "en") return message;
  const t = translatorFor(locale);
  const key = keyOf(message);
  if (key) return t(`eventFormErrors.${key}`, { count: 0 });
  for (const { pattern, key: countedKey } of COUNTED) {
    const match = pattern.exec(message);
    if (match) return t(`eventFormErrors.${countedKey}`, { count: Number(match[1]) });
  }
  return message;
}

/** A refused save of the event form (eventFormRefusal) with its message and every field's in the language. */
export function translateEventFormState(state: TEventFormState, locale: TLocale): TEventFormState {
  if (locale === "en") return state;
  const fields = state.fields
    ? Object.fromEntries(Object.entries(state.fields).map(([field, message]) => [field, eventFormMessage(locale, message)]))
    : undefined;
  return { ...state, message: state.message === undefined ? undefined : eventFormMessage(locale, state.message), fields };
}
