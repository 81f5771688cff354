import { describe, expect, it } from "vitest";
import { fromBaliDateTime } from "@/lib/time/bali";
import { formatterFor } from "./format";

// Intl puts no-break spaces (U+00A0, and U+202F in some forms) where a reader sees a space.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");
// Tuesday 8 December 2026, 07:00 in Bali (23:00 on Monday in UTC).
const morning = fromBaliDateTime("2026-12-08", "07:00");

describe("formatting per language, in Bali time", () => {
  it("writes dates as each language does, on the Bali day", () => {
    expect(formatterFor("en").longDate(morning)).toBe("Tuesday, 8 December 2026");
    expect(formatterFor("id").longDate(morning)).toBe("Selasa, 8 Desember 2026");
    expect(plain(formatterFor("ru").longDate(morning))).toBe("вторник, 8 декабря 2026 г.");
    expect(formatterFor("en").dayHeading("2026-12-08")).toBe("Tuesday 8 December");
    expect(formatterFor("id").dayHeading("2026-12-08")).toBe("Selasa, 8 Desember");
    expect(formatterFor("ru").dayHeading("2026-12-08")).toBe("вторник, 8 декабря");
    expect(formatterFor("en").monthHeading("2026-12-01")).toBe("December 2026");
    expect(formatterFor("id").monthHeading("2026-12-01")).toBe("Desember 2026");
  });

  it("writes a week's range, its first day and the weekdays of the month grid in the language", () => {
    expect(formatterFor("en").weekRange("2026-12-07")).toBe("7 – 13 December 2026");
    expect(formatterFor("en").weekRange("2026-11-30")).toBe("30 November – 6 December 2026");
    expect(formatterFor("en").weekRange("2026-12-28")).toBe("28 December 2026 – 3 January 2027");
    expect(formatterFor("id").weekRange("2026-12-07")).toBe("7 – 13 Desember 2026");
    expect(formatterFor("ru").weekRange("2026-11-30")).toBe("30 ноября – 6 декабря 2026");
    expect(formatterFor("en").weekStart("2026-12-07")).toBe("Monday 7 December");
    expect(formatterFor("ru").weekStart("2026-12-07")).toBe("7 декабря");
    expect(
      formatterFor("en")
        .weekdays()
        .map((day) => day.short),
    ).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(formatterFor("id").weekdays()[0]).toEqual({ short: "Sen", long: "Senin" });
    expect(formatterFor("ru").weekdays()[6]).toEqual({ short: "вс", long: "воскресенье" });
    expect(plain(formatterFor("ru").monthHeading("2026-12-01"))).toBe("Декабрь 2026 г.");
  });

  it("writes times with the language's separator", () => {
    expect(formatterFor("en").time(morning)).toBe("07:00");
    expect(formatterFor("id").time(morning)).toBe("07.00");
    expect(formatterFor("ru").time(morning)).toBe("07:00");
  });

  it("writes US dollars (the posting fee) in each language's order and separators; English as it always was", () => {
    expect(["en", "id", "ru"].map((locale) => plain(formatterFor(locale as "en").usd(300)))).toEqual(["USD 3", "USD 3", "3 USD"]);
    expect(["en", "id", "ru"].map((locale) => plain(formatterFor(locale as "en").usd(123_450)))).toEqual(["USD 1234.50", "USD 1.234,50", "1 234,50 USD"]);
    expect(["en", "id", "ru"].map((locale) => plain(formatterFor(locale as "en").usdAmount(350)))).toEqual(["3.50", "3,50", "3,50"]);
    expect(["en", "id", "ru"].map((locale) => plain(formatterFor(locale as "en").usdAmount(900)))).toEqual(["9", "9", "9"]);
  });

  it("writes rupiah without decimals, and the language's word for free", () => {
    expect(formatterFor("en").rupiah(150_000)).toBe("Rp 150.000");
    expect(plain(formatterFor("id").rupiah(150_000))).toBe("Rp 150.000");
    expect(plain(formatterFor("ru").rupiah(150_000))).toBe("150 000 Rp");
    expect([formatterFor("en").rupiah(0), formatterFor("id").rupiah(0), formatterFor("ru").rupiah(0)]).toEqual(["Free", "Gratis", "Бесплатно"]);
  });

  it("writes durations with each language's plural forms", () => {
    expect(formatterFor("en").duration(150)).toBe("2 hours 30 minutes");
    expect(formatterFor("id").duration(150)).toBe("2 jam 30 menit");
    expect(formatterFor("ru").duration(150)).toBe("2 часа 30 минут");
    expect(formatterFor("ru").duration(1440 + 60 + 1)).toBe("1 день 1 час 1 минута");
    expect(formatterFor("ru").duration(5 * 1440)).toBe("5 дней");
  });
});
