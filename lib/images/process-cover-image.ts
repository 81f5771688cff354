import "server-only";
import { createHash } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import { AppError } from "@/lib/errors";
import { COVER_IMAGE_MAX_BYTES, COVER_IMAGE_MESSAGES, detectImageType, type TCoverImageType } from "./cover-image-rules";

export { COVER_IMAGE_MAX_BYTES, COVER_IMAGE_MESSAGES, detectImageType };

/** The two WebP renditions every cover gets: cards in listings, and the event page. Never enlarged; the aspect ratio is kept. */
const COVER_RENDITIONS = { card: { width: 640 }, large: { width: 1280 } } as const;
export type TCoverRendition = keyof typeof COVER_RENDITIONS;

const WEBP_QUALITY = 80;
/** Part of every key: change it when the renditions change, so that cached files (immutable for a year) are never reused. */
const RENDITION_VERSION = "v1:640,1280:webp80";
/** A 5 MB file can hold a huge, highly compressed image (a "decompression bomb"): refuse anything over 50 megapixels. */
const COVER_IMAGE_MAX_PIXELS = 50_000_000;

export type TRendition = { key: string; body: Buffer; contentType: "image/webp"; width: number; height: number };

export type TProcessedCoverImage = {
  /** SHA-256 of the upload (and the rendition version): the same file always gets the same keys. */
  hash: string;
  sourceType: TCoverImageType;
  card: TRendition;
  large: TRendition;
  /** The large rendition's size: the stored ratio for cards and the event page. */
  width: number;
  height: number;
  /** Both renditions together. */
  bytes: number;
};

/** The field the form shows image errors on. */
export const COVER_IMAGE_FIELD = "coverImage";

function refuse(code: "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "INVALID_INPUT", message: string, cause?: unknown): AppError {
  return new AppError(code, message, { fields: { [COVER_IMAGE_FIELD]: message }, cause });
}

/** Cheap check before reading an upload into memory. */
export function assertCoverImageSize(bytes: number): void {
  if (bytes > COVER_IMAGE_MAX_BYTES) throw refuse("PAYLOAD_TOO_LARGE", COVER_IMAGE_MESSAGES.tooLarge);
  if (bytes === 0) throw refuse("INVALID_INPUT", COVER_IMAGE_MESSAGES.invalid);
}

function coverImageKeys(hash: string): Record<TCoverRendition, string> {
  return { card: `covers/${hash.slice(0, 2)}/${hash}-card.webp`, large: `covers/${hash.slice(0, 2)}/${hash}-large.webp` };
}

/**
 * Checks an uploaded cover image and makes its renditions. The type is read
 * from the first bytes (JPEG, PNG or WebP), never from the name or the
 * browser's claim. The image is turned upright by its EXIF orientation and
 * re-encoded to WebP; nothing of the original's metadata (EXIF with GPS
 * position and camera serial, XMP, ICC) is kept: sharp writes none unless
 * asked. Pure: stores nothing.
 *
 * Throws AppError: 413 over 5 MB (or 50 megapixels), 415 not a JPEG/PNG/WebP,
 * 422 corrupt or truncated — each with `fields.coverImage`.
 */
export async function processCoverImage(input: Buffer): Promise<TProcessedCoverImage> {
  assertCoverImageSize(input.length);
  const sourceType = detectImageType(input);
  if (!sourceType) throw refuse("UNSUPPORTED_MEDIA_TYPE", COVER_IMAGE_MESSAGES.unsupported);

  // failOn "warning" (the default, spelled out): a truncated or damaged file is refused, not half-decoded.
  const decoder = { failOn: "warning", limitInputPixels: COVER_IMAGE_MAX_PIXELS, animated: false } as const;
  let metadata: Metadata;
  try {
    // The header only (no pixels are decoded), so no pixel limit here: the check below gives the clearer message.
    metadata = await sharp(input, { ...decoder, limitInputPixels: false }).metadata();
  } catch (error) {
    throw refuse("INVALID_INPUT", COVER_IMAGE_MESSAGES.invalid, error);
  }
  if (`image/${metadata.format}` !== sourceType || !metadata.width || !metadata.height) throw refuse("INVALID_INPUT", COVER_IMAGE_MESSAGES.invalid);
  if (metadata.width * metadata.height > COVER_IMAGE_MAX_PIXELS) throw refuse("PAYLOAD_TOO_LARGE", COVER_IMAGE_MESSAGES.tooManyPixels);

  const hash = createHash("sha256").update(RENDITION_VERSION).update("\0").update(input).digest("hex");
  const keys = coverImageKeys(hash);
  const upright = sharp(input, decoder).rotate(); // EXIF orientation applied; the Orientation tag goes with the rest
  let card: TRendition;
  let large: TRendition;
  try {
    [card, large] = (await Promise.all(
      (["card", "large"] as const).map(async (rendition): Promise<TRendition> => {
        const { data, info } = await upright
          .clone()
          .resize({ width: COVER_RENDITIONS[rendition].width, withoutEnlargement: true })
          .webp({ quality: WEBP_QUALITY })
          .toBuffer({ resolveWithObject: true });
        return { key: keys[rendition], body: data, contentType: "image/webp", width: info.width, height: info.height };
      }),
    )) as [TRendition, TRendition];
  } catch (error) {
    throw refuse("INVALID_INPUT", COVER_IMAGE_MESSAGES.invalid, error);
  }
  return { hash, sourceType, card, large, width: large.width, height: large.height, bytes: card.body.length + large.body.length };
}
