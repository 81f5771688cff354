"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { moderateEvent, type TModerated } from "@/lib/admin/moderate-event";
import { parseModerationForm } from "@/lib/admin/moderation-input";
import { AppError } from "@/lib/errors";
import { readCoverImageFile, readEventFormValues, type TEventFormState } from "@/lib/events/event-form-schema";
import { saveEvent } from "@/lib/events/save-event";
import { getClientIp } from "@/lib/http/client-ip";
import { eventFormRefusal, formRefusal } from "@/lib/http/form-refusal";
import { requireAdmin } from "@/lib/http/require-admin";
import { formText } from "@/lib/http/form-fields";

/** The admin event form's action (bound to the event id): every field, the owner ("Creator email") and an optional new cover image; audited. */
export async function adminSaveEventAction(eventId: string, previous: TEventFormState, formData: FormData): Promise<TEventFormState> {
  const admin = await requireAdmin(`/admin/events/${eventId}/edit`);
  const values = readEventFormValues(formData);
  const creatorEmail = formText(formData, "creatorEmail");
  try {
    await saveEvent({
      actor: { id: admin.id, role: "ADMIN" },
      eventId,
      input: values,
      coverImage: readCoverImageFile(formData),
      asAdmin: { email: admin.email, creatorEmail, ip: getClientIp(await headers()) },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    return eventFormRefusal(error, previous, { values, creatorEmail });
  }
  redirect(`/admin/events/${eventId}/edit?done=saved`);
}

/**
 * One server action for every moderation button; the admin check runs again here, not only on the page. On a date
 * of a series the form also says which dates (`scope`: "date" or "series"). Back to the list with what happened, or
 * with the refusal.
 */
export async function moderateEventAction(eventId: string, returnTo: string, formData: FormData): Promise<void> {
  const admin = await requireAdmin("/admin/events");
  const back = returnTo.startsWith("/admin/events") ? returnTo : "/admin/events";
  const separator = back.includes("?") ? "&" : "?";
  let done: TModerated & { action: string };
  try {
    const { change, scope } = parseModerationForm({
      action: formText(formData, "action"),
      scope: formText(formData, "scope"),
      reason: formText(formData, "reason"),
    });
    done = {
      action: change.action,
      ...(await moderateEvent({ actor: { id: admin.id, email: admin.email }, eventId, change, scope, ip: getClientIp(await headers()) })),
    };
  } catch (error) {
    redirect(`${back}${separator}error=${encodeURIComponent(formRefusal(error).message)}`);
  }
  // A one-off event: "done=feature"; a date of a series also says which dates: "&scope=series&dates=9".
  const which = done.seriesId ? `&scope=${done.scope}&dates=${String(done.dates)}` : "";
  redirect(`${back}${separator}done=${encodeURIComponent(done.action)}${which}`);
}
