/**
 * Turns what a visitor typed into a prefix tsquery for the 'simple' text
 * search configuration: every word becomes `word:*`, so "heal ubu" finds
 * "Sound Healing in Ubud". Anything that is not a letter or digit is dropped,
 * so the result is always a valid tsquery (or null when nothing is left).
 */
export function toPrefixTsQuery(input: string): string | null {
  const words = input
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((word) => `${word}:*`).join(" & ");
}
