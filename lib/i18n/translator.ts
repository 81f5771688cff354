// No "server-only": see languages.ts.
import { createTranslator } from "use-intl/core";
import { BALI_TIME_ZONE } from "@/lib/time/bali";
import { languageOf, type TLocale, type TMessages } from "./languages";

function makeTranslator(locale: TLocale) {
  return createTranslator<TMessages>({ locale, messages: languageOf(locale).messages, timeZone: BALI_TIME_ZONE });
}

export type TTranslator = ReturnType<typeof makeTranslator>;

const translators = new Map<TLocale, TTranslator>();

/**
 * The messages of a language as a function: `t("listing.eventCount", { count: 3 })`. Keys are checked by the type
 * checker against the English catalogue. Made once per language (the catalogues are static).
 */
export function translatorFor(locale: TLocale): TTranslator {
  let translator = translators.get(locale);
  if (!translator) {
    translator = makeTranslator(locale);
    translators.set(locale, translator);
  }
  return translator;
}
