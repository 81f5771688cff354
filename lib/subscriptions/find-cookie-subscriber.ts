import "server-only";
import type { TSavedKey } from "@/lib/saved/saved-cookie";
import { countNotInList } from "./count-not-in-list";
import { findSubscriberByToken } from "./find-subscriber";
import { parseSubscriberCookie } from "./subscriber-cookie";

/** What /saved shows of this browser's subscription: the private page, the calendar feed, and what a merge would add. */
export type TCookieSubscriber = {
  token: string;
  /** "/saved/<token>" (put it in the page's language with localizedPath). */
  listPath: string;
  /** "/saved/<token>.ics" (a site path; the calendar feed has no language prefix). */
  feedPath: string;
  /** Events of the browser's saved list not on the subscriber's list yet (a merge adds them). */
  notInList: number;
};

/**
 * The subscriber this browser confirmed (the subscriber cookie, lib/subscriptions/subscriber-cookie.ts), or null:
 * for /saved, which then shows the calendar feed instead of the form. `savedKeys`: the browser's saved list (the
 * saved cookie), to say how many of its events a merge would add. No database work for a missing or forged cookie.
 */
export async function findCookieSubscriber({
  subscriberCookie,
  savedKeys = [],
}: {
  /** The value of the `zb_subscriber` cookie (SUBSCRIBER_COOKIE). */
  subscriberCookie: string | null | undefined;
  savedKeys?: readonly TSavedKey[];
}): Promise<TCookieSubscriber | null> {
  const token = parseSubscriberCookie(subscriberCookie);
  if (!token) return null;
  const subscriber = await findSubscriberByToken(token);
  if (!subscriber) return null;
  return { token, listPath: `/saved/${token}`, feedPath: `/saved/${token}.ics`, notInList: await countNotInList(subscriber.id, savedKeys) };
}
