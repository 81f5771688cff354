import { describe, expect, it } from "vitest";
import { fromBaliDateTime } from "@/lib/time/bali";
import { calendarHref, calendarPeriod, canonicalCalendarQuery } from "./calendar-query";

// Wednesday 9 December 2026, 10:00 in Bali.
const now = fromBaliDateTime("2026-12-09", "10:00");

describe("calendar periods", () => {
  it("shows the current Bali week (Monday to Sunday) and month by default", () => {
    expect(calendarPeriod("week", undefined, now)).toEqual({
      view: "week",
      start: "2026-12-07",
      end: "2026-12-14",
      isCurrent: true,
      previous: "2026-W49",
      next: "2026-W51",
    });
    expect(calendarPeriod("month", undefined, now)).toEqual({
      view: "month",
      start: "2026-12-01",
      end: "2027-01-01",
      isCurrent: true,
      previous: "2026-11",
      next: "2027-01",
    });
  });

  it("covers one month back to twelve months ahead, and nothing outside", () => {
    expect(calendarPeriod("week", "2026-W46", now)?.start).toBe("2026-11-09"); // its Sunday, 15 Nov, is within a month back
    expect(calendarPeriod("week", "2026-W46", now)?.previous).toBeNull();
    expect(calendarPeriod("week", "2026-W45", now)).toBeNull(); // ends 8 Nov, before 9 Nov
    expect(calendarPeriod("week", "2027-W49", now)?.start).toBe("2027-12-06"); // starts on or before 9 Dec 2027
    expect(calendarPeriod("week", "2027-W49", now)?.next).toBeNull();
    expect(calendarPeriod("week", "2027-W50", now)).toBeNull();
    expect(calendarPeriod("month", "2026-11", now)?.previous).toBeNull();
    expect(calendarPeriod("month", "2026-10", now)).toBeNull();
    expect(calendarPeriod("month", "2027-12", now)?.next).toBeNull();
    expect(calendarPeriod("month", "2028-01", now)).toBeNull();
  });

  it("refuses what is not a week or a month", () => {
    for (const value of ["2026-W54", "2026-50", "next", "2026-W5", "<script>"]) expect(calendarPeriod("week", value, now), value).toBeNull();
    for (const value of ["2026-13", "2026-1", "12-2026", "december"]) expect(calendarPeriod("month", value, now), value).toBeNull();
  });
});

describe("the canonical calendar query", () => {
  it("keeps the period and the filters / keeps, in a fixed order, and drops what the calendar does not read", () => {
    const { filters, key, period } = canonicalCalendarQuery(
      "week",
      new URLSearchParams("price=free&utm_source=x&location=ubud&week=2026-W51&when=today&sort=newest&page=3&q=%20yoga%20"),
    );
    expect(filters).toEqual({ q: "yoga", location: "ubud", price: "free" });
    expect(period).toBe("2026-W51");
    expect(key).toBe("week=2026-W51&q=yoga&location=ubud&price=free");
    expect(canonicalCalendarQuery("week", new URLSearchParams("location=ubud&price=free&week=2026-W51&q=yoga")).key).toBe(key);
  });

  it("reports filters that are not valid, in the key too (the page shows a notice)", () => {
    const { filters, invalidFields, key } = canonicalCalendarQuery("month", new URLSearchParams("month=2026-12&location=Not+A+Slug&price=cheap"));
    expect(filters).toEqual({});
    expect(invalidFields.sort()).toEqual(["location", "price"]);
    expect(key).toBe("month=2026-12#invalid=location,price");
  });

  it("bounds the period parameter before it reaches a key", () => {
    expect(canonicalCalendarQuery("week", new URLSearchParams(`week=${"9".repeat(5000)}`)).key.length).toBeLessThan(30);
  });

  it("writes links with the same filters", () => {
    expect(calendarHref("week", { location: "canggu", type: "ecstatic-dance" }, "2026-W51")).toBe(
      "/calendar?week=2026-W51&location=canggu&type=ecstatic-dance",
    );
    expect(calendarHref("month", {})).toBe("/calendar/month");
  });
});
