import "server-only";
import { db } from "@/lib/db";
import { feedEventToIcs } from "@/lib/feeds/build-feeds";
import { buildCalendar } from "@/lib/feeds/ics";
import { feedEventSelect } from "@/lib/feeds/list-feed-events";
import { PUBLIC_STATUSES } from "@/lib/events/public-visibility";
import { recipientLocale } from "@/lib/mail/recipient-locale";
import { translatorFor } from "@/lib/i18n/translator";
import { MAX_SAVED_EVENTS } from "@/lib/saved/saved-cookie";
import type { TSubscriber } from "./find-subscriber";

/**
 * /saved/<token>.ics: the subscriber's confirmed saved events (past ones too) as an RFC 5545 calendar, written like
 * /events.ics (lib/feeds/build-feeds.ts): the same UID per event as every other feed of the site, so a calendar app
 * that has the event from another feed updates it; a cancelled event as STATUS:CANCELLED with a higher SEQUENCE;
 * named and linked in the subscriber's language. An event taken down (deleted, unpublished) drops out, and calendar
 * apps remove it at their next refresh. Not cached: a Remove shows at the next refresh.
 */
export async function buildSavedCalendar(subscriber: Pick<TSubscriber, "id" | "language">, now = new Date()): Promise<string> {
  const locale = recipientLocale(subscriber.language);
  const events = await db.event.findMany({
    where: { savedBy: { some: { subscriberId: subscriber.id, confirmedAt: { not: null } } }, deletedAt: null, status: { in: PUBLIC_STATUSES } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: MAX_SAVED_EVENTS,
    select: feedEventSelect,
  });
  return buildCalendar({ name: translatorFor(locale)("subscribe.calendarName"), events: events.map((event) => feedEventToIcs(event, locale)), now });
}
