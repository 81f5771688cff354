"use server";

import { notFound, redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/http/current-user";
import { AppError } from "@/lib/errors";
import { assertCoverImageSize, COVER_IMAGE_FIELD } from "@/lib/images/process-cover-image";
import { createEvent } from "../create-event";
import type { TDashboardNotice } from "../dashboard-notices";
import { editOwnedEvent } from "../edit-owned-event";
import { INVALID_FORM_MESSAGE } from "../event-form-data";
import { readEventFormValues, type TEventFormErrors, type TEventFormValues } from "../event-form-schema";
import { getOwnedEvent } from "../get-owned-event";
import { attachCoverImage, discardCoverImage, storeCoverImage, type TStoredCoverImage } from "../set-event-image";
import { submitEvent } from "../submit-event";

/**
 * What the event form shows after a refused save: a message, one message per
 * field, and everything that was typed (so nothing is lost). `attempt`
 * changes on every answer: the form remounts with these values.
 */
export type TEventFormState = {
  attempt: number;
  message?: string;
  fields?: TEventFormErrors & { coverImage?: string; creatorEmail?: string };
  values?: TEventFormValues;
  /** The admin form's "Creator email" (reassigning the event), as typed. */
  creatorEmail?: string;
};

/** The cover image field's name in the form. */
const COVER_IMAGE_INPUT = "coverImage";

/** A file chosen in the cover image input (browsers send an empty file part when none is chosen). */
function chosenFile(formData: FormData): File | null {
  const file = formData.get(COVER_IMAGE_INPUT);
  // An empty file input arrives as a 0-byte File (named "" or "blob" depending on the parser): no upload.
  return file instanceof File && file.size > 0 ? file : null;
}

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

  // The cover image is checked (and its renditions stored, referenced by
  // nothing yet) BEFORE the event is saved: a bad file changes nothing and
  // its message shows on the "Cover image" field, with everything typed kept.
  const file = chosenFile(formData);
  let image: TStoredCoverImage | null = null;
  if (file) {
    try {
      if (eventId) await getOwnedEvent({ actor: user, eventId }); // a stranger gets the 404 below, without uploading anything
      assertCoverImageSize(file.size);
      image = await storeCoverImage({ actor: user, data: Buffer.from(await file.arrayBuffer()) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === "NOT_FOUND") notFound();
      return refuse(INVALID_FORM_MESSAGE, { [COVER_IMAGE_FIELD]: error.fields?.[COVER_IMAGE_FIELD] ?? error.message });
    }
  }

  let saved: { id: string; status: string } | undefined;
  let missing = false;
  try {
    saved = eventId ? await editOwnedEvent({ actor: user, eventId, input: values }) : { ...(await createEvent({ actor: user, input: values })), status: "DRAFT" };
  } catch (error) {
    if (image) await discardCoverImage(image);
    if (!(error instanceof AppError)) throw error;
    if (error.code !== "NOT_FOUND") return refuse(error.message, error.fields);
    missing = true;
  }
  if (missing || !saved) notFound();

  if (image) {
    try {
      await attachCoverImage({ actor: user, eventId: saved.id, image });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === "NOT_FOUND") notFound();
      // The new draft itself was saved: open it, where the image can be chosen again.
      if (!eventId) redirect(`/dashboard/events/${saved.id}/edit`);
      return refuse(error.message, { [COVER_IMAGE_FIELD]: error.message });
    }
  }

  const isDraft = saved.status === "DRAFT" || saved.status === "AWAITING_PAYMENT";
  let notice: TDashboardNotice = isDraft ? "saved" : saved.status === "UNPUBLISHED" ? "updated" : "updated-live";
  // With Stripe on, submitting returns the Checkout URL to send the browser to.
  let next: string | null = null;
  if (publish && isDraft) {
    try {
      next = (await submitEvent({ actor: user, eventId: saved.id })).redirectTo;
      notice = "published";
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // The draft is saved either way; say why it is not live.
      notice = error.code === "FORBIDDEN" ? "verify-to-publish" : "saved";
    }
  }
  // Outside the try: redirect() works by throwing.
  redirect(next ?? `/dashboard?notice=${notice}`);
}
