import "server-only";
import { invalidateEventChange } from "@/lib/cache/public-changes";
import { db, type EventStatus, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { COVER_IMAGE_FIELD, processCoverImage, type TProcessedCoverImage } from "@/lib/images/process-cover-image";
import { checkRateLimit } from "@/lib/redis/rate-limit";
import { getStorage } from "@/lib/storage/storage";
import { eventNotFound, ownedEventWhere, type TEventActor } from "./event-access";
import { isEditable } from "./event-status";

/**
 * One cover image per event (the Image row, `eventId` unique), in three steps
 * that the event form runs around saving the event, so that a bad file
 * changes nothing:
 *
 *   1. storeCoverImage: rate limit (`upload`, per creator), check and
 *      re-encode (lib/images), write both renditions to storage. Keys are
 *      content-addressed, so nothing refers to them yet.
 *   2. attachCoverImage: owner/admin check, then point the event's Image row
 *      at the new files (one transaction, the event row locked). If that
 *      fails the new files are deleted; once it succeeds the previous files
 *      are deleted. Public caches are cleared when the event is public.
 *   3. discardCoverImage: the files of a stored image that was not attached
 *      (the event form was refused).
 *
 * setEventImage does all of it for one existing event.
 *
 * A file is deleted only when no Image row refers to it: the same picture
 * uploaded for two events shares its (content-addressed) files.
 */

export type TStoredCoverImage = Pick<TProcessedCoverImage, "width" | "height" | "bytes"> & { cardKey: string; largeKey: string };

export type TEventImage = { cardKey: string; largeKey: string; url: string; largeUrl: string; width: number; height: number };

const SAVE_FAILED = "The image could not be saved. Please try again.";

async function assertCanUpload(actorId: string): Promise<void> {
  const limit = await checkRateLimit("upload", actorId);
  if (limit.success) return;
  const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
  const message = `Too many uploads, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
  throw new AppError("RATE_LIMITED", message, { retryAfterSeconds: limit.retryAfterSeconds, fields: { [COVER_IMAGE_FIELD]: message } });
}

/** Deletes those of `keys` that no Image row refers to. Never throws: a leftover file is harmless, a failed request is not. */
async function deleteUnreferenced(keys: string[]): Promise<void> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return;
  try {
    const rows = await db.image.findMany({
      where: { OR: [{ cardKey: { in: unique } }, { largeKey: { in: unique } }] },
      select: { cardKey: true, largeKey: true },
    });
    const referenced = new Set(rows.flatMap((row) => [row.cardKey, row.largeKey]));
    const storage = getStorage();
    await Promise.all(unique.filter((key) => !referenced.has(key)).map((key) => storage.delete(key)));
  } catch (error) {
    console.error("cover image: could not delete old files", unique, error);
  }
}

/**
 * Step 1: checks the upload (type by content, 5 MB, decodable), re-encodes it
 * and writes its renditions. Counts against the `upload` limit (30 an hour
 * per creator) before any work is done. Throws AppError with
 * `fields.coverImage` (413, 415, 422, 429, 503).
 */
export async function storeCoverImage({ actor, data }: { actor: TEventActor; data: Buffer }): Promise<TStoredCoverImage> {
  await assertCanUpload(actor.id);
  const image = await processCoverImage(data);
  const storage = getStorage();
  try {
    for (const rendition of [image.card, image.large]) await storage.put(rendition.key, rendition.body, rendition.contentType);
  } catch (error) {
    console.error("cover image: storage write failed", error);
    await deleteUnreferenced([image.card.key, image.large.key]);
    throw new AppError("SERVICE_UNAVAILABLE", SAVE_FAILED, { fields: { [COVER_IMAGE_FIELD]: SAVE_FAILED }, cause: error });
  }
  return { cardKey: image.card.key, largeKey: image.large.key, width: image.width, height: image.height, bytes: image.bytes };
}

/** Step 3: a stored image that will not be attached (its files go unless another event uses the same picture). */
export async function discardCoverImage(image: TStoredCoverImage): Promise<void> {
  await deleteUnreferenced([image.cardKey, image.largeKey]);
}

/**
 * Step 2: makes a stored image the event's cover, replacing the previous one.
 * The actor must own the event (or be an admin) and the event must still be
 * editable; NOT_FOUND / CONFLICT otherwise, and the new files are removed.
 */
export async function attachCoverImage({
  actor,
  eventId,
  image,
  now = new Date(),
}: {
  actor: TEventActor;
  eventId: string;
  image: TStoredCoverImage;
  now?: Date;
}): Promise<TEventImage> {
  let result: TAttachedCoverImage;
  try {
    result = await db.$transaction((tx) => attachCoverImageIn(tx, { actor, eventId, image, now }));
  } catch (error) {
    await discardCoverImage(image);
    throw error;
  }
  await afterCoverImageAttached(result);
  await invalidateEventChange({ slug: result.slug, creatorIds: [result.creatorId], before: result, after: result });
  return toEventImage(image);
}

type TAttachedCoverImage = { status: EventStatus; slug: string; creatorId: string; previous: { cardKey: string; largeKey: string } | null };

/**
 * The database half of attaching a stored cover image, inside the caller's
 * transaction (an admin's edit attaches it in the same transaction as the
 * edit and its audit row: all or nothing). After the commit, call
 * afterCoverImageAttached; if the transaction fails, discardCoverImage.
 */
export async function attachCoverImageIn(
  tx: Prisma.TransactionClient,
  { actor, eventId, image, now = new Date() }: { actor: TEventActor; eventId: string; image: TStoredCoverImage; now?: Date },
): Promise<TAttachedCoverImage> {
  // Serialises two uploads for the same event, so neither one's previous files are forgotten.
  await tx.$queryRaw`SELECT id FROM events WHERE id = ${eventId}::uuid FOR UPDATE`;
  const event = await tx.event.findFirst({
    where: ownedEventWhere(actor, eventId),
    select: { status: true, slug: true, creatorId: true, endsAt: true, image: { select: { cardKey: true, largeKey: true } } },
  });
  if (!event) throw eventNotFound();
  if (!isEditable(event, now)) throw new AppError("CONFLICT", "This event has ended and can no longer be edited.");
  const columns = { cardKey: image.cardKey, largeKey: image.largeKey, width: image.width, height: image.height, bytes: image.bytes, uploaderId: actor.id };
  await tx.image.upsert({ where: { eventId }, create: { eventId, ...columns }, update: { ...columns, createdAt: now } });
  return { status: event.status, slug: event.slug, creatorId: event.creatorId, previous: event.image };
}

/** After the commit: the replaced image's files go, unless another row still uses them. */
export async function afterCoverImageAttached(attached: Pick<TAttachedCoverImage, "previous">): Promise<void> {
  if (attached.previous) await deleteUnreferenced([attached.previous.cardKey, attached.previous.largeKey]);
}

function toEventImage(image: Pick<TStoredCoverImage, "cardKey" | "largeKey" | "width" | "height">): TEventImage {
  const storage = getStorage();
  return {
    cardKey: image.cardKey,
    largeKey: image.largeKey,
    url: storage.url(image.cardKey),
    largeUrl: storage.url(image.largeKey),
    width: image.width,
    height: image.height,
  };
}

/** The event's current cover for the edit form (the caller has checked who is asking), or null. */
export async function getEventImage(eventId: string): Promise<TEventImage | null> {
  const image = await db.image.findUnique({ where: { eventId }, select: { cardKey: true, largeKey: true, width: true, height: true } });
  return image ? toEventImage(image) : null;
}
