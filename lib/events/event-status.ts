import type { EventStatus } from "@/lib/db";

/** How an event's status reads for people (creators' dashboard and the admin pages). */
export const EVENT_STATUS_LABEL: Record<EventStatus, string> = {
  DRAFT: "Draft",
  AWAITING_PAYMENT: "Awaiting payment",
  PUBLISHED: "Published",
  CANCELLED: "Cancelled",
  UNPUBLISHED: "Unpublished",
};
