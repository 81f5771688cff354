import "server-only";
import { invalidateEventChange } from "@/lib/cache/public-changes";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TLocale } from "@/lib/i18n/languages";
import { paymentsEnabled } from "@/lib/payments/payment-mode";
import { startCheckout } from "@/lib/payments/start-checkout";
import { publishSeriesDates } from "@/lib/series/keep-series-dates";
import { eventNotFound, ownedEventWhere, type TEventActor } from "./event-access";

export const VERIFY_EMAIL_TO_PUBLISH = "Verify your email to publish events.";

export type TSubmitResult =
  /** The event is live (payments are off, an admin submitted it, or its open Checkout had been paid already). */
  | { id: string; slug: string; status: "PUBLISHED"; redirectTo: null }
  /**
   * The event awaits payment: send the browser to `redirectTo` — Stripe
   * Checkout (absolute), or our payment page (a path) while an asynchronous payment is processed.
   */
  | { id: string; slug: string; status: "AWAITING_PAYMENT"; redirectTo: string };

/**
 * Submits a draft (or an event awaiting payment). With PAYMENT_PROVIDER
 * "none" the event is PUBLISHED at once. With "stripe" a creator's event moves
 * to AWAITING_PAYMENT and the answer carries the Stripe Checkout URL; the
 * event is published when the payment completes (lib/payments). A creator
 * must have verified their email; an admin may publish any event, without
 * payment.
 */
export async function submitEvent({
  actor,
  eventId,
  now = new Date(),
  locale = "en",
}: {
  actor: TEventActor;
  eventId: string;
  now?: Date;
  /** The page's language: Stripe Checkout comes back to our pages in it. */
  locale?: TLocale;
}): Promise<TSubmitResult> {
  const where = ownedEventWhere(actor, eventId);
  const event = await db.event.findFirst({
    where,
    select: { id: true, slug: true, title: true, status: true, endsAt: true, creatorId: true, seriesId: true, creator: { select: { emailVerifiedAt: true } } },
  });
  if (!event) throw eventNotFound();
  if (actor.role !== "ADMIN" && !event.creator.emailVerifiedAt) throw new AppError("FORBIDDEN", VERIFY_EMAIL_TO_PUBLISH);
  switch (event.status) {
    case "PUBLISHED":
      throw new AppError("CONFLICT", "This event is already published.");
    case "CANCELLED":
      throw new AppError("CONFLICT", "A cancelled event cannot be published again. Duplicate it to post it anew.");
    case "UNPUBLISHED":
      throw new AppError("CONFLICT", "An admin unpublished this event, so it cannot be published from here.");
    default:
      break;
  }
  if (event.endsAt.getTime() <= now.getTime()) throw new AppError("CONFLICT", "This event has ended. Change its date before publishing.");

  if (paymentsEnabled() && actor.role !== "ADMIN") {
    const checkout = await startCheckout({ event: { id: event.id, title: event.title, creatorId: event.creatorId }, now, locale });
    switch (checkout.kind) {
      case "checkout":
        return { id: event.id, slug: event.slug, status: "AWAITING_PAYMENT", redirectTo: checkout.url };
      case "processing":
        return {
          id: event.id,
          slug: event.slug,
          status: "AWAITING_PAYMENT",
          redirectTo: `/dashboard/payments/success?session_id=${encodeURIComponent(checkout.sessionId)}`,
        };
      case "paid":
        return { id: event.id, slug: event.slug, status: "PUBLISHED", redirectTo: null };
    }
  }

  const { count } = await db.event.updateMany({
    where: { ...where, status: { in: ["DRAFT", "AWAITING_PAYMENT"] } },
    data: { status: "PUBLISHED", publishedAt: now, unpublishReason: null },
  });
  if (count === 0) throw new AppError("CONFLICT", "This event changed in the meantime. Reload the page and try again.");
  await invalidateEventChange({ slug: event.slug, creatorIds: [event.creatorId], before: event, after: { status: "PUBLISHED" } });
  // A series: its first date is published, its other dates are created now.
  if (event.seriesId) await publishSeriesDates(event.seriesId);
  return { id: event.id, slug: event.slug, status: "PUBLISHED", redirectTo: null };
}
