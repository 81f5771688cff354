"use server";

import { redirect } from "next/navigation";
import { requireUser, type TCurrentUser } from "@/lib/http/current-user";
import { AppError } from "@/lib/errors";
import type { TPaymentNotice } from "@/lib/payments/payment-notices";
import { cancelEvent } from "../cancel-event";
import type { TDashboardNotice } from "../dashboard-notices";
import { deleteEvent } from "../delete-event";
import { duplicateEvent } from "../duplicate-event";
import { submitEvent } from "../submit-event";

/**
 * The dashboard's per-event buttons. Each action is bound to an event id in
 * the page, and each use case checks on the server that the signed-in user
 * owns that event (or is an admin): a forged id only ever gets "not found".
 */

type TNotice = TDashboardNotice | TPaymentNotice;

function noticeFor(error: unknown): TDashboardNotice {
  if (!(error instanceof AppError)) throw error;
  switch (error.code) {
    case "NOT_FOUND":
      return "not-found";
    case "FORBIDDEN":
      return "verify-to-publish";
    case "RATE_LIMITED":
      return "rate-limited";
    default:
      return "not-possible";
  }
}

async function run(task: (user: TCurrentUser) => Promise<unknown>, success: TNotice): Promise<never> {
  const user = await requireUser("/dashboard");
  let notice: TNotice = success;
  try {
    await task(user);
  } catch (error) {
    notice = noticeFor(error);
  }
  redirect(`/dashboard?notice=${notice}`);
}

/**
 * "Publish" (payments off) or "Pay & publish" (Stripe): payments off, the
 * event is live at once; with Stripe the browser goes on to Checkout (or to
 * the payment page while an asynchronous payment is processed).
 */
export async function publishEventAction(eventId: string): Promise<void> {
  const user = await requireUser("/dashboard");
  let notice: TNotice = "published";
  let next: string | null = null;
  try {
    next = (await submitEvent({ actor: user, eventId })).redirectTo;
  } catch (error) {
    // Stripe could not be reached (or is not configured): the event is saved, try again later.
    notice = error instanceof AppError && error.code === "SERVICE_UNAVAILABLE" ? "payment-unavailable" : noticeFor(error);
  }
  // redirect() throws: it stays outside the try.
  redirect(next ?? `/dashboard?notice=${notice}`);
}

export async function cancelEventAction(eventId: string): Promise<void> {
  await run((user) => cancelEvent({ actor: user, eventId }), "cancelled");
}

export async function deleteEventAction(eventId: string): Promise<void> {
  await run((user) => deleteEvent({ actor: user, eventId }), "deleted");
}

/** Copies the event as a new draft and opens it in the edit form. */
export async function duplicateEventAction(eventId: string): Promise<void> {
  const user = await requireUser("/dashboard");
  let copyId: string | null = null;
  let notice: TDashboardNotice = "duplicated";
  try {
    copyId = (await duplicateEvent({ actor: user, eventId })).id;
  } catch (error) {
    notice = noticeFor(error);
  }
  redirect(copyId ? `/dashboard/events/${copyId}/edit?notice=duplicated` : `/dashboard?notice=${notice}`);
}
