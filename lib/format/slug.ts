/** Lower-case, every run of non-alphanumerics collapsed to "-", trimmed: "Market & Bazaar" → "market-bazaar". */
export function slugify(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
