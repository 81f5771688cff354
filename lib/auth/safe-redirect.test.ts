import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { landingPathFor, safeRedirectPath, toSafeRedirectPath } from "./safe-redirect";

const APP_URL = "http://localhost:3000";

/** Where a browser goes for a Location header holding `path`, read relative to our site (WHATWG URL parsing, as browsers do). */
const browserTarget = (path: string) => new URL(path, `${APP_URL}/login`);

const OFF_SITE = [
  "/%09/x.org",
  "/\t/x.org",
  "/\n/x.org",
  "/\r\n/x.org",
  "//x.org",
  "///x.org",
  "/\\x.org",
  "\\\\x.org",
  "/\\/x.org",
  "https://x.org",
  "http://x.org/dashboard",
  "HTTPS://x.org",
  "//x.org/%2F..",
  "/%5C%5Cx.org",
  "/%5Cx.org",
  "%2F%2Fx.org",
  "/%2F/x.org",
  "/%2Fx.org",
  "/%252F%252Fx.org",
  "/%250A/x.org",
  "/%00/x.org",
  "/.//x.org",
  "/./\\x.org",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,hi",
  "x.org",
  ".x.org",
  "http://localhost:3000@x.org/",
  "http://localhost:3000.x.org/",
  "http://localhost:3001/dashboard",
  "https://localhost:3000/dashboard",
  " /dashboard",
  "\u2028/x.org",
  "/\u0085/x.org",
  "/%E0%A4%A",
  "",
];

describe("toSafeRedirectPath", () => {
  it.each(OFF_SITE)("refuses %j", (target) => {
    expect(toSafeRedirectPath(target, APP_URL)).toBeNull();
    // and what the browser gets instead stays on our site
    expect(browserTarget(safeRedirectPath(target, { appUrl: APP_URL, fallback: "/dashboard" })).origin).toBe(APP_URL);
  });

  it.each([
    ["/dashboard", "/dashboard"],
    ["/dashboard/events/new", "/dashboard/events/new"],
    ["/admin/events?status=draft&q=yoga+ubud#results", "/admin/events?status=draft&q=yoga+ubud#results"],
    ["/events/sunrise-flow-a1b2", "/events/sunrise-flow-a1b2"],
    ["/a/../dashboard", "/dashboard"],
    ["http://localhost:3000/dashboard?x=1", "/dashboard?x=1"],
    ["http://localhost:3000", "/"],
    ["/", "/"],
  ])("keeps the same-origin path %j", (target, expected) => {
    expect(toSafeRedirectPath(target, APP_URL)).toBe(expected);
  });

  it("refuses non-strings and absurdly long targets", () => {
    expect(toSafeRedirectPath(undefined, APP_URL)).toBeNull();
    expect(toSafeRedirectPath(["/dashboard"], APP_URL)).toBeNull();
    expect(toSafeRedirectPath(`/${"a".repeat(5_000)}`, APP_URL)).toBeNull();
  });

  it("works under an APP_URL with https and a port", () => {
    expect(toSafeRedirectPath("https://zenbali.site/admin", "https://zenbali.site")).toBe("/admin");
    expect(toSafeRedirectPath("http://zenbali.site/admin", "https://zenbali.site")).toBeNull();
    expect(toSafeRedirectPath("//zenbali.site/admin", "https://zenbali.site")).toBeNull();
  });

  fcTest.prop([fc.string({ unit: "binary", maxLength: 60 })], { numRuns: 2_000 })(
    "any input: null, or a single-slash path that a browser resolves to our origin",
    (input) => {
      for (const target of [input, `/${input}`, `//${input}`, `/\\${input}`, `${APP_URL}/${input}`]) {
        const path = toSafeRedirectPath(target, APP_URL);
        if (path === null) continue;
        expect(path.startsWith("/") && !path.startsWith("//")).toBe(true);
        expect(path).not.toMatch(/[\u0000-\u001F\u007F\\]/);
        expect(browserTarget(path).origin).toBe(APP_URL);
        expect(new URL(path, "https://other.example/base/").host).toBe("other.example");
      }
    },
  );
});

describe("safeRedirectPath and landing pages", () => {
  it("falls back to the role's landing page", () => {
    expect(safeRedirectPath("//x.org", { appUrl: APP_URL, fallback: landingPathFor("ADMIN") })).toBe("/admin");
    expect(safeRedirectPath(undefined, { appUrl: APP_URL, fallback: landingPathFor("CREATOR") })).toBe("/dashboard");
    expect(landingPathFor(undefined)).toBe("/dashboard");
  });
});

describe("in another language (/id, /ru)", () => {
  it("keeps a callback in its language, and only on our origin", () => {
    expect(toSafeRedirectPath("/ru/dashboard", APP_URL)).toBe("/ru/dashboard");
    expect(toSafeRedirectPath("/id/dashboard/events/new?x=1#top", APP_URL)).toBe("/id/dashboard/events/new?x=1#top");
    expect(toSafeRedirectPath(`${APP_URL}/ru/dashboard/profile`, APP_URL)).toBe("/ru/dashboard/profile");
    for (const target of ["//ru/dashboard", "https://x.org/ru/dashboard", "/ru/\\x.org", "/%2F/ru/dashboard", "http://localhost:3000.x.org/id/dashboard"]) {
      expect(toSafeRedirectPath(target, APP_URL), target).toBeNull();
    }
  });

  it("lands a creator on the dashboard in the page's language, an admin on /admin (English only)", () => {
    expect(landingPathFor("CREATOR", "ru")).toBe("/ru/dashboard");
    expect(landingPathFor(undefined, "id")).toBe("/id/dashboard");
    expect(landingPathFor("CREATOR", "en")).toBe("/dashboard");
    expect(landingPathFor("ADMIN", "ru")).toBe("/admin");
    expect(safeRedirectPath("//x.org/ru/dashboard", { appUrl: APP_URL, fallback: landingPathFor("CREATOR", "id") })).toBe("/id/dashboard");
    expect(safeRedirectPath("/ru/dashboard/payments", { appUrl: APP_URL, fallback: landingPathFor("CREATOR", "id") })).toBe("/ru/dashboard/payments");
  });
});
