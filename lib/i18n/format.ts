// No "server-only": see languages.ts.
import {
  BALI_TIME_ZONE,
  formatBaliDate,
  formatBaliDayHeading,
  formatBaliLongDate,
  formatBaliMonth,
  formatBaliShortDay,
  addBaliDays,
  startOfBaliDay,
  toBaliTime,
} from "@/lib/time/bali";
import { formatRupiah, formatUsdCents } from "@/lib/format/money";
import { languageOf, type TLocale } from "./languages";
import { translatorFor } from "./translator";

type TFormats = {
  dayHeading: Intl.DateTimeFormat;
  month: Intl.DateTimeFormat;
  shortDay: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
  longDate: Intl.DateTimeFormat;
  time: Intl.DateTimeFormat;
  dayMonth: Intl.DateTimeFormat;
  weekdayShort: Intl.DateTimeFormat;
  weekdayLong: Intl.DateTimeFormat;
  rupiah: Intl.NumberFormat;
  usdWhole: Intl.NumberFormat;
  usdCents: Intl.NumberFormat;
};

const formats = new Map<TLocale, TFormats>();

/** The Intl formatters of a language, always in Bali time; made once per language. */
function formatsOf(locale: TLocale): TFormats {
  let made = formats.get(locale);
  if (!made) {
    const tag = languageOf(locale).intl;
    const dateTime = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(tag, { timeZone: BALI_TIME_ZONE, ...options });
    made = {
      dayHeading: dateTime({ weekday: "long", day: "numeric", month: "long" }),
      month: dateTime({ month: "long", year: "numeric" }),
      shortDay: dateTime({ day: "numeric", month: "short" }),
      date: dateTime({ weekday: "short", day: "numeric", month: "short", year: "numeric" }),
      longDate: dateTime({ weekday: "long", day: "numeric", month: "long", year: "numeric" }),
      time: dateTime({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
      dayMonth: dateTime({ day: "numeric", month: "long" }),
      weekdayShort: dateTime({ weekday: "short" }),
      weekdayLong: dateTime({ weekday: "long" }),
      rupiah: new Intl.NumberFormat(tag, {
        style: "currency",
        currency: "IDR",
        currencyDisplay: "narrowSymbol",
        maximumFractionDigits: 0,
        minimumFractionDigits: 0,
      }),
      usdWhole: new Intl.NumberFormat(tag, { style: "currency", currency: "USD", currencyDisplay: "code", maximumFractionDigits: 0 }),
      usdCents: new Intl.NumberFormat(tag, { style: "currency", currency: "USD", currencyDisplay: "code", minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    };
    formats.set(locale, made);
  }
  return made;
}

/**
 * Dates, times and prices in a language, in Bali time. English keeps the forms the site has always shown
 * ("Tuesday 8 December", "Rp 150.000"); Indonesian and Russian are Intl's ("Selasa, 8 Desember",
 * "вторник, 8 декабря", "Rp 150.000", "150 000 Rp"). Rupiah never have decimals.
 */
function makeFormatter(locale: TLocale) {
  const f = formatsOf(locale);
  const english = locale === "en";
  const dayMonth = (baliDate: string) => f.dayMonth.format(startOfBaliDay(baliDate));
  // English keeps the site's own functions, so its pages read exactly as before languages came.
  const date = english ? formatBaliDate : (instant: Date) => f.date.format(instant);
  const time = english ? toBaliTime : (instant: Date) => f.time.format(instant);
  return {
    /** "Tuesday 8 December" · "Selasa, 8 Desember" · "вторник, 8 декабря": the agenda's day headings. */
    dayHeading: english ? formatBaliDayHeading : (baliDate: string) => f.dayHeading.format(startOfBaliDay(baliDate)),
    /** "8 Dec" · "8 Des" · "8 дек.". */
    shortDay: english ? formatBaliShortDay : (baliDate: string) => f.shortDay.format(startOfBaliDay(baliDate)),
    /** "Tue, 8 Dec 2026" · "Sel, 8 Des 2026" · "вт, 8 дек. 2026 г.". */
    date,
    /** "Tuesday, 8 December 2026" · "Selasa, 8 Desember 2026" · "вторник, 8 декабря 2026 г.". */
    longDate: english ? formatBaliLongDate : (instant: Date) => f.longDate.format(instant),
    /** "19:30" · "19.30" · "19:30". */
    time,
    /** "Tue, 8 Dec 2026 · 19:30". */
    dateTime: (instant: Date) => `${date(instant)} · ${time(instant)}`,
    /** A month as a heading: "December 2026" · "Desember 2026" · "Декабрь 2026 г.". */
    monthHeading: (baliDate: string) => {
      const text = english ? formatBaliMonth(baliDate) : f.month.format(startOfBaliDay(baliDate));
      return capitalized(locale, text);
    },
    /**
     * The Monday a week starts on, in "Week of …": "Monday 7 December" · "Senin, 7 Desember" · "7 декабря" (Russian
     * says "Неделя с 7 декабря": a weekday there would need another case).
     */
    weekStart: (baliDate: string) =>
      locale === "ru" ? dayMonth(baliDate) : english ? formatBaliDayHeading(baliDate) : f.dayHeading.format(startOfBaliDay(baliDate)),
    /** "7 – 13 December 2026", "30 November – 6 December 2026", "28 December 2026 – 3 January 2027" (in the language). */
    weekRange: (monday: string) => {
      const sunday = addBaliDays(monday, 6);
      const [firstYear, lastYear] = [monday.slice(0, 4), sunday.slice(0, 4)];
      const last = `${dayMonth(sunday)} ${lastYear}`;
      if (monday.slice(0, 7) === sunday.slice(0, 7)) return `${String(Number(monday.slice(8)))} – ${last}`;
      return firstYear === lastYear ? `${dayMonth(monday)} – ${last}` : `${dayMonth(monday)} ${firstYear} – ${last}`;
    },
    /** Monday to Sunday: "Mon" and "Monday" · "Sen" and "Senin" · "пн" and "понедельник". */
    weekdays: () =>
      // 7 to 13 December 2026 is a Monday to a Sunday.
      Array.from({ length: 7 }, (_, index) => {
        const day = startOfBaliDay(`2026-12-${String(7 + index).padStart(2, "0")}`);
        return { short: f.weekdayShort.format(day), long: f.weekdayLong.format(day) };
      }),
    /** "Rp 150.000", or the language's word for free at zero. */
    rupiah: (amountIdr: number) => {
      if (amountIdr === 0) return translatorFor(locale)("card.free");
      return english ? formatRupiah(amountIdr) : f.rupiah.format(amountIdr);
    },
    /** The posting fee and payments, from cents: "USD 3" · "USD 3" · "3 USD"; "USD 3.50" · "USD 3,50" · "3,50 USD". */
    usd: (cents: number) => (english ? formatUsdCents(cents) : (cents % 100 === 0 ? f.usdWhole : f.usdCents).format(cents / 100)),
    /** The same number without the currency, under a heading that names it: "3.50" · "3,50" · "3,50". */
    usdAmount: (cents: number) =>
      english
        ? formatUsdCents(cents).replace("USD ", "")
        : (cents % 100 === 0 ? f.usdWhole : f.usdCents)
            .formatToParts(cents / 100)
            .filter((part) => part.type !== "currency")
            .map((part) => part.value)
            .join("")
            .trim(),
    /** "2 hours 30 minutes" · "2 jam 30 menit" · "2 часа 30 минут". */
    duration: (totalMinutes: number) => {
      const t = translatorFor(locale);
      const days = Math.floor(totalMinutes / 1440);
      const hours = Math.floor((totalMinutes % 1440) / 60);
      const minutes = totalMinutes % 60;
      const parts: string[] = [];
      if (days) parts.push(t("duration.days", { count: days }));
      if (hours) parts.push(t("duration.hours", { count: hours }));
      if (minutes || parts.length === 0) parts.push(t("duration.minutes", { count: minutes }));
      return parts.join(" ");
    },
  };
}

/** A word or phrase as a label or heading starts, with a capital in the language's rules: "декабрь" → "Декабрь". */
export function capitalized(locale: TLocale, text: string): string {
  return text.charAt(0).toLocaleUpperCase(languageOf(locale).intl) + text.slice(1);
}

const formatters = new Map<TLocale, ReturnType<typeof makeFormatter>>();

/** The formatter of a language (see makeFormatter), made once per language: a page asks for it once per card. */
export function formatterFor(locale: TLocale): ReturnType<typeof makeFormatter> {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = makeFormatter(locale);
    formatters.set(locale, formatter);
  }
  return formatter;
}
