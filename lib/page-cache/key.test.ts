import { describe, expect, it } from "vitest";
import { pageCacheKey, pageScopeOf } from "./key";

const get = (url: string, headers: Record<string, string> = {}) => pageCacheKey({ method: "GET", url, headers });

describe("pageCacheKey", () => {
  it("keys public pages and feeds by path and the query as the page parses it, in a fixed order", () => {
    expect(get("/")).toBe("/");
    expect(get("/?when=today&location=ubud&q=")).toBe("/?when=today&location=ubud");
    expect(get("/?location=ubud&when=today")).toBe(get("/?when=today&location=ubud"));
    expect(get("/events/full-moon-dance-ab12cd")).toBe("/events/full-moon-dance-ab12cd");
    expect(get("/events.ics?type=yoga")).toBe("/events.ics?type=yoga");
    expect(get("/events.ics?type=yoga&page=3&utm_source=x")).toBe("/events.ics?type=yoga");
    expect(get("/events/full-moon-dance-ab12cd?utm_source=x&ref=y")).toBe("/events/full-moon-dance-ab12cd");
    expect(get("/sitemap.xml?z=1")).toBe("/sitemap.xml");
    expect(get("/sitemaps/events-12.xml?z=1")).toBe("/sitemaps/events-12.xml");
    expect(get("/sitemaps/pages.xml")).toBe("/sitemaps/pages.xml");
    expect(pageScopeOf("/sitemaps/events-12.xml")).toBe("lists");
    for (const path of ["/sitemaps/events-0.xml", "/sitemaps/events-x.xml", "/sitemaps/other.xml", "/sitemaps/"]) expect(get(path), path).toBeNull();
    expect(get("/feed.xml")).toBe("/feed.xml");
    expect(get("/creators/0b6f3c1e-8a52-4e8e-9d0b-2f6b1a7c9e11")).not.toBeNull();
  });

  it("keys a page in Indonesian or Russian apart from the English one, by the same canonical query", () => {
    expect(get("/id")).toBe("/id");
    expect(get("/ru/")).toBe("/ru");
    expect(get("/id?location=ubud&when=today&q=")).toBe("/id?when=today&location=ubud");
    expect(get("/ru/calendar?week=2026-W50&utm=x")).toBe(`/ru${get("/calendar?week=2026-W50")}`);
    expect(get("/ru/events/full-moon-dance-ab12cd?ref=y")).toBe("/ru/events/full-moon-dance-ab12cd");
    expect(pageScopeOf("/ru/events/full-moon-dance-ab12cd")).toBe("event:full-moon-dance-ab12cd");
    expect(pageScopeOf("/id?when=today")).toBe("lists");
    // No other prefix, no admin in another language, and English has no prefix of its own.
    for (const path of ["/de/calendar", "/id/admin", "/en/calendar", "/id/dashboard", "/identity"]) expect(get(path), path).toBeNull();
  });

  it("keys only public pages: never writes or private paths (cookies and client navigations are the page cache's question)", () => {
    expect(get("/", { cookie: "theme=dark" })).toBe("/");
    expect(get("/?_rsc=x1")).toBe("/");
    expect(pageCacheKey({ method: "POST", url: "/", headers: {} })).toBeNull();
    for (const path of [
      "/dashboard",
      "/admin",
      "/api/events/x",
      "/api/locations",
      "/api/v1/events",
      "/events/x/report",
      "/events/x/event.ics",
      "/login",
      "/events/UPPER",
    ])
      expect(get(path), path).toBeNull();
  });

  it("keys /api/events by the query as the route parses it, with the default limit; a query the route refuses is not the cache's", () => {
    expect(get("/api/events")).toBe("/api/events?limit=24");
    expect(get("/api/events?limit=24&location=ubud")).toBe(get("/api/events?location=ubud"));
    expect(get("/api/events?limit=1000")).toBeNull();
    expect(get("/api/events?page=0")).toBeNull();
  });

  it("never stores one URL's page under another: first value wins, as on the page; empties, unknown parameters and order make no difference", () => {
    // The attacks: the first (empty) value is what the page uses, so these are the unfiltered list / a "not valid" banner.
    expect(get("/?location=&location=ubud")).toBe("/");
    expect(get("/?location=&location=ubud")).not.toBe(get("/?location=ubud"));
    expect(get("/?page=&page=2")).not.toBe(get("/?page=2"));
    expect(get("/?page=&page=2")).toBe("/?#invalid=page");
    expect(get("/?page=2")).toBe("/?page=2");
    expect(get("/?location=ubud&utm_source=x&fbclid=abc&z=1")).toBe("/?location=ubud");
    expect(get("/?z=1")).toBe(get("/?z=2"));
    expect(get("/?page=1")).toBe("/");
    expect(get("/?q=%20yoga%20")).toBe("/?q=yoga");
    // Invalid values are reported by field name only: any bad value of a field makes the same page.
    expect(get("/?when=someday")).toBe(get("/?when=never"));
    expect(get(`/?q=${"x".repeat(600)}`)).toBe("/?#invalid=q");
  });

  it("gives a remembered target the same key as a fresh parse, however many targets came between", () => {
    const targets = ["/?location=&location=ubud", "/?page=&page=2", "/?when=today&location=ubud&q=", "/events/full-moon-dance-ab12cd?x=1"];
    const first = targets.map((url) => get(url));
    // More distinct targets than are remembered: the memory is emptied on the way, and keys stay the same.
    for (let index = 0; index < 5_000; index++) get(`/?z=${index}`);
    expect(targets.map((url) => get(url))).toEqual(first);
    expect(targets.map((url) => get(url))).toEqual(first);
    expect(pageCacheKey({ method: "POST", url: targets[0], headers: {} })).toBeNull();
    expect(get(`/?location=ubud&z=${"x".repeat(2_000)}`)).toBe("/?location=ubud");
  });
});
