"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { TEventFormState } from "@/lib/events/actions/save-event";
import { INVALID_FORM_MESSAGE } from "@/lib/events/event-form-data";
import { readEventFormValues } from "@/lib/events/event-form-schema";
import { discardCoverImage, storeCoverImage, type TStoredCoverImage } from "@/lib/events/set-event-image";
import { getClientIp } from "@/lib/http/client-ip";
import { assertCoverImageSize, COVER_IMAGE_FIELD } from "@/lib/images/process-cover-image";
import { editEventAsAdmin } from "../edit-event-as-admin";
import { requireAdmin } from "@/lib/http/require-admin";

/** The admin event form's action (bound to the event id): saves every field, the owner and an optional new cover image. */
export async function adminSaveEvent(eventId: string, previous: TEventFormState, formData: FormData): Promise<TEventFormState> {
  const admin = await requireAdmin(`/admin/events/${eventId}/edit`);
  const values = readEventFormValues(formData);
  const creatorEmail = String(formData.get("creatorEmail") ?? "");
  const refuse = (message: string, fields?: Record<string, string>): TEventFormState => ({ attempt: (previous?.attempt ?? 0) + 1, message, fields, values, creatorEmail });

  const file = formData.get("coverImage");
  let image: TStoredCoverImage | null = null;
  if (file instanceof File && file.size > 0) {
    try {
      assertCoverImageSize(file.size);
      image = await storeCoverImage({ actor: { id: admin.id, role: "ADMIN" }, data: Buffer.from(await file.arrayBuffer()) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return refuse(INVALID_FORM_MESSAGE, { [COVER_IMAGE_FIELD]: error.fields?.[COVER_IMAGE_FIELD] ?? error.message });
    }
  }

  let missing = false;
  try {
    await editEventAsAdmin({ actor: { id: admin.id, email: admin.email }, eventId, input: values, creatorEmail, image, ip: getClientIp(await headers()) });
  } catch (error) {
    if (image) await discardCoverImage(image).catch(() => {});
    if (!(error instanceof AppError)) throw error;
    if (error.code !== "NOT_FOUND") return refuse(error.message, error.fields);
    missing = true;
  }
  if (missing) notFound();
  redirect(`/admin/events/${eventId}/edit?done=saved`);
}
