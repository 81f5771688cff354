import { describe, expect, it } from "vitest";
import {
  addBaliDays,
  addMonths,
  firstDayOfMonth,
  formatBaliDayHeading,
  formatBaliMonth,
  formatDuration,
  fromBaliDateTime,
  isoWeekOf,
  isValidBaliDate,
  mondayOfBaliWeek,
  mondayOfIsoWeek,
  startOfBaliDay,
  toBaliDate,
  toBaliIso,
  toBaliTime,
  windowForWhen,
} from "./bali";

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

  it("computes Tonight as 17:00 today to 04:00 tomorrow in Bali", () => {
    const morning = fromBaliDateTime("2030-01-02", "09:00");
    expect(windowForWhen("tonight", morning)).toEqual({ start: fromBaliDateTime("2030-01-02", "17:00"), end: fromBaliDateTime("2030-01-03", "04:00") });
    // 23:30 in Bali is 15:30 UTC: still the same Bali evening.
    expect(windowForWhen("tonight", new Date("2030-01-02T15:30:00Z"))?.start).toEqual(fromBaliDateTime("2030-01-02", "17:00"));
  });

  it("numbers weeks as ISO 8601 does, Monday to Sunday in Bali", () => {
    expect(isoWeekOf("2026-12-08")).toBe("2026-W50");
    expect(isoWeekOf("2027-01-01")).toBe("2026-W53"); // a Friday: 2026 has 53 weeks
    expect(isoWeekOf("2021-01-03")).toBe("2020-W53");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
    expect(mondayOfBaliWeek("2026-12-13")).toBe("2026-12-07"); // Sunday belongs to the week before
    expect(mondayOfIsoWeek("2026-W50")).toBe("2026-12-07");
    expect(mondayOfIsoWeek("2025-W01")).toBe("2024-12-30");
    expect(mondayOfIsoWeek("2020-W53")).toBe("2020-12-28");
    for (const notAWeek of ["2021-W53", "2026-W00", "2026-W54", "2026-w50", "2026-50", "W50", "", "2026-W5"])
      expect(mondayOfIsoWeek(notAWeek), notAWeek).toBeNull();
  });

  it("reads months and moves between them", () => {
    expect(firstDayOfMonth("2026-12")).toBe("2026-12-01");
    for (const notAMonth of ["2026-13", "2026-00", "2026-1", "0000-01", "December"]) expect(firstDayOfMonth(notAMonth), notAMonth).toBeNull();
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-01");
    expect(addMonths("2026-01-31", -1)).toBe("2025-12-01");
    expect(addMonths("2026-12-01", 12)).toBe("2027-12-01");
  });

  it("writes day headings and months in English, in Bali time", () => {
    expect(formatBaliDayHeading("2026-12-08")).toBe("Tuesday 8 December");
    expect(formatBaliMonth("2026-12-01")).toBe("December 2026");
  });
});
