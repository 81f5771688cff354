import { AppError } from "@/lib/errors";
import { DEFAULT_LOCALE, LANGUAGES, LOCALES, type TLanguage } from "@/lib/i18n/languages";
import type { TNames } from "./localized-name";

/** The languages a reference name is translated into: every language of the site but English (the `name` itself). */
export const TRANSLATED_LANGUAGES: readonly TLanguage[] = LANGUAGES.filter((language) => language.code !== DEFAULT_LOCALE);

/** The form field of a translation: "name_id", "name_ru". */
export function translatedNameField(code: string): string {
  return `name_${code}`;
}

/** The label of a translation's field: "Name (Bahasa Indonesia)", "Name (Русский)". */
export function translatedNameLabel(language: TLanguage): string {
  return `Name (${language.name})`;
}

function invalid(message: string, field: string): AppError {
  return new AppError("INVALID_INPUT", message, { fields: { [field]: message } });
}

/**
 * The translations an admin gave, cleaned: an object of language code → name, each trimmed with inner runs of spaces
 * (and control characters) made one space, at most `max` characters (as the English name); an empty one removes the
 * translation (the English name shows). An unknown language code, English, or a value that is not text is refused
 * (INVALID_INPUT, a 422 from the JSON routes). `undefined` stays undefined: nothing to change.
 */
export function cleanReferenceNames(value: unknown, max: number): TNames | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalid(`names must be an object of language code to name, e.g. {"id": "…", "ru": "…"}.`, "names");
  }
  const known = TRANSLATED_LANGUAGES.map((language) => language.code as string);
  const names: TNames = {};
  for (const [code, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!known.includes(code)) {
      const hint = code === DEFAULT_LOCALE ? "the English name is name itself" : `use ${known.join(" or ")}`;
      throw invalid(`Unknown language “${code.slice(0, 20)}” in names: ${hint}.`, "names");
    }
    const field = translatedNameField(code);
    if (raw === null || raw === undefined) continue;
    if (typeof raw !== "string") throw invalid(`“${labelOf(code)}” must be text.`, field);
    const name = raw.replace(/[\p{Cc}\s]+/gu, " ").trim();
    if (name.length > max) throw invalid(`“${labelOf(code)}” must be at most ${max} characters.`, field);
    if (name) names[code as keyof TNames] = name;
  }
  return names;
}

/** "Name (Русский)": the field's label, in the messages. */
function labelOf(code: string): string {
  const language = LANGUAGES.find((entry) => entry.code === code);
  return language ? translatedNameLabel(language) : code;
}

/** The translations of an add or edit form: its fields "name_id", "name_ru", … (absent fields are empty). */
export function namesFromForm(formData: FormData): Record<string, string> {
  return Object.fromEntries(
    TRANSLATED_LANGUAGES.map((language) => {
      const value = formData.get(translatedNameField(language.code));
      return [language.code, typeof value === "string" ? value : ""];
    }),
  );
}

/** Whether two translation maps say the same. */
export function sameNames(a: TNames, b: TNames): boolean {
  return LOCALES.every((code) => (a[code] ?? "") === (b[code] ?? ""));
}
