import type { TNotice, TNoticeEntry } from "@/lib/events/dashboard-notices";
import type { TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";

/**
 * Notices about payments shown on /dashboard (?notice=…), next to the
 * dashboard's own (lib/events/dashboard-notices.ts). The URL carries a code,
 * never text.
 */
const PAYMENT_NOTICES = {
  "payment-unavailable": { tone: "warning", key: "paymentUnavailable" },
  "payment-cancelled": { tone: "warning", key: "paymentCancelled" },
} as const satisfies Record<string, TNoticeEntry>;

export type TPaymentNotice = keyof typeof PAYMENT_NOTICES;

export function paymentNotice(code: string | string[] | undefined, locale: TLocale = "en"): TNotice | null {
  const value = Array.isArray(code) ? code[0] : code;
  if (!value || !Object.hasOwn(PAYMENT_NOTICES, value)) return null;
  const { tone, key } = PAYMENT_NOTICES[value as TPaymentNotice];
  return { tone, text: translatorFor(locale)(`dashboard.notices.${key}`) };
}
