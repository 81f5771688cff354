import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { EMAIL_MAX_LENGTH, isEmailTooLong, normaliseEmail } from "@/lib/auth/email";
import { invalidateEventChange, isPublicState } from "@/lib/cache/public-changes";
import { db, type EventStatus } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { cancelDatesOnClosedDaysIn } from "@/lib/series/closed-day-dates";
import { invalidateSeriesPages } from "@/lib/series/invalidate-series";
import { lockClosedDays, lockSeries } from "@/lib/series/lock-series";
import { assertCanChange } from "./creator-change-limit";
import { eventNotFound, ownedEventWhere, type TEventActor } from "./event-access";
import { INVALID_FORM_MESSAGE, parseEventForm, toEventColumns, type TEventFormColumns } from "./event-form-data";
import type { TEventFormValues } from "./event-form-schema";
import { isEditable } from "./event-status";
import { afterCoverImageAttached, attachCoverImageIn, discardCoverImage, type TStoredCoverImage } from "./set-event-image";

/**
 * Admins may date an event in the past (fixing an old listing): the form's
 * "start must be in the future" rule is measured against this instant instead of now.
 */
const ANY_DATE = new Date("2000-01-01T00:00:00Z");

/** What an admin's edit adds to the creator's: the owner, by email (another creator's email reassigns the event), and one audit row. */
export type TAdminEventEdit = {
  /** The admin's email, for the audit row. */
  email: string;
  /** The owner's email: another creator's email reassigns the event. */
  creatorEmail: string;
  ip?: string;
};

export type TEditEvent = {
  actor: TEventActor;
  eventId: string;
  input: Partial<TEventFormValues>;
  /** A new cover image, already stored (set-event-image.ts storeCoverImage): attached in the same transaction as the edit, or discarded when the edit fails. */
  image?: TStoredCoverImage | null;
  /** An admin's edit (the actor must be an admin): any date, the owner by email, an audit row of what changed. */
  asAdmin?: TAdminEventEdit;
  /** "Save this date only" on a date of a series: later changes to the series pass this date by. */
  dateOnly?: boolean;
  now?: Date;
};

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** The owner an admin typed: an existing creator's account; field messages as the form shows them otherwise. */
async function ownerByEmail(creatorEmail: string): Promise<{ owner: { id: string; email: string } | null; message?: string }> {
  // The email length rule (lib/auth/email.ts) before the lookup.
  const tooLong = isEmailTooLong(creatorEmail);
  const email = tooLong ? "" : normaliseEmail(creatorEmail);
  const owner = email ? await db.user.findFirst({ where: { email, role: "CREATOR" }, select: { id: true, email: true } }) : null;
  if (owner) return { owner };
  return {
    owner: null,
    message: tooLong ? `Use at most ${EMAIL_MAX_LENGTH} characters.` : email ? "No creator has this email." : "Enter the creator's email.",
  };
}

/**
 * Saves the edit form over an event: every field is replaced (so optional
 * ones can be emptied); the slug never changes, so the public URL stays
 * stable; the change is live at once (public caches are cleared).
 *
 * A creator edits their own events only (anything else is NOT_FOUND), until
 * the event ends (drafts: always), within the `creatorChange` limit; an
 * event under way may keep its start, a new start must be in the future.
 *
 * With `asAdmin` (an admin's form): any event, any date, ended or not; the
 * owner is set by email; the edit, the cover image and one audit row (changed
 * fields before → after) are written in one transaction, and both owners'
 * pages are cleared.
 *
 * A date of a series ("Save this date only") moved onto an island-wide
 * closed day is cancelled with that day's note, as the series' other dates
 * on it are (lib/series/closed-day-dates.ts); the answer says CANCELLED.
 *
 * Refusals throw AppError (INVALID_INPUT with a message per field,
 * NOT_FOUND, CONFLICT, RATE_LIMITED). A given `image` is attached, or
 * discarded when anything fails.
 */
export async function editEvent({
  actor,
  eventId,
  input,
  image = null,
  asAdmin,
  dateOnly = false,
  now = new Date(),
}: TEditEvent): Promise<{ id: string; slug: string; status: EventStatus }> {
  try {
    if (asAdmin && actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only an admin can make this change.");
    const where = ownedEventWhere(actor, eventId);
    await assertCanChange(actor);
    const current = await db.event.findFirst({ where, include: { creator: { select: { email: true } } } });
    if (!current) throw eventNotFound();

    let next: TEventFormColumns & { creatorId?: string };
    let newOwner: { id: string; email: string } | null = null;
    if (asAdmin) {
      // Every field message at once: the form's and the owner's.
      const fields: Record<string, string> = {};
      let columns: TEventFormColumns | null = null;
      try {
        columns = await toEventColumns(parseEventForm(input, { now: ANY_DATE, keepStartsAt: current.startsAt }), current);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== "INVALID_INPUT") throw error;
        Object.assign(fields, error.fields);
      }
      const { owner, message } = await ownerByEmail(asAdmin.creatorEmail);
      if (message) fields.creatorEmail = message;
      if (!columns || !owner) throw new AppError("INVALID_INPUT", INVALID_FORM_MESSAGE, { fields });
      newOwner = owner;
      next = { ...columns, creatorId: owner.id };
    } else {
      if (!isEditable(current, now)) throw new AppError("CONFLICT", "This event has ended and can no longer be edited.");
      const ended = current.endsAt.getTime() <= now.getTime();
      next = await toEventColumns(parseEventForm(input, { now, keepStartsAt: ended ? null : current.startsAt }), current);
    }

    // The new cover image, the edit and (for an admin) its audit row: one transaction, all or nothing.
    const { attached, onClosedDays } = await db.$transaction(async (tx) => {
      // A date of a series: the locks of every writer of its dates, in their order (lib/series/lock-series.ts).
      if (current.seriesId) {
        await lockClosedDays(tx, "shared");
        await lockSeries(tx, current.seriesId);
      }
      const withImage = image ? await attachCoverImageIn(tx, { actor, eventId: current.id, image, now }) : null;
      const { count } = await tx.event.updateMany({ where, data: dateOnly && current.seriesId ? { ...next, editedAlone: true } : next });
      if (count === 0) throw eventNotFound(); // deleted meanwhile
      // A date moved onto an island-wide closed day is cancelled with that day's note, like the series' other dates
      // that day; in the same transaction, so it is never listed as taking place.
      const cancelled = current.seriesId ? await cancelDatesOnClosedDaysIn(tx, current.seriesId, now) : [];
      if (asAdmin && newOwner) {
        const owner = newOwner;
        const changed = (Object.keys(next) as (keyof typeof next)[]).filter((field) => comparable(current[field]) !== comparable(next[field]));
        await recordAudit(tx, {
          actor: { id: actor.id, email: asAdmin.email },
          action: "event.edit",
          targetType: "event",
          targetId: current.id,
          ip: asAdmin.ip,
          summary: {
            title: next.title,
            before: Object.fromEntries(changed.map((field) => [field, field === "creatorId" ? current.creator.email : comparable(current[field])])),
            after: Object.fromEntries(changed.map((field) => [field, field === "creatorId" ? owner.email : comparable(next[field])])),
            ...(image ? { coverImage: "replaced" } : {}),
          } as never,
        });
      }
      return { attached: withImage, onClosedDays: cancelled };
    });
    if (attached) await afterCoverImageAttached(attached);
    // A draft's edit affects no public page; a public event's shows at once (a change of owner on both organisers' pages).
    await invalidateEventChange({
      slug: current.slug,
      creatorIds: newOwner ? [current.creatorId, newOwner.id] : [current.creatorId],
      before: current,
      after: current,
    });
    // A date of a series: its siblings' pages list it among their next dates.
    if (current.seriesId && (isPublicState(current) || onClosedDays.length > 0)) {
      await invalidateSeriesPages(current.seriesId, [current.creatorId, ...onClosedDays.map((date) => date.creatorId)], {
        adminStats: onClosedDays.length > 0,
      });
    }
    const cancelledHere = onClosedDays.some((date) => date.id === current.id);
    return { id: current.id, slug: current.slug, status: cancelledHere ? "CANCELLED" : current.status };
  } catch (error) {
    if (image) await discardCoverImage(image);
    throw error;
  }
}
