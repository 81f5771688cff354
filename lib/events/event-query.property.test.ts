/**
 * Fuzzing the listing query (pages, feeds) and the API query: any input gives
 * a valid query (pages drop what is bad) or field messages (the API: AppError
 * INVALID_INPUT), never another throw, and what comes out is a canonical query
 * that reads back the same.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { nastyText, shortNastyText } from "@/tests/support/arbitraries";
import { eventQueryToSearchParams, parseApiEventQuery, parsePageEventQuery, searchParamsToRecord, ZApiEventQuery, ZEventQuery } from "./event-query";
import { failOnConsoleErrors } from "../../tests/support/no-console-errors";

const KEYS = ["q", "when", "from", "to", "location", "type", "entrance", "price", "sort", "page", "limit"] as const;

/** Plausible values per key (so the valid path runs) and any text. */
const queryValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "yoga",
      "any",
      "today",
      "weekend",
      "next30",
      "free",
      "paid",
      "newest",
      "soonest",
      "ubud",
      "sound-healing",
      "1",
      "2",
      "100",
      "101",
      "0",
      "-1",
      "1e3",
      "0x10",
      "2030-01-01",
      "2030-02-30",
      "2030-12-31",
      " 7 ",
      "NaN",
      "Infinity",
    ),
  },
  { weight: 2, arbitrary: shortNastyText },
  { weight: 1, arbitrary: nastyText },
  { weight: 1, arbitrary: fc.integer().map(String) },
);
const anyKey = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "toString", "utm_source", "") },
  { weight: 1, arbitrary: shortNastyText },
);

/** What Next hands a page: a record whose values are strings, arrays of strings (repeated keys) or undefined. */
const pageParams = fc.dictionary(anyKey, fc.oneof(queryValue, fc.array(queryValue, { maxLength: 4 }), fc.constant(undefined)), { maxKeys: 14 });
const urlParams = fc.array(fc.tuple(anyKey, queryValue), { maxLength: 16 }).map((entries) => new URLSearchParams(entries));

failOnConsoleErrors();

/** The query as its canonical URL carries it: no undefined keys, page 1 left out. */
function canonical(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([key, value]) => value !== undefined && !(key === "page" && value === 1)));
}

/** A URL can only carry well-formed text (percent-decoding never yields a lone surrogate). */
function wellFormed(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/\p{Surrogate}/gu, "\uFFFD");
  return Array.isArray(value) ? value.map(wellFormed) : value;
}

describe("listing and API query (property)", () => {
  test.prop([pageParams], { numRuns: 300 })(
    "the page query never throws and always gives a valid, canonical query",
    (params) => {
      const raw = parsePageEventQuery(params);
      for (const field of raw.invalidFields) expect(KEYS).toContain(field);
      expect(ZEventQuery.parse(raw.query)).toEqual(raw.query);
      // What a URL can carry: the query's canonical URL reads back as the same query.
      const { query } = parsePageEventQuery(
        Object.fromEntries(Object.entries(params).map(([key, value]) => [key, wellFormed(value)])) as Record<string, string | string[] | undefined>,
      );
      expect(canonical(ZEventQuery.parse(searchParamsToRecord(eventQueryToSearchParams(query))))).toEqual(canonical(query));
    },
    30_000,
  );

  test.prop([urlParams], { numRuns: 300 })(
    "the API query is a valid query, or AppError INVALID_INPUT with a message per known field",
    (params) => {
      let query: ReturnType<typeof parseApiEventQuery>;
      try {
        query = parseApiEventQuery(params);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        const { code, fields = {} } = error as AppError;
        expect(code).toBe("INVALID_INPUT");
        expect(Object.keys(fields).length).toBeGreaterThan(0);
        for (const [field, message] of Object.entries(fields)) {
          expect([...KEYS, "query"]).toContain(field);
          expect(typeof message).toBe("string");
        }
        return;
      }
      expect(canonical(ZApiEventQuery.parse(searchParamsToRecord(eventQueryToSearchParams(query))))).toEqual(canonical(query));
    },
    30_000,
  );

  // Regression (tests/integration/fuzz-parsers.test.ts found it: GET /api/events?q=%00 was a 500).
  it("drops control characters from the search: PostgreSQL cannot take U+0000", () => {
    expect(parsePageEventQuery({ q: "\u0000yo\u0007ga\u007f" }).query).toEqual({ q: "yoga" });
    expect(parseApiEventQuery(new URLSearchParams("q=%00%00"))).toEqual({});
  });
});
