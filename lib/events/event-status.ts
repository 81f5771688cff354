import type { EventStatus } from "@/lib/db";

/** How an event's status reads for people (creators' dashboard and the admin pages). */
export const EVENT_STATUS_LABEL: Record<EventStatus, string> = {
  DRAFT: "Draft",
  AWAITING_PAYMENT: "Awaiting payment",
  PUBLISHED: "Published",
  CANCELLED: "Cancelled",
  UNPUBLISHED: "Unpublished",
};

/**
 * Whether the event's form may still be saved: until it ends; drafts (and events awaiting payment) have never been public,
 * so they stay editable whatever their dates, e.g. a copy of a past event.
 */
export function isEditable(event: { status: EventStatus; endsAt: Date }, now = new Date()): boolean {
  return event.status === "DRAFT" || event.status === "AWAITING_PAYMENT" || event.endsAt.getTime() > now.getTime();
}

/** Whether the event is over: its end has passed (the public page and the API say so). */
export function hasEnded(event: { endsAt: Date | string }, now = new Date()): boolean {
  return new Date(event.endsAt).getTime() <= now.getTime();
}

/** Whether the creator may still cancel the event: published and not ended (cancelEvent checks the same when it runs). */
export function isCancellable(event: { status: EventStatus; endsAt: Date }, now = new Date()): boolean {
  return event.status === "PUBLISHED" && !hasEnded(event, now);
}
