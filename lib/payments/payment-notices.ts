/**
 * Notices about payments shown on /dashboard (?notice=…), next to the
 * dashboard's own (lib/events/dashboard-notices.ts). The URL carries a code,
 * never text.
 */
const PAYMENT_NOTICES = {
  "payment-unavailable": { tone: "warning", text: "We could not reach our payment provider. Your event is saved; please try again in a few minutes." },
  "payment-cancelled": { tone: "warning", text: "Payment cancelled. Your event is saved and awaits payment." },
} as const satisfies Record<string, { tone: "success" | "warning"; text: string }>;

export type TPaymentNotice = keyof typeof PAYMENT_NOTICES;

export function paymentNotice(code: string | string[] | undefined): (typeof PAYMENT_NOTICES)[TPaymentNotice] | null {
  const value = Array.isArray(code) ? code[0] : code;
  return value && Object.hasOwn(PAYMENT_NOTICES, value) ? PAYMENT_NOTICES[value as TPaymentNotice] : null;
}
