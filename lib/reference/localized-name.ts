// No "server-only": server components of every page read it, and the event form's select options too.
import { DEFAULT_LOCALE, isLocale, type TLocale } from "@/lib/i18n/languages";

/**
 * A reference name in the site's other languages: { "id": "Tari", "ru": "Танцы" }. English is `name` itself (it makes
 * the slug), so it is never in the map. Stored as `names` (JSONB) on event types, entrance types, participant groups
 * and closed days; a language with no entry shows the English name.
 */
export type TNames = Partial<Record<TLocale, string>>;

/** An item with its English name and, when read, its translations (TNames, or the JSONB column as Prisma reads it). */
export type TNamed = { name: string; names?: unknown };

/** The item's name in a language: its translation when there is one, the English name otherwise. */
export function localizedName(item: TNamed, locale: TLocale): string {
  if (locale === DEFAULT_LOCALE || !item.names || typeof item.names !== "object" || Array.isArray(item.names)) return item.name;
  const translated = (item.names as Record<string, unknown>)[locale];
  return typeof translated === "string" && translated.trim() !== "" ? translated : item.name;
}

/** The translations as stored (JSONB), kept to strings: what the admin pages and JSON routes return. */
export function namesOf(value: unknown): TNames {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const names: TNames = {};
  for (const [code, name] of Object.entries(value as Record<string, unknown>)) {
    if (isLocale(code) && code !== DEFAULT_LOCALE && typeof name === "string" && name !== "") names[code] = name;
  }
  return names;
}
