/**
 * items[index] for an index the caller has already bounded (a modulo, a clamp, a phase counter): TypeScript's
 * noUncheckedIndexedAccess cannot see that, so a mistake throws here instead of passing undefined on.
 */
export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} is outside the ${items.length} items`);
  return item;
}

/** A value the data guarantees (a map entry for a key taken from the same data): a mistake throws here, naming what is missing. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing: ${what}`);
  return value;
}
