import { describe, expect, it } from "vitest";
import { niceMax } from "@/components/admin/bar-chart";
import { isoWeekOf, lastBaliDates, lastWeekStarts, mondayOf } from "./get-admin-charts";

describe("dashboard chart calendar (Bali dates)", () => {
  it("lists the last 90 days, oldest first, today last, across a month end", () => {
    const days = lastBaliDates("2026-03-01", 90);
    expect(days).toHaveLength(90);
    expect(days.at(-1)).toBe("2026-03-01");
    expect(days.at(-2)).toBe("2026-02-28");
    expect(days[0]).toBe("2025-12-02");
    expect(new Set(days).size).toBe(90);
  });

  it("puts every day in the ISO week that starts on its Monday", () => {
    expect(mondayOf("2026-03-02")).toBe("2026-03-02"); // a Monday
    expect(mondayOf("2026-03-08")).toBe("2026-03-02"); // the Sunday after
    expect(mondayOf("2026-03-01")).toBe("2026-02-23"); // the Sunday before
    expect(mondayOf("2027-01-01")).toBe("2026-12-28");
  });

  it("names ISO weeks by the year of their Thursday", () => {
    expect(isoWeekOf("2026-01-01")).toBe("2026-W01");
    expect(isoWeekOf("2026-03-02")).toBe("2026-W10");
    expect(isoWeekOf("2026-12-31")).toBe("2026-W53");
    expect(isoWeekOf("2027-01-03")).toBe("2026-W53");
    expect(isoWeekOf("2027-01-04")).toBe("2027-W01");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
  });

  it("gives 13 consecutive Mondays ending with the current week", () => {
    const weeks = lastWeekStarts("2026-03-05", 13);
    expect(weeks).toHaveLength(13);
    expect(weeks.at(-1)).toBe("2026-03-02");
    expect(weeks[0]).toBe("2025-12-08");
    for (const [index, week] of weeks.entries()) {
      expect(mondayOf(week)).toBe(week);
      if (index) expect(Date.parse(week) - Date.parse(weeks[index - 1]!)).toBe(7 * 86_400_000);
    }
  });
});

describe("bar chart value axis", () => {
  it("rounds the maximum up to 1, 2 or 5 times a power of ten, never below 1", () => {
    expect([0, 1, 3, 7, 10, 11, 87, 150, 1234].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 100, 200, 2000]);
  });
});
