import "server-only";
import { db } from "@/lib/db";
import { PUBLIC_STATUSES } from "@/lib/events/public-visibility";

/** The longest slug an event has (events.slug is VARCHAR(160)): a longer one is not looked up. */
const MAX_SLUG_LENGTH = 160;

/** The event a Save or Remove button names (by slug) when a visitor can see it: published or cancelled, not deleted. */
export async function findSavableEvent(slug: unknown): Promise<{ id: string; slug: string; title: string } | null> {
  if (typeof slug !== "string" || slug.length === 0 || slug.length > MAX_SLUG_LENGTH || !/^[a-z0-9-]+$/.test(slug)) return null;
  return db.event.findFirst({ where: { slug, deletedAt: null, status: { in: PUBLIC_STATUSES } }, select: { id: true, slug: true, title: true } });
}
