import { z } from "zod";
import { AppError } from "@/lib/errors";
import { withoutControlCharacters } from "@/lib/format/control-characters";
import { isValidBaliDate, type TWhen } from "@/lib/time/bali";
import { SPOKEN_LANGUAGE_CODES } from "./spoken-languages";

/**
 * The filters a visitor can set on "/", shared by the page, the feeds and
 * /api/events. All state lives in the URL: this schema turns URLSearchParams
 * into a typed query and back.
 */
export const WHEN_OPTIONS: { value: TWhen; label: string }[] = [
  { value: "any", label: "Any time" },
  { value: "today", label: "Today" },
  { value: "tonight", label: "Tonight" },
  { value: "tomorrow", label: "Tomorrow" },
  { value: "weekend", label: "This weekend" },
  { value: "week", label: "This week" },
  { value: "next30", label: "Next 30 days" },
];

export const SORT_OPTIONS = [
  { value: "soonest", label: "Soonest" },
  { value: "newest", label: "Newest" },
] as const;

export const PRICE_OPTIONS = [
  { value: "", label: "Any" },
  { value: "free", label: "Free" },
  { value: "paid", label: "Paid" },
] as const;

export const PAGE_SIZE = 24;
export const MAX_API_LIMIT = 100;

const slugField = z
  .string()
  .trim()
  .max(100, "is too long")
  .regex(/^[a-z0-9-]*$/, "must be a slug (lower-case letters, digits and dashes)")
  .transform((value) => value || undefined);

const dateField = z
  .string()
  .trim()
  .refine((value) => value === "" || isValidBaliDate(value), "must be a date in the form YYYY-MM-DD")
  .transform((value) => value || undefined);

export const ZEventQuery = z
  .object({
    q: z
      .string()
      .overwrite(withoutControlCharacters) // PostgreSQL cannot take U+0000 in a search (a 500 before)
      .trim()
      .max(200, "must be at most 200 characters")
      .transform((value) => value || undefined)
      .optional(),
    when: z
      .enum(["any", "today", "tonight", "tomorrow", "weekend", "week", "next30", ""], {
        error: "must be one of any, today, tonight, tomorrow, weekend, week, next30",
      })
      .transform((value) => (value === "" || value === "any" ? undefined : value))
      .optional(),
    from: dateField.optional(),
    to: dateField.optional(),
    location: slugField.optional(),
    type: slugField.optional(),
    entrance: slugField.optional(),
    price: z
      .enum(["free", "paid", "any", ""], { error: "must be free or paid" })
      .transform((value) => (value === "free" || value === "paid" ? value : undefined))
      .optional(),
    /** `lang=ru`: events held in that language (one of lib/events/spoken-languages.ts). */
    lang: z
      .enum([...SPOKEN_LANGUAGE_CODES, ""], { error: `must be one of ${SPOKEN_LANGUAGE_CODES.join(", ")}` })
      .transform((value) => value || undefined)
      .optional(),
    sort: z
      .enum(["soonest", "newest", ""], { error: "must be soonest or newest" })
      .transform((value) => (value === "newest" ? "newest" : undefined))
      .optional(),
    /** `dates=all`: every date of a series on its own card; by default a series shows once, at its next matching date. */
    dates: z
      .enum(["all", ""], { error: "must be all" })
      .transform((value) => (value === "all" ? value : undefined))
      .optional(),
    page: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be 1 or more").max(10_000, "is too large").optional(),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "must be on or after From" });
    }
  });

export type TEventQuery = z.output<typeof ZEventQuery>;

export const ZApiEventQuery = ZEventQuery.and(
  z.object({
    limit: z.coerce
      .number({ error: "must be a whole number" })
      .int("must be a whole number")
      .min(1, "must be 1 or more")
      .max(MAX_API_LIMIT, `must be at most ${MAX_API_LIMIT}`)
      .optional(),
  }),
);

export type TApiEventQuery = z.output<typeof ZApiEventQuery>;

const QUERY_KEYS = ["q", "when", "from", "to", "location", "type", "entrance", "price", "lang", "sort", "dates", "page", "limit"] as const;

/** URLSearchParams (or Next's searchParams object) → a plain record of the keys we know; repeated keys keep the first. */
export function searchParamsToRecord(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const key of QUERY_KEYS) {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") record[key] = first;
  }
  return record;
}

/** Strict parse for APIs: the query, or AppError INVALID_INPUT with a message per field. */
export function parseApiEventQuery(params: URLSearchParams): z.infer<typeof ZApiEventQuery> {
  const parsed = ZApiEventQuery.safeParse(searchParamsToRecord(params));
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "query");
    fields[field] ??= `${field} ${issue.message}`;
  }
  throw new AppError("INVALID_INPUT", "Some query parameters are not valid.", { fields });
}

/**
 * Lenient parse for pages: a bad value is dropped (and reported) instead of
 * failing the whole page, so a visitor with an odd link still sees events.
 */
export function parsePageEventQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): { query: TEventQuery; invalidFields: string[] } {
  let record = searchParamsToRecord(params);
  const invalidFields: string[] = [];
  for (let attempt = 0; attempt < QUERY_KEYS.length; attempt++) {
    const parsed = ZEventQuery.safeParse(record);
    if (parsed.success) return { query: parsed.data, invalidFields };
    const dropped = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "")).filter((field) => field in record));
    invalidFields.push(...dropped);
    record = Object.fromEntries(Object.entries(record).filter(([field]) => !dropped.has(field)));
  }
  return { query: {}, invalidFields };
}

/** The canonical URL query for a filter set (used for links, pagination and cache keys). */
export function eventQueryToSearchParams(
  query: TEventQuery & { limit?: number },
  overrides: Partial<Record<keyof TApiEventQuery, string | number | undefined>> = {},
): URLSearchParams {
  const merged = { ...query, ...overrides } as Record<string, string | number | undefined>;
  const params = new URLSearchParams();
  for (const key of QUERY_KEYS) {
    const value = merged[key];
    if (value === undefined || value === "") continue;
    if (key === "page" && Number(value) === 1) continue;
    params.set(key, String(value));
  }
  return params;
}

/**
 * THE canonical form of a listing URL ("/"): what the page shows is a function
 * of exactly the parsed query and the fields it reports as not valid, so this
 * is what the page renders from AND what the page cache keys it by
 * (lib/page-cache/key.ts). Unknown parameters (utm_*, fbclid …),
 * empty, repeated (first wins) or reordered parameters never make a different key.
 * `key`: the canonical query in a fixed order, plus `#invalid=<fields>` when
 * the page shows the "not valid" banner (a `#` never appears in an encoded query).
 */
export function canonicalListingQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): {
  query: TEventQuery;
  invalidFields: string[];
  key: string;
} {
  const { query, invalidFields } = parsePageEventQuery(params);
  const canonical = eventQueryToSearchParams(query).toString();
  return { query, invalidFields, key: invalidFields.length > 0 ? `${canonical}#invalid=${invalidFields.join(",")}` : canonical };
}

/**
 * The canonical form of a feed's query (/events.ics, /feed.xml): the page's
 * filters parsed the same way; a bad value is ignored (feeds show no banner)
 * and the page number plays no part in a feed.
 */
export function canonicalFeedQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): { query: TEventQuery; key: string } {
  const { query } = parsePageEventQuery(params);
  // Feeds list every date of a series one by one: `dates` plays no part either.
  return { query: { ...query, dates: undefined }, key: eventQueryToSearchParams({ ...query, page: undefined, dates: undefined }).toString() };
}

export function hasActiveFilters(query: TEventQuery): boolean {
  return Boolean(query.q || query.when || query.from || query.to || query.location || query.type || query.entrance || query.price || query.lang);
}

/**
 * The canonical form of an /api/events query, parsed exactly as the route parses it (ZApiEventQuery), for the page
 * cache's key; null when the route would refuse it (422), which the route then answers itself.
 */
export function canonicalApiEventQuery(params: URLSearchParams): string | null {
  const parsed = ZApiEventQuery.safeParse(searchParamsToRecord(params));
  if (!parsed.success) return null;
  const { limit = PAGE_SIZE, ...query } = parsed.data;
  return eventQueryToSearchParams({ ...query, limit }).toString();
}
