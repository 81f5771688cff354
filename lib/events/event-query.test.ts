import { describe, expect, it } from "vitest";
import { eventQueryToSearchParams, parseApiEventQuery, parsePageEventQuery } from "./event-query";
import { toPrefixTsQuery } from "./search-terms";

describe("event query", () => {
  it("parses every filter from the URL", () => {
    const { query, invalidFields } = parsePageEventQuery({ q: " yoga ", when: "weekend", from: "2030-01-01", to: "2030-01-31", location: "ubud", type: "sound-healing", entrance: "free", price: "free", sort: "newest", page: "2" });
    expect(invalidFields).toEqual([]);
    expect(query).toEqual({ q: "yoga", when: "weekend", from: "2030-01-01", to: "2030-01-31", location: "ubud", type: "sound-healing", entrance: "free", price: "free", sort: "newest", page: 2 });
  });

  it("drops bad values on pages but keeps the good ones", () => {
    const { query, invalidFields } = parsePageEventQuery({ when: "someday", location: "ubud", page: "-3" });
    expect(query).toEqual({ location: "ubud" });
    expect(invalidFields.sort()).toEqual(["page", "when"]);
  });

  it("rejects bad values in the API with a message per field", () => {
    const result = parseApiEventQuery(new URLSearchParams("limit=101&page=0&from=2026-13-45&when=someday"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fields).sort()).toEqual(["from", "limit", "page", "when"]);
    expect(parseApiEventQuery(new URLSearchParams("limit=100&page=3")).ok).toBe(true);
    const reversed = parseApiEventQuery(new URLSearchParams("from=2030-02-01&to=2030-01-01"));
    expect(reversed.ok).toBe(false);
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
