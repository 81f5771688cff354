/** A UUID as PostgreSQL stores ids: anything else is refused before it reaches a query (it would make PostgreSQL fail). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
