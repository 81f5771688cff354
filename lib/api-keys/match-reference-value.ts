/**
 * Reference values (location, event type, entrance type, participant group)
 * given by slug or name, matched case- and punctuation-insensitively: only
 * letters and digits count, so "Market & Bazaar", "market-bazaar" and
 * "MARKET BAZAAR" are the same. Pure; the caller passes the ACTIVE items.
 */
export function referenceKey(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

export function matchReferenceValue<T extends { name: string; slug: string }>(value: string, items: readonly T[]): T | null {
  const wanted = referenceKey(value);
  if (wanted === "") return null;
  return items.find((item) => referenceKey(item.slug) === wanted || referenceKey(item.name) === wanted) ?? null;
}
