import { describe, expect, it } from "vitest";
import { describeRepeat, monthDayWords, monthWeekdayWords } from "./repeat-words";
import { repeatSummary } from "./repeat-form";

const start = { date: "2026-12-08", time: "07:00" };

describe("a series' rule in words, in the site's languages", () => {
  it("stays as it was in English, the default", () => {
    expect(describeRepeat({ frequency: "weekly", days: ["TU", "TH"] }, start)).toBe("Every Tue and Thu");
    expect(describeRepeat({ frequency: "weekly", days: ["TU", "TH"] }, start, { locale: "en" })).toBe("Every Tue and Thu");
    expect(monthDayWords("2026-12-15")).toBe("the 15th");
    expect(monthWeekdayWords("2026-12-12")).toBe("2nd Saturday");
  });

  it("speaks Indonesian", () => {
    const locale = "id";
    expect(describeRepeat({ frequency: "weekly", days: ["TH", "TU"] }, start, { locale })).toBe("Setiap Selasa dan Kamis");
    expect(describeRepeat({ frequency: "weekly", days: ["MO", "WE", "FR"], count: 10 }, start, { full: true, locale })).toBe(
      "Setiap Senin, Rabu, dan Jumat pukul 07.00, 10 tanggal",
    );
    expect(describeRepeat({ frequency: "weekly", days: ["TU", "TH"], until: "2027-03-31" }, start, { full: true, locale })).toBe(
      "Setiap Selasa dan Kamis pukul 07.00 sampai 31 Mar 2027",
    );
    expect(describeRepeat({ frequency: "biweekly", days: ["SU"] }, start, { locale })).toBe("Setiap 2 minggu pada hari Minggu");
    expect(describeRepeat({ frequency: "monthly", monthly: "date" }, { date: "2026-12-15", time: "10:00" }, { locale })).toBe("Setiap bulan pada tanggal 15");
    expect(describeRepeat({ frequency: "monthly", monthly: "weekday" }, { date: "2026-12-12", time: "10:00" }, { locale })).toBe(
      "Setiap bulan pada hari Sabtu ke-2",
    );
    expect(describeRepeat({ frequency: "monthly", monthly: "weekday" }, { date: "2026-12-29", time: "10:00" }, { locale })).toBe(
      "Setiap bulan pada hari Selasa terakhir",
    );
  });

  it("speaks Russian, with the weekdays' cases and genders", () => {
    const locale = "ru";
    expect(describeRepeat({ frequency: "weekly", days: ["TH", "TU"] }, start, { locale })).toBe("По вторникам и четвергам");
    expect(describeRepeat({ frequency: "weekly", days: ["TU", "TH"], until: "2027-03-31" }, start, { full: true, locale })).toBe(
      "По вторникам и четвергам в 07:00 до 31 мар. 2027 г.",
    );
    expect(describeRepeat({ frequency: "weekly", days: ["MO", "WE", "FR"], count: 10 }, start, { full: true, locale })).toBe(
      "По понедельникам, средам и пятницам в 07:00, 10 дат",
    );
    expect(describeRepeat({ frequency: "weekly", days: ["SU"], count: 2 }, start, { full: true, locale })).toBe("По воскресеньям в 07:00, 2 даты");
    expect(describeRepeat({ frequency: "biweekly", days: ["SU"] }, start, { locale })).toBe("Раз в 2 недели по воскресеньям");
    expect(describeRepeat({ frequency: "monthly", monthly: "date" }, { date: "2026-12-15", time: "10:00" }, { locale })).toBe("Каждый месяц 15-го числа");
    expect(describeRepeat({ frequency: "monthly", monthly: "weekday" }, { date: "2026-12-12", time: "10:00" }, { locale })).toBe(
      "Каждый месяц во вторую субботу",
    );
    expect(describeRepeat({ frequency: "monthly", monthly: "weekday" }, { date: "2026-12-29", time: "10:00" }, { locale })).toBe(
      "Каждый месяц в последний вторник",
    );
    expect(monthWeekdayWords("2026-12-06", locale)).toBe("в первое воскресенье");
    expect(monthWeekdayWords("2026-12-16", locale)).toBe("в третью среду");
  });

  it("reads the form back in the page's language", () => {
    const values = { repeat: "weekly", days: "TU,TH", ends: "after", count: "21" };
    expect(repeatSummary(values, start)).toBe("Every Tue and Thu at 07:00, 21 dates");
    expect(repeatSummary(values, start, "ru")).toBe("По вторникам и четвергам в 07:00, 21 дата");
    expect(repeatSummary(values, start, "id")).toBe("Setiap Selasa dan Kamis pukul 07.00, 21 tanggal");
  });
});
