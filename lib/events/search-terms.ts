/** At most this many typed words take part in a search. */
const MAX_SEARCH_WORDS = 8;

/**
 * A word typed as a prefix matches every indexed word that starts with it. With more candidates than this, the
 * search keeps the prefix itself (`word:*`), which the full-text index answers more slowly but as exactly.
 */
export const MAX_PREFIX_EXPANSIONS = 64;

/**
 * The words of what a visitor typed: lower-cased, accents removed, split on
 * anything that is not a letter or digit (so nothing typed can break a
 * tsquery), at most MAX_SEARCH_WORDS.
 */
export function searchWords(input: string): string[] {
  return input
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_SEARCH_WORDS);
}

/**
 * Turns what a visitor typed into a prefix tsquery for the 'simple' text
 * search configuration: every word becomes `word:*`, so "heal ubu" finds
 * "Sound Healing in Ubud". The result is always a valid tsquery (or null when
 * nothing is left).
 */
export function toPrefixTsQuery(input: string): string | null {
  const words = searchWords(input);
  if (words.length === 0) return null;
  return words.map((word) => `${word}:*`).join(" & ");
}

/**
 * The first string after every string that starts with `word`, in code-point
 * order (PostgreSQL's "C" collation): the word with its last character
 * incremented. `lexeme >= word AND lexeme < upper` is then a range scan of an
 * index in that collation.
 */
export function prefixUpperBound(word: string): string {
  const characters = Array.from(word);
  const last = characters.pop();
  if (last === undefined) throw new RangeError("prefixUpperBound needs a word");
  return characters.join("") + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}

/** A lexeme quoted for a tsquery: inside single quotes, quotes doubled and backslashes escaped. */
function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * The prefix half of a search with each typed word replaced by the indexed
 * words it is a prefix of: `(sound | sounds) & (heal | healer | healing)`.
 *
 * Why: the full-text index answers `heal:*` by gathering every entry that
 * starts with "heal" into a bitmap before it can combine words, 10 to 15 ms
 * for a word as common as "evening" at 100,000 events, while the same words
 * spelled out are combined from the index's posting lists in well under a
 * millisecond. `lexemesPerWord[i]` holds the indexed words that start with
 * `words[i]`, at most MAX_PREFIX_EXPANSIONS + 1 of them; with more, that word
 * stays a prefix. Returns null when a word is the prefix of nothing: then the
 * prefix half matches no event.
 */
export function expandedPrefixTsQuery(words: string[], lexemesPerWord: string[][]): string | null {
  if (words.length === 0) return null;
  const parts: string[] = [];
  for (const [index, word] of words.entries()) {
    const lexemes = lexemesPerWord[index] ?? [];
    if (lexemes.length === 0) return null;
    parts.push(lexemes.length > MAX_PREFIX_EXPANSIONS ? `${quoteLexeme(word)}:*` : `( ${lexemes.map(quoteLexeme).join(" | ")} )`);
  }
  return parts.join(" & ");
}
