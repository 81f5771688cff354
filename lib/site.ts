import { getEnv } from "@/lib/env";
import { formatUsdCents } from "@/lib/format/money";

export const SITE_NAME = "Zen Bali";
export const SITE_DESCRIPTION =
  "What is on in Bali tonight, this weekend and next month: yoga, sound healing, ecstatic dance, markets, concerts and workshops.";

export function siteUrl(path = "/"): string {
  return new URL(path, getEnv().APP_URL).toString();
}

/** "USD 3": the posting fee, from POSTING_FEE_CENTS only. */
export function postingFeeLabel(): string {
  return formatUsdCents(getEnv().POSTING_FEE_CENTS);
}
