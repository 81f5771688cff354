import { describe, expect, it } from "vitest";
import { pageCacheKey } from "./page-cache-policy";

const get = (url: string, headers: Record<string, string> = {}) => pageCacheKey({ method: "GET", url, headers });

describe("pageCacheKey", () => {
  it("keys public pages and feeds by path and sorted, non-empty query parameters", () => {
    expect(get("/")).toBe("/");
    expect(get("/?when=today&location=ubud&q=")).toBe("/?location=ubud&when=today");
    expect(get("/?location=ubud&when=today")).toBe(get("/?when=today&location=ubud"));
    expect(get("/events/full-moon-dance-ab12cd")).toBe("/events/full-moon-dance-ab12cd");
    expect(get("/events.ics?type=yoga")).toBe("/events.ics?type=yoga");
    expect(get("/feed.xml")).toBe("/feed.xml");
    expect(get("/creators/0b6f3c1e-8a52-4e8e-9d0b-2f6b1a7c9e11")).not.toBeNull();
  });

  it("never answers signed-in visitors, client navigations, writes or private paths", () => {
    expect(get("/", { cookie: "theme=dark; authjs.session-token=abc" })).toBeNull();
    expect(get("/", { cookie: "__Secure-authjs.session-token.0=abc" })).toBeNull();
    expect(get("/", { cookie: "theme=dark" })).toBe("/");
    expect(get("/", { rsc: "1" })).toBeNull();
    expect(get("/?_rsc=x1")).toBeNull();
    expect(pageCacheKey({ method: "POST", url: "/", headers: {} })).toBeNull();
    for (const path of ["/dashboard", "/admin", "/api/events", "/events/x/report", "/events/x/event.ics", "/login", "/events/UPPER"]) expect(get(path), path).toBeNull();
    expect(get(`/?q=${"x".repeat(600)}`)).toBeNull();
  });
});
