"use server";

import { notFound, redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { createEvent } from "../create-event";
import type { TDashboardNotice } from "../dashboard-notices";
import { editOwnedEvent } from "../edit-owned-event";
import { readEventFormValues, type TEventFormErrors, type TEventFormValues } from "../event-form-schema";
import { submitEvent } from "../submit-event";

/**
 * What the event form shows after a refused save: a message, one message per
 * field, and everything that was typed (so nothing is lost). `attempt`
 * changes on every answer: the form remounts with these values.
 */
export type TEventFormState = { attempt: number; message?: string; fields?: TEventFormErrors; values?: TEventFormValues };

/**
 * The event form's action, bound to the event id (null for a new event).
 * Buttons: intent=draft ("Save draft"), intent=publish ("Publish": save, then
 * submit), intent=save ("Save changes" on a published event).
 */
export async function saveEvent(eventId: string | null, previous: TEventFormState, formData: FormData): Promise<TEventFormState> {
  const values = readEventFormValues(formData);
  const publish = formData.get("intent") === "publish";
  const refuse = (message: string, fields?: Record<string, string>): TEventFormState => ({ attempt: (previous?.attempt ?? 0) + 1, message, fields, values });
  const returnTo = eventId ? `/dashboard/events/${eventId}/edit` : "/dashboard/events/new";

  let user: Awaited<ReturnType<typeof getCurrentUser>>;
  try {
    user = await getCurrentUser();
  } catch (error) {
    if (error instanceof AppError) return refuse(error.message);
    throw error;
  }
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);

  let saved: { id: string; status: string } | undefined;
  let missing = false;
  try {
    saved = eventId ? await editOwnedEvent({ actor: user, eventId, input: values }) : { ...(await createEvent({ actor: user, input: values })), status: "DRAFT" };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code !== "NOT_FOUND") return refuse(error.message, error.fields);
    missing = true;
  }
  if (missing || !saved) notFound();

  const isDraft = saved.status === "DRAFT" || saved.status === "AWAITING_PAYMENT";
  let notice: TDashboardNotice = isDraft ? "saved" : saved.status === "UNPUBLISHED" ? "updated" : "updated-live";
  if (publish && isDraft) {
    try {
      await submitEvent({ actor: user, eventId: saved.id });
      notice = "published";
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // The draft is saved either way; say why it is not live.
      notice = error.code === "FORBIDDEN" ? "verify-to-publish" : "saved";
    }
  }
  redirect(`/dashboard?notice=${notice}`);
}
