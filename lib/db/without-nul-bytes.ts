/**
 * PostgreSQL cannot store U+0000 in text: a query whose argument carries one
 * fails ("invalid byte sequence for encoding UTF8: 0x00"), which used to be a
 * 500 on every path that reached the database with typed text (found by the
 * parser property tests). The forms and the API already clean typed text at
 * their boundary (lib/format/control-characters.ts); this is the one guard
 * below all of them: every string in a model query's arguments — data and
 * filters alike — loses its NUL bytes before Prisma sends it.
 *
 * Values are copied only when one actually holds a NUL (the common case
 * returns the arguments untouched). Dates, Buffers, Decimals and other class
 * instances are left as they are.
 */
export function withoutNulBytes<T>(value: T): T {
  if (typeof value === "string") return (value.includes("\u0000") ? value.replaceAll("\u0000", "") : value) as T;
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    let copy: unknown[] | undefined;
    items.forEach((item, index) => {
      const cleaned = withoutNulBytes(item);
      if (cleaned !== item) (copy ??= [...items])[index] = cleaned;
    });
    return (copy ?? value) as T;
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(record)) {
      const cleaned = withoutNulBytes(item);
      if (cleaned !== item) (copy ??= { ...record })[key] = cleaned;
    }
    return (copy ?? value) as T;
  }
  return value;
}
