import { describe, expect, it } from "vitest";
import { addBaliDays, formatDuration, fromBaliDateTime, isValidBaliDate, startOfBaliDay, toBaliDate, toBaliIso, toBaliTime, windowForWhen } from "./bali";

describe("Bali time", () => {
  it("converts instants to the Bali calendar day and clock (UTC+8, no DST)", () => {
    const instant = new Date("2026-11-25T16:30:00Z"); // 00:30 on the 26th in Bali
    expect(toBaliDate(instant)).toBe("2026-11-26");
    expect(toBaliTime(instant)).toBe("00:30");
    expect(toBaliIso(instant)).toBe("2026-11-26T00:30:00+08:00");
  });

  it("turns a Bali wall-clock time into the right instant", () => {
    expect(fromBaliDateTime("2031-03-14", "19:30").toISOString()).toBe("2031-03-14T11:30:00.000Z");
    expect(startOfBaliDay("2026-01-01").toISOString()).toBe("2025-12-31T16:00:00.000Z");
    expect(addBaliDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("validates calendar dates", () => {
    expect(isValidBaliDate("2028-02-29")).toBe(true);
    expect(isValidBaliDate("2026-02-29")).toBe(false);
    expect(isValidBaliDate("2026-13-01")).toBe(false);
    expect(isValidBaliDate("26-1-1")).toBe(false);
  });

  it("computes When windows in Bali time", () => {
    // Wednesday 2 January 2030, 23:30 in Bali (15:30 UTC): still Wednesday in Bali.
    const now = new Date("2030-01-02T15:30:00Z");
    expect(windowForWhen("today", now)).toEqual({ start: startOfBaliDay("2030-01-02"), end: startOfBaliDay("2030-01-03") });
    expect(windowForWhen("tomorrow", now)).toEqual({ start: startOfBaliDay("2030-01-03"), end: startOfBaliDay("2030-01-04") });
    expect(windowForWhen("weekend", now)).toEqual({ start: startOfBaliDay("2030-01-05"), end: startOfBaliDay("2030-01-07") });
    expect(windowForWhen("week", now)).toEqual({ start: startOfBaliDay("2030-01-02"), end: startOfBaliDay("2030-01-07") });
    expect(windowForWhen("next30", now)?.end).toEqual(startOfBaliDay("2030-02-02"));
    expect(windowForWhen("any", now)).toBeNull();
  });

  it("treats Sunday as part of this weekend and the end of this week", () => {
    const sunday = fromBaliDateTime("2030-01-06", "12:00");
    expect(windowForWhen("weekend", sunday)).toEqual({ start: startOfBaliDay("2030-01-05"), end: startOfBaliDay("2030-01-07") });
    expect(windowForWhen("week", sunday)).toEqual({ start: startOfBaliDay("2030-01-06"), end: startOfBaliDay("2030-01-07") });
  });

  it("formats durations", () => {
    expect(formatDuration(90)).toBe("1 hour 30 minutes");
    expect(formatDuration(3 * 1440 + 120)).toBe("3 days 2 hours");
    expect(formatDuration(15)).toBe("15 minutes");
  });
});
