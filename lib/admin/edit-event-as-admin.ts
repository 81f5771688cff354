import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { EMAIL_MAX_LENGTH, isEmailTooLong, normaliseEmail } from "@/lib/auth/email";
import { invalidateEventChange } from "@/lib/cache/public-changes";
import { db, type EventStatus } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { eventNotFound, ownedEventWhere } from "@/lib/events/event-access";
import { INVALID_FORM_MESSAGE, parseEventForm, toEventColumns, type TEventFormColumns } from "@/lib/events/event-form-data";
import type { TEventFormValues } from "@/lib/events/event-form-schema";
import { afterCoverImageAttached, attachCoverImageIn, discardCoverImage, type TStoredCoverImage } from "@/lib/events/set-event-image";

/**
 * Admins may date an event in the past (fixing an old listing): the form's
 * "start must be in the future" rule is measured against this instant instead of now.
 */
const ANY_DATE = new Date("2000-01-01T00:00:00Z");

type TEditEventAsAdmin = {
  actor: TAuditActor;
  eventId: string;
  input: Partial<TEventFormValues>;
  /** The owner's email: another creator's email reassigns the event. */
  creatorEmail: string;
  /** A new cover image, already stored (lib/events/set-event-image.ts storeCoverImage). */
  image?: TStoredCoverImage | null;
  ip?: string;
};

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * An admin's edit of any event: every field of the creator's form, the
 * owner (by email) and the cover image. Validated exactly like the form;
 * the change and its one audit row (changed fields before → after) are
 * written in one transaction, then every public cache showing events is cleared.
 */
export async function editEventAsAdmin({ actor, eventId, input, creatorEmail, image, ip }: TEditEventAsAdmin): Promise<{ id: string; slug: string; status: EventStatus }> {
  const where = ownedEventWhere({ id: actor.id, role: "ADMIN" }, eventId);
  const current = await db.event.findFirst({ where, include: { creator: { select: { email: true } } } });
  if (!current) throw eventNotFound();

  const fields: Record<string, string> = {};
  let columns: TEventFormColumns | null = null;
  try {
    columns = await toEventColumns(parseEventForm(input, { now: ANY_DATE, keepStartsAt: current.startsAt }), current);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "INVALID_INPUT") throw error;
    Object.assign(fields, error.fields);
  }
  // The email length rule (lib/auth/email.ts) before the lookup.
  const tooLong = isEmailTooLong(creatorEmail ?? "");
  const email = tooLong ? "" : normaliseEmail(creatorEmail ?? "");
  const owner = email ? await db.user.findFirst({ where: { email, role: "CREATOR" }, select: { id: true, email: true } }) : null;
  if (!owner) fields.creatorEmail = tooLong ? `Use at most ${EMAIL_MAX_LENGTH} characters.` : email ? "No creator has this email." : "Enter the creator's email.";
  if (!columns || !owner) throw new AppError("INVALID_INPUT", INVALID_FORM_MESSAGE, { fields });

  const next = { ...columns, creatorId: owner.id };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((field) => comparable(current[field]) !== comparable(next[field]));
  // The new cover image, the edit and its audit row: one transaction, all or nothing.
  const attached = await db.$transaction(async (tx) => {
    const withImage = image ? await attachCoverImageIn(tx, { actor: { id: actor.id, role: "ADMIN" }, eventId: current.id, image }) : null;
    const { count } = await tx.event.updateMany({ where, data: next });
    if (count === 0) throw eventNotFound(); // deleted meanwhile
    await recordAudit(tx, {
      actor,
      action: "event.edit",
      targetType: "event",
      targetId: current.id,
      ip,
      summary: {
        title: next.title,
        before: Object.fromEntries(changed.map((field) => [field, field === "creatorId" ? current.creator.email : comparable(current[field])])),
        after: Object.fromEntries(changed.map((field) => [field, field === "creatorId" ? owner.email : comparable(next[field])])),
        ...(image ? { coverImage: "replaced" } : {}),
      } as never,
    });
    return withImage;
  }).catch(async (error: unknown) => {
    if (image) await discardCoverImage(image).catch(() => {});
    throw error;
  });
  if (attached) await afterCoverImageAttached(attached);
  // A change of owner shows on both organisers' pages.
  await invalidateEventChange({ slug: current.slug, creatorIds: [current.creatorId, owner.id], before: current, after: current });
  return { id: current.id, slug: current.slug, status: current.status };
}
