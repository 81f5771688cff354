import "server-only";
import type { EventStatus } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCoverImageSize, COVER_IMAGE_FIELD } from "@/lib/images/process-cover-image";
import { createEvent } from "./create-event";
import type { TDashboardNotice } from "./dashboard-notices";
import type { TEventActor } from "./event-access";
import { editEvent, type TAdminEventEdit } from "./edit-event";
import { INVALID_FORM_MESSAGE, parseEventFormWithRepeat } from "./event-form-data";
import type { TEventFormValues } from "./event-form-schema";
import { getOwnedEvent } from "./get-owned-event";
import { attachCoverImage, discardCoverImage, storeCoverImage, type TStoredCoverImage } from "./set-event-image";
import type { TLocale } from "@/lib/i18n/languages";
import { submitEvent } from "./submit-event";
import { saveDraftRepeat } from "@/lib/series/edit-series-draft";
import { saveFollowingDates } from "@/lib/series/save-following-dates";
import { shareSeriesImage } from "@/lib/series/share-series-image";

export type TSaveEvent = {
  actor: TEventActor;
  /** null: a new draft (creators). */
  eventId: string | null;
  input: Partial<TEventFormValues>;
  /** The file chosen in the form's cover image input (its size is checked before it is read). */
  coverImage?: Blob | null;
  /** "Publish": save, then submit the draft (lib/events/submit-event.ts). */
  publish?: boolean;
  /** An admin's form: any date, the owner by email, one audited transaction (lib/events/edit-event.ts). */
  asAdmin?: TAdminEventEdit;
  /**
   * A public date of a series: "Save this date only" ("date") or "Save this and following dates" ("following",
   * lib/series/save-following-dates.ts). Without it, a public date is saved as this date only.
   */
  scope?: "date" | "following";
  now?: Date;
  /** The page's language: Stripe Checkout comes back to our pages in it. */
  locale?: TLocale;
};

export type TSavedEvent = {
  id: string;
  status: EventStatus;
  /** What /dashboard says next (?notice=). */
  notice: TDashboardNotice;
  /** With Stripe on, where a published draft goes to be paid for (Checkout, or the payment page); null otherwise. */
  redirectTo: string | null;
};

/**
 * Checks and stores the cover image BEFORE the event is saved (its renditions
 * are referenced by nothing yet): a bad file changes nothing, and its message
 * is for the "Cover image" field. Someone else's event is NOT_FOUND first,
 * without anything being uploaded.
 */
async function storeChosenImage(actor: TEventActor, eventId: string | null, file: Blob): Promise<TStoredCoverImage> {
  if (eventId) await getOwnedEvent({ actor, eventId });
  try {
    assertCoverImageSize(file.size);
    return await storeCoverImage({ actor, data: Buffer.from(await file.arrayBuffer()) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(error.code, INVALID_FORM_MESSAGE, {
      fields: { [COVER_IMAGE_FIELD]: error.fields?.[COVER_IMAGE_FIELD] ?? error.message },
      retryAfterSeconds: error.retryAfterSeconds,
      cause: error,
    });
  }
}

/** The dashboard's notice after a save that was not (or could not be) published. */
function savedNotice(status: EventStatus): TDashboardNotice {
  if (status === "DRAFT" || status === "AWAITING_PAYMENT") return "saved";
  return status === "UNPUBLISHED" ? "updated" : "updated-live";
}

/**
 * The event form's save: one path for a creator's form (new event or edit,
 * "Save draft", "Publish", "Save changes") and an admin's (`asAdmin`: any
 * event, the owner reassigned, audited). The object-level checks stay those
 * of each step: a creator only ever reaches their own events.
 *
 * Refusals throw AppError: INVALID_INPUT with a message per field (the cover
 * image's under `coverImage`), NOT_FOUND, CONFLICT, RATE_LIMITED,
 * SERVICE_UNAVAILABLE. A draft that was saved but could not be published is
 * not a refusal: the notice says why it is not live.
 */
export async function saveEvent({
  actor,
  eventId,
  input,
  coverImage,
  publish = false,
  asAdmin,
  scope,
  now = new Date(),
  locale = "en",
}: TSaveEvent): Promise<TSavedEvent> {
  if (asAdmin && !eventId) throw new AppError("BAD_REQUEST", "An admin edits existing events only.");
  // A draft's Repeats fields are checked before anything is written (an admin's form has none).
  const target = eventId && !asAdmin ? await getOwnedEvent({ actor, eventId }) : null;
  const isDraft = target?.status === "DRAFT" || target?.status === "AWAITING_PAYMENT";
  const draftRule = isDraft ? parseEventFormWithRepeat(input, { now }).rule : null;
  if (target?.seriesId && !isDraft && scope === "following") {
    const image = coverImage ? await storeChosenImage(actor, eventId, coverImage) : null;
    let saved: Awaited<ReturnType<typeof saveFollowingDates>>;
    try {
      saved = await saveFollowingDates({ actor, eventId: target.id, input, now });
    } catch (error) {
      if (image) await discardCoverImage(image);
      throw error;
    }
    if (image) {
      // This date's new picture, then the same on the dates that follow.
      await attachCoverImage({ actor, eventId: saved.id, image, now });
      await shareSeriesImage({ seriesId: target.seriesId, sourceEventId: saved.id, fromDate: saved.seriesDate, replace: true });
    }
    return { id: saved.id, status: saved.status, notice: saved.status === "PUBLISHED" ? "following-updated" : savedNotice(saved.status), redirectTo: null };
  }
  const image = coverImage ? await storeChosenImage(actor, eventId, coverImage) : null;

  let saved: { id: string; status: EventStatus };
  if (eventId) {
    // The image is attached in the edit's transaction (or discarded when the edit is refused).
    saved = await editEvent({ actor, eventId, input, image, asAdmin, dateOnly: Boolean(target?.seriesId) && !isDraft, now });
    if (isDraft) await saveDraftRepeat({ actor, eventId, rule: draftRule });
  } else {
    try {
      saved = { ...(await createEvent({ actor, input, now })), status: "DRAFT" };
    } catch (error) {
      if (image) await discardCoverImage(image);
      throw error;
    }
    // A new draft is the actor's own and editable: attaching can only fail if it was deleted meanwhile (the files are then removed).
    if (image) await attachCoverImage({ actor, eventId: saved.id, image, now });
  }

  if (!publish || (saved.status !== "DRAFT" && saved.status !== "AWAITING_PAYMENT")) return { ...saved, notice: savedNotice(saved.status), redirectTo: null };
  try {
    const submitted = await submitEvent({ actor, eventId: saved.id, now, locale });
    return { id: saved.id, status: submitted.status, notice: "published", redirectTo: submitted.redirectTo };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The draft is saved either way; the notice says why it is not live.
    return { ...saved, notice: error.code === "FORBIDDEN" ? "verify-to-publish" : "saved", redirectTo: null };
  }
}
