import type { TLocale } from "@/lib/i18n/languages";
import { BALI_TIME_ZONE, baliWeekday, formatBaliDate, startOfBaliDay } from "@/lib/time/bali";

/**
 * A series' rule and its words, without the RFC 5545 engine (lib/series/repeat-rule.ts): the creator's form reads
 * its summary back with these in the browser, so nothing here may pull rrule-temporal into the page's JavaScript.
 */

export const WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type TWeekday = (typeof WEEKDAY_CODES)[number];
const WEEKDAY_NAMES: Record<TWeekday, { short: string; long: string }> = {
  MO: { short: "Mon", long: "Monday" },
  TU: { short: "Tue", long: "Tuesday" },
  WE: { short: "Wed", long: "Wednesday" },
  TH: { short: "Thu", long: "Thursday" },
  FR: { short: "Fri", long: "Friday" },
  SA: { short: "Sat", long: "Saturday" },
  SU: { short: "Sun", long: "Sunday" },
};

export type TRepeatFrequency = "weekly" | "biweekly" | "monthly";

/** A series' rule. `until` (a Bali date, inclusive) or `count`, or neither: it runs on ("Never"). */
export type TRepeatRule = {
  frequency: TRepeatFrequency;
  /** Weekly and fortnightly: the weekdays, at least one. */
  days?: TWeekday[];
  /** Monthly: on the start's day of the month ("date") or on its weekday, e.g. the 2nd Saturday ("weekday"). */
  monthly?: "date" | "weekday";
  until?: string;
  count?: number;
};

/** When the first date is: a Bali date and a Bali wall-clock time. */
export type TSeriesStart = { date: string; time: string };

export const SERIES_LIMITS = { countMin: 2, countMax: 200, untilMonthsMax: 12, rollingWeeks: 12 } as const;

/** The weekday code of a Bali date. */
export function weekdayOf(baliDate: string): TWeekday {
  return WEEKDAY_CODES[(baliWeekday(baliDate) + 6) % 7] ?? "MO";
}

/** The position of a Bali date's weekday in its month: 1 to 4, or -1 for a date in the month's last seven days past the 4th. */
export function weekdayPosition(baliDate: string): number {
  const day = Number(baliDate.slice(8));
  const position = Math.ceil(day / 7);
  return position >= 5 ? -1 : position;
}

export function sortedDays(days: readonly TWeekday[]): TWeekday[] {
  return WEEKDAY_CODES.filter((code) => days.includes(code));
}

/** "Tue and Thu", "Mon, Wed and Fri". */
function listOfDays(days: readonly TWeekday[], form: "short" | "long"): string {
  const names = sortedDays(days).map((code) => WEEKDAY_NAMES[code][form]);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;
}

function ordinal(value: number): string {
  const tens = value % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[value % 10] ?? "th");
  return `${String(value)}${suffix}`;
}

/**
 * The words of the other languages. They live here, not in the catalogues, because the form reads the rule back in
 * the browser, where the catalogues are not sent (decision 013).
 */
type TLanguageWords = {
  weekly: (days: readonly TWeekday[]) => string;
  biweekly: (days: readonly TWeekday[]) => string;
  /** After "every month": "tanggal 15", "15-го числа". */
  monthDay: (day: number) => string;
  /** "Sabtu ke-2", "во вторую субботу"; position -1 is the last. */
  monthWeekday: (position: number, day: TWeekday) => string;
  monthly: (words: string) => string;
  at: (time: string) => string;
  until: (date: string) => string;
  count: (count: number) => string;
};

/** "A dan B", "A, B, dan C" (Indonesian's serial comma: `comma`), "A и B", "A, B и C". */
const joinWith = (word: string, comma: string) => (names: string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")}${names.length > 2 ? comma : ""} ${word} ${names.at(-1) ?? ""}`;

const INDONESIAN_DAYS: Record<TWeekday, string> = { MO: "Senin", TU: "Selasa", WE: "Rabu", TH: "Kamis", FR: "Jumat", SA: "Sabtu", SU: "Minggu" };

/** Russian weekdays: the dative plural ("по вторникам"), the accusative ("во вторую субботу") and the gender. */
const RUSSIAN_DAYS: Record<TWeekday, { dative: string; accusative: string; gender: "m" | "f" | "n" }> = {
  MO: { dative: "понедельникам", accusative: "понедельник", gender: "m" },
  TU: { dative: "вторникам", accusative: "вторник", gender: "m" },
  WE: { dative: "средам", accusative: "среду", gender: "f" },
  TH: { dative: "четвергам", accusative: "четверг", gender: "m" },
  FR: { dative: "пятницам", accusative: "пятницу", gender: "f" },
  SA: { dative: "субботам", accusative: "субботу", gender: "f" },
  SU: { dative: "воскресеньям", accusative: "воскресенье", gender: "n" },
};

/** "первый/первую/первое" … "четвёртый", and "последний" (position -1), in the accusative, by gender. */
const RUSSIAN_LAST = { m: "последний", f: "последнюю", n: "последнее" };
const RUSSIAN_ORDINALS: Record<number, Record<"m" | "f" | "n", string>> = {
  1: { m: "первый", f: "первую", n: "первое" },
  2: { m: "второй", f: "вторую", n: "второе" },
  3: { m: "третий", f: "третью", n: "третье" },
  4: { m: "четвёртый", f: "четвёртую", n: "четвёртое" },
};

function formatUntil(tag: string, date: string): string {
  return new Intl.DateTimeFormat(tag, { timeZone: BALI_TIME_ZONE, day: "numeric", month: "short", year: "numeric" }).format(startOfBaliDay(date));
}

const indonesianDays = (days: readonly TWeekday[]) => joinWith("dan", ",")(sortedDays(days).map((code) => INDONESIAN_DAYS[code]));
const russianDays = (days: readonly TWeekday[]) => joinWith("и", "")(sortedDays(days).map((code) => RUSSIAN_DAYS[code].dative));
const russianDates = new Intl.PluralRules("ru-RU");

// Partial: a language added to the site without its repeat words says them in English until someone writes them.
const WORDS: Partial<Record<TLocale, TLanguageWords>> = {
  id: {
    weekly: (days) => `Setiap ${indonesianDays(days)}`,
    biweekly: (days) => `Setiap 2 minggu pada hari ${indonesianDays(days)}`,
    monthDay: (day) => `tanggal ${String(day)}`,
    monthWeekday: (position, day) => `hari ${INDONESIAN_DAYS[day]} ${position === -1 ? "terakhir" : `ke-${String(position)}`}`,
    monthly: (words) => `Setiap bulan pada ${words}`,
    at: (time) => `pukul ${time.replace(":", ".")}`,
    until: (date) => `sampai ${formatUntil("id-ID", date)}`,
    count: (count) => `${String(count)} tanggal`,
  },
  ru: {
    weekly: (days) => `По ${russianDays(days)}`,
    biweekly: (days) => `Раз в 2 недели по ${russianDays(days)}`,
    monthDay: (day) => `${String(day)}-го числа`,
    monthWeekday: (position, day) => {
      const ordinalWord = (RUSSIAN_ORDINALS[position] ?? RUSSIAN_LAST)[RUSSIAN_DAYS[day].gender];
      return `${position === 2 ? "во" : "в"} ${ordinalWord} ${RUSSIAN_DAYS[day].accusative}`;
    },
    monthly: (words) => `Каждый месяц ${words}`,
    at: (time) => `в ${time}`,
    until: (date) => `до ${formatUntil("ru-RU", date)}`,
    count: (count) => {
      const form = russianDates.select(count);
      return `${String(count)} ${form === "one" ? "дата" : form === "few" ? "даты" : "дат"}`;
    },
  },
};

/**
 * The day of the month a monthly series falls on, as the form's "on the same date" shows it: "the 15th" ·
 * "tanggal 15" · "15-го числа".
 */
export function monthDayWords(baliDate: string, locale: TLocale = "en"): string {
  const day = Number(baliDate.slice(8));
  const words = WORDS[locale];
  return words ? words.monthDay(day) : `the ${ordinal(day)}`;
}

/** The weekday a monthly series falls on, as "on the same weekday" shows it: "2nd Saturday" · "hari Sabtu ke-2" · "во вторую субботу". */
export function monthWeekdayWords(baliDate: string, locale: TLocale = "en"): string {
  const position = weekdayPosition(baliDate);
  const day = weekdayOf(baliDate);
  const words = WORDS[locale];
  return words ? words.monthWeekday(position, day) : `${position === -1 ? "last" : ordinal(position)} ${WEEKDAY_NAMES[day].long}`;
}

/**
 * The rule in words. Short (a card): "Every Tue and Thu", "Every 2 weeks on Sun", "Every month on the 2nd
 * Saturday" · "Setiap Selasa dan Kamis" · "По вторникам и четвергам". Full (the form's read-back and the event
 * page): with the time and the end, "Every Tue and Thu at 07:00 until 31 Mar 2027". English by default.
 */
export function describeRepeat(rule: TRepeatRule, start: TSeriesStart, { full = false, locale = "en" }: { full?: boolean; locale?: TLocale } = {}): string {
  const languageWords = WORDS[locale];
  if (languageWords) return describeIn(languageWords, rule, start, full);
  let words: string;
  if (rule.frequency === "monthly") {
    words = rule.monthly === "weekday" ? `Every month on the ${monthWeekdayWords(start.date)}` : `Every month on the ${ordinal(Number(start.date.slice(8)))}`;
  } else {
    const days = listOfDays(rule.days ?? [weekdayOf(start.date)], "short");
    words = rule.frequency === "biweekly" ? `Every 2 weeks on ${days}` : `Every ${days}`;
  }
  if (!full) return words;
  words += ` at ${start.time}`;
  if (rule.until) words += ` until ${formatBaliDate(startOfBaliDay(rule.until)).replace(/^\w+, /, "")}`;
  if (rule.count) words += `, ${String(rule.count)} dates`;
  return words;
}

function describeIn(language: TLanguageWords, rule: TRepeatRule, start: TSeriesStart, full: boolean): string {
  let words: string;
  if (rule.frequency === "monthly") {
    const day = Number(start.date.slice(8));
    words = language.monthly(rule.monthly === "weekday" ? language.monthWeekday(weekdayPosition(start.date), weekdayOf(start.date)) : language.monthDay(day));
  } else {
    const days = rule.days ?? [weekdayOf(start.date)];
    words = rule.frequency === "biweekly" ? language.biweekly(days) : language.weekly(days);
  }
  if (!full) return words;
  words += ` ${language.at(start.time)}`;
  if (rule.until) words += ` ${language.until(rule.until)}`;
  if (rule.count) words += `, ${language.count(rule.count)}`;
  return words;
}
