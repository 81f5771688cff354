import type { EventStatus, PaymentStatus } from "@/lib/db";
import type { TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";

const EVENT_STATUS_KEY = {
  DRAFT: "draft",
  AWAITING_PAYMENT: "awaitingPayment",
  PUBLISHED: "published",
  CANCELLED: "cancelled",
  UNPUBLISHED: "unpublished",
} as const satisfies Record<EventStatus, string>;

const PAYMENT_STATUS_KEY = {
  PENDING: "pending",
  COMPLETED: "completed",
  EXPIRED: "expired",
  FAILED: "failed",
  REFUNDED: "refunded",
} as const satisfies Record<PaymentStatus, string>;

/** An event's status on the creator's pages, in their language: "Draft" · "Draf" · "Черновик" (EVENT_STATUS_LABEL in English). */
export function eventStatusWord(locale: TLocale, status: EventStatus): string {
  return translatorFor(locale)(`dashboard.status.${EVENT_STATUS_KEY[status]}`);
}

/** A payment's status on /dashboard/payments, in the creator's language (PAYMENT_STATUS_LABEL in English). */
export function paymentStatusWord(locale: TLocale, status: PaymentStatus): string {
  return translatorFor(locale)(`dashboard.payments.status.${PAYMENT_STATUS_KEY[status]}`);
}
