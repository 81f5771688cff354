import { describe, expect, it } from "vitest";
import { alertKeyOf, alertQueryOf, alertTargetOf, canonicalAlertQuery } from "./alert-target";
import { isSubscriberToken, newSubscriberToken } from "./subscriber-token";

describe("an alert's query", () => {
  it("is the listing's canonical query without page, order or dates=all", () => {
    expect(canonicalAlertQuery("type=ecstatic-dance&location=canggu&page=2&sort=newest&dates=all&utm_source=x&location=ubud")).toBe(
      "location=canggu&type=ecstatic-dance",
    );
    expect(alertQueryOf({ location: "canggu", type: "ecstatic-dance", page: 3 })).toBe("location=canggu&type=ecstatic-dance");
    expect(canonicalAlertQuery("")).toBe("");
    expect(canonicalAlertQuery("q=  kirtan  &price=free&when=any")).toBe("q=kirtan&price=free");
  });

  it("drops what the listing would not take, and refuses what is not text or too long", () => {
    expect(canonicalAlertQuery("location=<script>&type=yoga")).toBe("type=yoga");
    expect(canonicalAlertQuery(`q=${"x".repeat(1_000)}`)).toBeNull();
    expect(canonicalAlertQuery(`q=${encodeURIComponent("ж".repeat(190))}`)).toBeNull(); // 190 letters, 1 140 characters encoded
    expect(canonicalAlertQuery(null)).toBeNull();
    expect(canonicalAlertQuery(["location=ubud"])).toBeNull();
  });

  it("comes from a form's query or creator field, never both", () => {
    const id = "0b9d5b8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    expect(alertTargetOf({ query: "location=canggu" })).toEqual({ kind: "query", query: "location=canggu" });
    expect(alertTargetOf({ creator: id.toUpperCase() })).toEqual({ kind: "creator", creatorId: id });
    expect(alertTargetOf({ creator: id, query: "location=canggu" })).toBeNull();
    expect(alertTargetOf({ creator: "../../etc" })).toBeNull();
    expect(alertTargetOf({})).toBeNull();
    expect(alertKeyOf({ kind: "query", query: "type=yoga" })).toBe("query:type=yoga");
    expect(alertKeyOf({ kind: "creator", creatorId: id })).toBe(`creator:${id}`);
  });
});

describe("a subscriber token", () => {
  it("has 256 random bits in 43 URL-safe characters, and only that shape is looked up", () => {
    const tokens = new Set(Array.from({ length: 100 }, newSubscriberToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(isSubscriberToken(token)).toBe(true);
    for (const bad of ["", "a".repeat(42), "a".repeat(44), `${"a".repeat(42)}/`, `${"a".repeat(42)}.`, "a".repeat(10_000), 42, null]) {
      expect(isSubscriberToken(bad)).toBe(false);
    }
  });
});
