import { randomBytes } from "node:crypto";
import { slugify } from "@/lib/format/slug";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** A short random suffix (no look-alike characters). */
export function slugSuffix(length = 6, bytes: Uint8Array = randomBytes(length)): string {
  return Array.from(bytes.subarray(0, length), (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}

/** "Full Moon Sound Bath" → "full-moon-sound-bath-k3x9qa": readable, and unique thanks to the suffix. */
export function eventSlug(title: string, suffix = slugSuffix()): string {
  const base = slugify(title).slice(0, 80).replace(/-+$/, "") || "event";
  return `${base}-${suffix}`;
}
