import "server-only";
import { db } from "@/lib/db";
import { findSavableEvent } from "./find-savable-event";
import { MAX_SAVED_EVENTS, savedKeyOf, type TSavedKey } from "./saved-cookie";

export type TSavedChange =
  /** Now on the list (or it already was). */
  | { outcome: "saved"; event: { slug: string; title: string }; keys: TSavedKey[] }
  /** Taken off the list (or it was not on it). */
  | { outcome: "removed"; event: { slug: string; title: string }; keys: TSavedKey[] }
  /** The list holds MAX_SAVED_EVENTS already: nothing changed. */
  | { outcome: "full"; keys: TSavedKey[] }
  /** No event a visitor can see has this slug: nothing changed. */
  | { outcome: "missing"; keys: TSavedKey[] };

/** A Save button: the event (by slug) added at the end of the list, unless the list is full. */
export async function saveEvent(keys: readonly TSavedKey[], slug: unknown): Promise<TSavedChange> {
  const event = await findSavableEvent(slug);
  if (!event) return { outcome: "missing", keys: [...keys] };
  const key = savedKeyOf(event.id);
  if (!key) return { outcome: "missing", keys: [...keys] };
  if (keys.includes(key)) return { outcome: "saved", event, keys: [...keys] };
  if (keys.length >= MAX_SAVED_EVENTS) return { outcome: "full", keys: [...keys] };
  return { outcome: "saved", event, keys: [...keys, key] };
}

/** A Remove button: the event (by slug; a deleted one too) taken off the list. */
export async function removeSavedEvent(keys: readonly TSavedKey[], slug: unknown): Promise<TSavedChange> {
  if (typeof slug !== "string" || slug.length === 0 || slug.length > 160 || !/^[a-z0-9-]+$/.test(slug)) return { outcome: "missing", keys: [...keys] };
  const event = await db.event.findUnique({ where: { slug }, select: { id: true, slug: true, title: true } });
  if (!event) return { outcome: "missing", keys: [...keys] };
  const key = savedKeyOf(event.id);
  return { outcome: "removed", event: { slug: event.slug, title: event.title }, keys: key ? keys.filter((entry) => entry !== key) : [...keys] };
}
