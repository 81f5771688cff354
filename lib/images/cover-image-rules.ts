/**
 * What a cover image may be, shared by the browser (the form checks the size
 * at once) and the server (which decides). No server-only imports here.
 */

export const COVER_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/** What the file input offers; the server checks the content, not this. */
export const COVER_IMAGE_ACCEPT = "image/jpeg,image/png,image/webp";

export const COVER_IMAGE_MESSAGES = {
  unsupported: "Upload a JPEG, PNG or WebP image.",
  tooLarge: "The image is larger than 5 MB.",
  invalid: "This file is not a valid image.",
  tooManyPixels: "The image is too large: at most 50 megapixels.",
} as const;

export type TCoverImageType = "image/jpeg" | "image/png" | "image/webp";

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);

/** The image type from the file's first bytes (its "magic number"), or null. The name and the browser's claim are ignored. */
export function detectImageType(bytes: Uint8Array): TCoverImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  // "RIFF" <4-byte size> "WEBP"
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}
