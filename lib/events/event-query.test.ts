import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { eventQueryToSearchParams, parseApiEventQuery, parsePageEventQuery } from "./event-query";
import { toPrefixTsQuery } from "./search-terms";

/** The AppError a call throws (the test fails when it throws something else, or nothing). */
function refusalOf(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError, nothing was thrown");
}

describe("event query", () => {
  it("parses every filter from the URL", () => {
    const { query, invalidFields } = parsePageEventQuery({
      q: " yoga ",
      when: "weekend",
      from: "2030-01-01",
      to: "2030-01-31",
      location: "ubud",
      type: "sound-healing",
      entrance: "free",
      price: "free",
      sort: "newest",
      page: "2",
    });
    expect(invalidFields).toEqual([]);
    expect(query).toEqual({
      q: "yoga",
      when: "weekend",
      from: "2030-01-01",
      to: "2030-01-31",
      location: "ubud",
      type: "sound-healing",
      entrance: "free",
      price: "free",
      sort: "newest",
      page: 2,
    });
  });

  it("filters by a language from the short list (lang)", () => {
    expect(parsePageEventQuery({ lang: "ru", location: "ubud" }).query).toEqual({ lang: "ru", location: "ubud" });
    expect(parsePageEventQuery({ lang: "" }).query).toEqual({});
    expect(parsePageEventQuery({ lang: "klingon" })).toEqual({ query: {}, invalidFields: ["lang"] });
    expect(Object.keys(refusalOf(() => parseApiEventQuery(new URLSearchParams("lang=xx"))).fields ?? {})).toEqual(["lang"]);
    expect(eventQueryToSearchParams({ sort: "newest", lang: "id", price: "free" }).toString()).toBe("price=free&lang=id&sort=newest");
  });

  it("drops bad values on pages but keeps the good ones", () => {
    const { query, invalidFields } = parsePageEventQuery({ when: "someday", location: "ubud", page: "-3" });
    expect(query).toEqual({ location: "ubud" });
    expect(invalidFields.sort()).toEqual(["page", "when"]);
  });

  it("rejects bad values in the API with a message per field", () => {
    const refusal = refusalOf(() => parseApiEventQuery(new URLSearchParams("limit=101&page=0&from=2026-13-45&when=someday")));
    expect(refusal).toMatchObject({ code: "INVALID_INPUT", message: "Some query parameters are not valid." });
    expect(Object.keys(refusal.fields ?? {}).sort()).toEqual(["from", "limit", "page", "when"]);
    expect(parseApiEventQuery(new URLSearchParams("limit=100&page=3"))).toEqual({ limit: 100, page: 3 });
    expect(refusalOf(() => parseApiEventQuery(new URLSearchParams("from=2030-02-01&to=2030-01-01"))).code).toBe("INVALID_INPUT");
  });

  it("writes canonical URLs without defaults (so page 1 and Any are omitted)", () => {
    expect(eventQueryToSearchParams({ location: "ubud", page: 1 }).toString()).toBe("location=ubud");
    expect(eventQueryToSearchParams({ location: "ubud" }, { page: 3 }).toString()).toBe("location=ubud&page=3");
  });

  it("builds safe prefix queries from anything typed", () => {
    expect(toPrefixTsQuery("Sound heal")).toBe("sound:* & heal:*");
    expect(toPrefixTsQuery("it's (ubud) & co:*")).toBe("it:* & s:* & ubud:* & co:*");
    expect(toPrefixTsQuery("!!! ***")).toBeNull();
    expect(toPrefixTsQuery("Café")).toBe("cafe:*");
  });
});
