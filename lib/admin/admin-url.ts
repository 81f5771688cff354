/** The first value of a search param (Next gives arrays for repeated keys); "" counts as absent. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

/** An admin list's filters as a query string, without empty values or page 1. */
export function adminQueryString(query: Record<string, string | number | undefined>, page?: number): string {
  const params = new URLSearchParams();
  const entries: [string, string | number | undefined][] = Object.entries({ ...query, page });
  for (const [name, value] of entries) {
    if (value === undefined || value === "" || (name === "page" && Number(value) === 1)) continue;
    params.set(name, String(value));
  }
  return params.toString();
}
