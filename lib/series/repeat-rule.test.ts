import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { describeRepeat, seriesDates, synchronizedStart, toRRule, validateRepeatRule, type TRepeatRule, type TSeriesStart } from "./repeat-rule";

// Tuesday 8 December 2026, 07:00 in Bali.
const start: TSeriesStart = { date: "2026-12-08", time: "07:00" };

function fieldsOf(rule: TRepeatRule, from = start): Record<string, string> {
  try {
    validateRepeatRule(rule, from);
    return {};
  } catch (error) {
    if (error instanceof AppError) return error.fields ?? {};
    throw error;
  }
}

describe("repeat rules", () => {
  it("reads back in words, as the form and the cards say them", () => {
    expect(describeRepeat({ frequency: "weekly", days: ["TH", "TU"], until: "2027-03-31" }, start, { full: true })).toBe(
      "Every Tue and Thu at 07:00 until 31 Mar 2027",
    );
    expect(describeRepeat({ frequency: "weekly", days: ["TU", "TH"] }, start)).toBe("Every Tue and Thu");
    expect(describeRepeat({ frequency: "weekly", days: ["MO", "WE", "FR"], count: 10 }, start, { full: true })).toBe(
      "Every Mon, Wed and Fri at 07:00, 10 dates",
    );
    expect(describeRepeat({ frequency: "biweekly", days: ["SU"] }, start)).toBe("Every 2 weeks on Sun");
    expect(describeRepeat({ frequency: "monthly", monthly: "date" }, { date: "2026-12-15", time: "10:00" })).toBe("Every month on the 15th");
    expect(describeRepeat({ frequency: "monthly", monthly: "weekday" }, { date: "2026-12-12", time: "10:00" })).toBe("Every month on the 2nd Saturday");
    expect(describeRepeat({ frequency: "monthly", monthly: "weekday" }, { date: "2026-12-29", time: "10:00" })).toBe("Every month on the last Tuesday");
  });

  it("writes RFC 5545 rules, the end as the last second of the Bali day in UTC", () => {
    expect(toRRule({ frequency: "weekly", days: ["TH", "TU"], until: "2027-03-31" }, start)).toBe("FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;UNTIL=20270331T155959Z");
    expect(toRRule({ frequency: "biweekly", days: ["SU"], count: 6 }, start)).toBe("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;WKST=MO;COUNT=6");
    expect(toRRule({ frequency: "monthly", monthly: "weekday" }, { date: "2026-12-12", time: "10:00" })).toBe("FREQ=MONTHLY;BYDAY=2SA");
    expect(toRRule({ frequency: "monthly" }, { date: "2026-12-31", time: "10:00" })).toBe("FREQ=MONTHLY;BYMONTHDAY=31");
  });

  it("lists the dates in Bali: a 07:00 Tuesday class is on Tuesdays, though it is Monday 23:00 in UTC", () => {
    expect(seriesDates({ frequency: "weekly", days: ["TU", "TH"], until: "2026-12-24" }, start)).toEqual([
      "2026-12-08",
      "2026-12-10",
      "2026-12-15",
      "2026-12-17",
      "2026-12-22",
      "2026-12-24",
    ]);
    expect(seriesDates({ frequency: "weekly", days: ["TU"] }, start, { through: "2026-12-31" })).toEqual([
      "2026-12-08",
      "2026-12-15",
      "2026-12-22",
      "2026-12-29",
    ]);
    // A month without a 31st has no date.
    expect(seriesDates({ frequency: "monthly", count: 3 }, { date: "2027-01-31", time: "18:00" })).toEqual(["2027-01-31", "2027-03-31", "2027-05-31"]);
  });

  it("refuses what the form refuses", () => {
    expect(fieldsOf({ frequency: "weekly", days: [] })).toHaveProperty("days");
    expect(fieldsOf({ frequency: "weekly", days: ["TU"], until: "2026-12-07" })).toHaveProperty("until");
    expect(fieldsOf({ frequency: "weekly", days: ["TU"], until: "2027-12-09" })).toHaveProperty("until"); // 12 months and a day
    expect(fieldsOf({ frequency: "weekly", days: ["TU"], until: "2027-12-08" })).toEqual({});
    expect(fieldsOf({ frequency: "weekly", days: ["TU"], count: 1 })).toHaveProperty("count");
    expect(fieldsOf({ frequency: "weekly", days: ["TU"], count: 201 })).toHaveProperty("count");
    expect(fieldsOf({ frequency: "weekly", days: ["TU"], count: 5, until: "2027-01-01" })).toHaveProperty("ends");
    expect(fieldsOf({ frequency: "monthly", monthly: "weekday", count: 200 })).toEqual({});
    // Ends on its first day, a Tuesday, but repeats on Wednesdays only: no date at all.
    expect(fieldsOf({ frequency: "weekly", days: ["WE"], until: "2026-12-08" })).toHaveProperty("days");
  });

  it("starts a series on its first real date", () => {
    // From Friday 11 December, every other Tuesday: the first is 22 December (the 15th is in the skipped week).
    const rule: TRepeatRule = { frequency: "biweekly", days: ["TU"], count: 3 };
    const friday = { date: "2026-12-11", time: "18:00" };
    expect(seriesDates(rule, friday)).toEqual(["2026-12-22", "2027-01-05", "2027-01-19"]);
    const synchronized = synchronizedStart(rule, friday);
    expect(synchronized).toEqual({ date: "2026-12-22", time: "18:00" });
    expect(seriesDates(rule, synchronized!)).toEqual(["2026-12-22", "2027-01-05", "2027-01-19"]);
    expect(synchronizedStart({ frequency: "weekly", days: ["WE"], until: "2026-12-08" }, start)).toBeNull();
  });
});
