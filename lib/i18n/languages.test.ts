import { describe, expect, it } from "vitest";
import { localizedPath, splitLocalePath } from "./languages";

describe("the language of a URL", () => {
  it("comes from the path's prefix; English has none", () => {
    expect(splitLocalePath("/")).toEqual({ locale: "en", path: "/" });
    expect(splitLocalePath("/calendar")).toEqual({ locale: "en", path: "/calendar" });
    expect(splitLocalePath("/id")).toEqual({ locale: "id", path: "/" });
    expect(splitLocalePath("/ru/")).toEqual({ locale: "ru", path: "/" });
    expect(splitLocalePath("/id/calendar/month")).toEqual({ locale: "id", path: "/calendar/month" });
    expect(splitLocalePath("/ru/events/sunrise-flow-2026-12-08")).toEqual({ locale: "ru", path: "/events/sunrise-flow-2026-12-08" });
  });

  it("is not a prefix that only looks like one", () => {
    expect(splitLocalePath("/identity")).toEqual({ locale: "en", path: "/identity" });
    expect(splitLocalePath("/en/calendar")).toEqual({ locale: "en", path: "/en/calendar" });
    expect(splitLocalePath("/de/calendar")).toEqual({ locale: "en", path: "/de/calendar" });
  });

  it("is put back on a site path, query included", () => {
    expect(localizedPath("en", "/calendar")).toBe("/calendar");
    expect(localizedPath("id", "/")).toBe("/id");
    expect(localizedPath("ru", "/?location=ubud")).toBe("/ru?location=ubud");
    expect(localizedPath("ru", "/calendar?week=2026-W50")).toBe("/ru/calendar?week=2026-W50");
    expect(() => localizedPath("id", "//evil.example")).toThrow();
    expect(() => localizedPath("id", "https://evil.example")).toThrow();
  });
});
