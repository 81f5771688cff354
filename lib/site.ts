import { getEnv } from "@/lib/env";
import { formatterFor } from "@/lib/i18n/format";
import type { TLocale } from "@/lib/i18n/languages";
import english from "@/lib/i18n/messages/en.json";

export const SITE_NAME = "Zen Bali";
/** The site's description in English (the feeds', and every page's by default); other languages: the catalogues. */
export const SITE_DESCRIPTION = english.site.description;

export function siteUrl(path = "/"): string {
  return new URL(path, getEnv().APP_URL).toString();
}

/** "USD 3" ("3 USD" in Russian): the posting fee, from POSTING_FEE_CENTS only. */
export function postingFeeLabel(locale: TLocale = "en"): string {
  return formatterFor(locale).usd(getEnv().POSTING_FEE_CENTS);
}
