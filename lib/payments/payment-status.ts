import type { PaymentStatus } from "@/lib/db";

/** How a payment's status reads for people. */
export const PAYMENT_STATUS_LABEL: Record<PaymentStatus, string> = {
  PENDING: "Pending",
  COMPLETED: "Completed",
  EXPIRED: "Expired",
  FAILED: "Failed",
  REFUNDED: "Refunded",
};
