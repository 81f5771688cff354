/**
 * docs/benchmarks.md is written by more than one script: `npm run bench`
 * (scripts/bench/run.ts) regenerates the whole file, `npm run bench:faults`
 * (scripts/bench/faults.ts) owns one section of it. A section lives between
 * two HTML comments, so each script can replace its own part and keep the
 * others' parts as they are.
 */

export type TDocSection = { name: string; start: string; end: string };

function section(name: string, { generated = true } = {}): TDocSection {
  return {
    name,
    start: `<!-- ${name}:start${generated ? " (generated, do not edit by hand)" : " (written by hand, kept by npm run bench)"} -->`,
    end: `<!-- ${name}:end -->`,
  };
}

/** The fault run's section ("Faults: Redis and PostgreSQL restarts under load"). */
export const FAULTS_SECTION = section("bench:faults");

/** Written by hand: the hit path before and after the hardening of issue 9, measured side by side. */
export const HARDENING_SECTION = section("bench:hardening", { generated: false });

/** Written by hand: the cold path before and after the light render path of issue 10 (decision 010). */
export const COLD_PATH_SECTION = section("bench:cold-path", { generated: false });

/** Written by hand: recurring series at benchmark scale (issue 11), before and after. */
export const SERIES_SECTION = section("bench:series", { generated: false });

/** Written by hand: the site in three languages (issue 12): /id and /ru beside /, the language filter, the sitemap index. */
export const LANGUAGES_SECTION = section("bench:languages", { generated: false });

/** Written by hand: saved events and the weekly digest (issue 13): the listing with Save buttons, `npm run bench:digest`. */
export const DIGEST_SECTION = section("bench:digest", { generated: false });

/** Every section owned by another script than run.ts (or by a person): run.ts carries them over when it rewrites the file. */
export const KEPT_SECTIONS: readonly TDocSection[] = [FAULTS_SECTION, HARDENING_SECTION, COLD_PATH_SECTION, SERIES_SECTION, LANGUAGES_SECTION, DIGEST_SECTION];

/** The section with its two markers, or null when the document does not have it (or has a broken one). */
export function extractSection(document: string, which: TDocSection): string | null {
  const start = document.indexOf(which.start);
  if (start < 0) return null;
  const end = document.indexOf(which.end, start + which.start.length);
  if (end < 0) return null;
  return document.slice(start, end + which.end.length);
}

/** `body` between the section's markers: in place of the old section, or appended at the end. */
export function replaceSection(document: string, which: TDocSection, body: string): string {
  const block = `${which.start}\n${body.trim()}\n${which.end}`;
  const old = extractSection(document, which);
  if (old !== null) return document.replace(old, () => block);
  return `${document.trimEnd()}\n\n${block}\n`;
}

/** The new document with every kept section of the old one appended (for a generator that rewrites the whole file). */
export function carryOverSections(oldDocument: string | null, newDocument: string, sections: readonly TDocSection[] = KEPT_SECTIONS): string {
  let result = newDocument;
  for (const which of sections) {
    const kept = oldDocument === null ? null : extractSection(oldDocument, which);
    if (kept !== null && extractSection(result, which) === null) result = `${result.trimEnd()}\n\n${kept}\n`;
  }
  return result;
}
