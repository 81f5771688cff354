"use server";

import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { cancelEvent } from "@/lib/events/cancel-event";
import { noticeForRefusal, type TDashboardNotice } from "@/lib/events/dashboard-notices";
import { deleteEvent } from "@/lib/events/delete-event";
import { duplicateEvent } from "@/lib/events/duplicate-event";
import { readCoverImageFile, readEventFormValues, type TEventFormState } from "@/lib/events/event-form-schema";
import { saveEvent } from "@/lib/events/save-event";
import { submitEvent } from "@/lib/events/submit-event";
import { endSeries } from "@/lib/series/end-series";
import { requireUser, requireUserForAction, type TCurrentUser } from "@/lib/http/current-user";
import { eventFormRefusal } from "@/lib/http/form-refusal";
import type { TPaymentNotice } from "@/lib/payments/payment-notices";
import { translateEventFormState } from "@/lib/events/event-form-messages";
import { localizedPath, type TLocale } from "@/lib/i18n/languages";
import { requestLocale } from "@/app/request-locale";

/** Where an action leads: a site path in the page's language (the action's own URL has it); Stripe Checkout as it is. */
function inLanguage(locale: TLocale, next: string): string {
  return next.startsWith("/") && !next.startsWith("//") ? localizedPath(locale, next) : next;
}

/**
 * The creator's event form, bound to the event id (null for a new event).
 * Buttons: intent=draft ("Save draft"), intent=publish ("Publish": save, then
 * submit), intent=save ("Save changes" on a published event).
 */
export async function saveEventAction(eventId: string | null, previous: TEventFormState, formData: FormData): Promise<TEventFormState> {
  const values = readEventFormValues(formData);
  const locale = await requestLocale();
  let next: string;
  try {
    const user = await requireUserForAction(eventId ? `/dashboard/events/${eventId}/edit` : "/dashboard/events/new");
    const saved = await saveEvent({
      actor: user,
      eventId,
      input: values,
      coverImage: readCoverImageFile(formData),
      publish: formData.get("intent") === "publish",
      // A date of a series: "Save this date only" or "Save this and following dates".
      scope: formData.get("intent") === "following" ? "following" : formData.get("intent") === "date" ? "date" : undefined,
      locale,
    });
    // With Stripe on, a published draft goes on to Checkout.
    next = saved.redirectTo ?? `/dashboard?notice=${saved.notice}`;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    return translateEventFormState(eventFormRefusal(error, previous, { values }), locale);
  }
  // Outside the try: redirect() works by throwing.
  redirect(inLanguage(locale, next));
}

/*
 * The dashboard's per-event buttons. Each action is bound to an event id in
 * the page, and each use case checks on the server that the signed-in user
 * owns that event (or is an admin): a forged id only ever gets "not found".
 */

type TNotice = TDashboardNotice | TPaymentNotice;

function refusalNotice(error: unknown): TDashboardNotice {
  if (!(error instanceof AppError)) throw error;
  return noticeForRefusal(error);
}

async function run(task: (user: TCurrentUser) => Promise<unknown>, success: TNotice): Promise<never> {
  const user = await requireUser("/dashboard");
  const locale = await requestLocale();
  let notice: TNotice = success;
  try {
    await task(user);
  } catch (error) {
    notice = refusalNotice(error);
  }
  redirect(localizedPath(locale, `/dashboard?notice=${notice}`));
}

/**
 * "Publish" (payments off) or "Pay & publish" (Stripe): payments off, the
 * event is live at once; with Stripe the browser goes on to Checkout (or to
 * the payment page while an asynchronous payment is processed).
 */
export async function publishEventAction(eventId: string): Promise<void> {
  const user = await requireUser("/dashboard");
  const locale = await requestLocale();
  let notice: TNotice = "published";
  let next: string | null = null;
  try {
    next = (await submitEvent({ actor: user, eventId, locale })).redirectTo;
  } catch (error) {
    // Stripe could not be reached (or is not configured): the event is saved, try again later.
    notice = error instanceof AppError && error.code === "SERVICE_UNAVAILABLE" ? "payment-unavailable" : refusalNotice(error);
  }
  // redirect() throws: it stays outside the try.
  redirect(inLanguage(locale, next ?? `/dashboard?notice=${notice}`));
}

export async function cancelEventAction(eventId: string): Promise<void> {
  await run((user) => cancelEvent({ actor: user, eventId }), "cancelled");
}

/** "Cancel this date" on the edit page of a date of a series. */
export async function cancelSeriesDateAction(eventId: string): Promise<void> {
  await run((user) => cancelEvent({ actor: user, eventId }), "date-cancelled");
}

/** "End the series" (the form's "Last date"); a refused date says why on the edit page. */
export async function endSeriesAction(eventId: string, formData: FormData): Promise<void> {
  const user = await requireUser("/dashboard");
  const locale = await requestLocale();
  const lastDate = formData.get("lastDate");
  let next = "/dashboard?notice=series-ended";
  try {
    await endSeries({ actor: user, eventId, lastDate: typeof lastDate === "string" ? lastDate.slice(0, 20) : "" });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    next = error.code === "INVALID_INPUT" ? `/dashboard/events/${eventId}/edit?notice=end-date-invalid` : `/dashboard?notice=${refusalNotice(error)}`;
  }
  redirect(localizedPath(locale, next));
}

export async function deleteEventAction(eventId: string): Promise<void> {
  await run((user) => deleteEvent({ actor: user, eventId }), "deleted");
}

/** Copies the event as a new draft and opens it in the edit form. */
export async function duplicateEventAction(eventId: string): Promise<void> {
  const user = await requireUser("/dashboard");
  const locale = await requestLocale();
  let copyId: string | null = null;
  let notice: TDashboardNotice = "duplicated";
  try {
    copyId = (await duplicateEvent({ actor: user, eventId })).id;
  } catch (error) {
    notice = refusalNotice(error);
  }
  redirect(localizedPath(locale, copyId ? `/dashboard/events/${copyId}/edit?notice=duplicated` : `/dashboard?notice=${notice}`));
}
