import type { TLocale } from "@/lib/i18n/languages";
import { englishSentenceTranslator } from "@/lib/i18n/english-sentences";
import type { TEventFormState } from "./event-form-schema";

/**
 * The event form's refusals in the page's language. The checks (the form's schema, the repeat rule, the reference
 * look-ups, the cover image, the rate limits) speak English, as the admin pages and the API do; their messages are
 * the English catalogue's "eventFormErrors", and the creator's form translates what it gets back at the edge
 * (englishSentenceTranslator). event-form-messages.test.ts checks that every message the checks can give is there.
 */
const translateEventFormSentence = englishSentenceTranslator("eventFormErrors", [
  { pattern: /^Too many attempts, try again in (\d{1,6}) minutes?\.$/, key: "tooManyAttempts", argument: "count" },
  { pattern: /^Too many changes, try again in (\d{1,6}) minutes?\.$/, key: "tooManyChanges", argument: "count" },
]);

/** One message in a language; English, or a message the catalogue does not have, as it is. */
export function eventFormMessage(locale: TLocale, message: string): string {
  return translateEventFormSentence(locale, message);
}

/** A refused save of the event form (eventFormRefusal) with its message and every field's in the language. */
export function translateEventFormState(state: TEventFormState, locale: TLocale): TEventFormState {
  if (locale === "en") return state;
  const fields = state.fields
    ? Object.fromEntries(Object.entries(state.fields).map(([field, message]) => [field, eventFormMessage(locale, message)]))
    : undefined;
  return { ...state, message: state.message === undefined ? undefined : eventFormMessage(locale, state.message), fields };
}
