import type { EventStatus } from "@/lib/db";

/** Statuses a visitor can see. Cancelled events stay listed, with a badge, until they end. */
export const PUBLIC_STATUSES: EventStatus[] = ["PUBLISHED", "CANCELLED"];

export function isPubliclyVisible(event: { status: EventStatus; deletedAt: Date | null }): boolean {
  return event.deletedAt === null && PUBLIC_STATUSES.includes(event.status);
}
