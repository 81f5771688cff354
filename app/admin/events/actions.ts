"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { moderateEvent, type TModeration } from "@/lib/admin/moderate-event";
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

/** One server action for every moderation button; the admin check runs again here, not only on the page. */
export async function moderateEventAction(eventId: string, returnTo: string, formData: FormData): Promise<void> {
  const admin = await requireAdmin("/admin/events");
  const action = formText(formData, "action");
  const change: TModeration | null =
    action === "unpublish"
      ? { action, reason: formText(formData, "reason") }
      : action === "publish" || action === "feature" || action === "unfeature" || action === "delete" || action === "restore"
        ? { action }
        : null;
  const back = returnTo.startsWith("/admin/events") ? returnTo : "/admin/events";
  const separator = back.includes("?") ? "&" : "?";
  if (!change) redirect(`${back}${separator}error=${encodeURIComponent("Unknown action.")}`);
  try {
    await moderateEvent({ actor: { id: admin.id, email: admin.email }, eventId, change, ip: getClientIp(await headers()) });
  } catch (error) {
    redirect(`${back}${separator}error=${encodeURIComponent(formRefusal(error).message)}`);
  }
  redirect(`${back}${separator}done=${encodeURIComponent(change.action)}`);
}
