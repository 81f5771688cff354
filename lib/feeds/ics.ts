/**
 * iCalendar (RFC 5545) writer for events. Times are written in UTC (with Z),
 * which every calendar converts to the reader's zone; X-WR-TIMEZONE tells
 * calendar apps that the feed is about Bali. A recurring series is written in
 * Bali's time zone (TZID=Asia/Makassar, with its VTIMEZONE), as RFC 5545 wants
 * a recurrence: see TIcsRecurrence.
 */
export type TIcsEvent = {
  uid: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  url: string;
  organiser?: { name: string; email?: string };
  updatedAt: Date;
  cancelled?: boolean;
  /** The version calendar apps compare (RFC 5545 SEQUENCE). Default: 0, or 1 for a cancelled event on its own. */
  sequence?: number;
  /** A recurring series (written as RFC 5545 describes it): see TIcsRecurrence. */
  recurrence?: TIcsRecurrence;
};

/**
 * A recurring series as one master VEVENT and its overrides, all in Bali's time zone (a VTIMEZONE is added):
 * DTSTART at `start` ("2026-12-08T07:00", a Bali clock), DTEND `durationMinutes` later, the RRULE, an EXDATE per
 * date of the rule that does not take place, an RDATE per date the rule does not give but that takes place, and an
 * override VEVENT (same UID, RECURRENCE-ID) per date that differs from what the master gives it. EXDATE, RDATE and
 * RECURRENCE-ID values are Bali dates at the start's time, the same form as DTSTART (RFC 5545 §3.8.5.1).
 */
export type TIcsRecurrence = {
  start: string;
  rrule: string;
  durationMinutes: number;
  /** Bali dates (EXDATE). */
  cancelledDates: string[];
  /** Bali dates (RDATE): dates that take place though the rule does not give them. */
  addedDates?: string[];
  overrides?: TIcsOccurrence[];
};

/** One date of a series that differs from the master: identified by `date` (its RECURRENCE-ID at the series' time). */
export type TIcsOccurrence = {
  date: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  url: string;
  organiser?: { name: string; email?: string };
  updatedAt: Date;
};

/** Bali keeps UTC+8 all year: one STANDARD component says so to every calendar app. */
const BALI_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Asia/Makassar",
  "X-LIC-LOCATION:Asia/Makassar",
  "BEGIN:STANDARD",
  "DTSTART:19700101T000000",
  "TZOFFSETFROM:+0800",
  "TZOFFSETTO:+0800",
  "TZNAME:WITA",
  "END:STANDARD",
  "END:VTIMEZONE",
];

/** "2026-12-08T07:00" (a Bali clock) → "20261208T070000" for a TZID=Asia/Makassar value. */
function baliLocal(value: string): string {
  return `${value.replace(/[-:]/g, "").slice(0, 13)}00`;
}

/** A Bali clock `minutes` later ("2026-12-08T07:00" + 75 → "2026-12-08T08:15"), with no offset to mind: Bali has no DST. */
function addMinutesToBaliClock(value: string, minutes: number): string {
  return new Date(Date.parse(`${value}:00Z`) + minutes * 60_000).toISOString().slice(0, 16);
}

/** An instant on a Bali clock, to the second, for a TZID=Asia/Makassar value: "20261208T070000". */
function baliLocalOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace(/[-:]/g, "");
}

/** A Bali date (from our own columns) at a Bali time: "2026-12-08", "07:00" → "20261208T070000". */
function baliDateAt(date: string, time: string): string {
  return baliLocal(`${date.replace(/[^0-9-]/g, "").slice(0, 10)}T${time}`);
}

function formatUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** Lone surrogates cannot be written in UTF-8: U+FFFD instead (what an encoder would write, but explicit, so line lengths are right). */
const LONE_SURROGATE = /\p{Surrogate}/gu;
/**
 * Every line break some client honours: CRLF, CR and LF (RFC 5545 readers
 * differ on bare CR), NEL (U+0085) and the Unicode LINE / PARAGRAPH
 * SEPARATORs (JavaScript regular expressions, which many iCalendar readers
 * are built on, treat U+2028/2029 as line terminators: node-ical drops a
 * whole line that holds one). Each becomes one "\n", so the text keeps its
 * lines and no value can end a content line.
 */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;
/** Control characters RFC 5545 allows nowhere in TEXT or parameter values: C0 except TAB, DEL and C1. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** What may never appear in a URI or UID value: controls, white space, line separators, lone surrogates. */
const NOT_IN_URI = /[\u0000-\u0020\u007F-\u009F\u2028\u2029]|\p{Surrogate}/gu;

/** Text as a calendar can hold it: lone surrogates → U+FFFD, every line break → "\n", other control characters (except TAB) removed. */
function cleanIcsText(value: string): string {
  return value.replace(LONE_SURROGATE, "\uFFFD").replace(LINE_BREAK, "\n").replace(CONTROL, "");
}

/** A TEXT value (RFC 5545 §3.3.11): cleaned (see cleanIcsText), then backslash, semicolon and comma escaped and line breaks written as "\n". */
export function escapeIcsText(value: string): string {
  return cleanIcsText(value)
    .replace(/[\\;,]/g, "\\$&")
    .replace(/\n/g, "\\n");
}

/** A URI or UID value: nothing that could end the line or the value (our URIs are already encoded; this is a guard). */
function icsUri(value: string): string {
  return value.replace(NOT_IN_URI, "");
}

/** Folds a content line at 75 octets (continuation lines start with a space), never splitting a UTF-8 character. */
export function foldIcsLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const pieces: string[] = [];
  let current = "";
  let currentBytes = 0;
  for (const character of line) {
    const bytes = encoder.encode(character).length;
    const limit = pieces.length === 0 ? 75 : 74;
    if (currentBytes + bytes > limit) {
      pieces.push(current);
      current = "";
      currentBytes = 0;
    }
    current += character;
    currentBytes += bytes;
  }
  pieces.push(current);
  return pieces.join("\r\n ");
}

/** A quoted parameter value (e.g. CN): cleaned like text, line breaks become spaces, double quotes (which cannot be escaped there) are removed. */
function quoteParam(value: string): string {
  return `"${cleanIcsText(value).replace(/\n/g, " ").replace(/"/g, "")}"`;
}

/** What a VEVENT says of an event or of one date of a series, after its times. */
function describedLines(
  event: Pick<TIcsEvent, "title" | "description" | "location" | "url" | "organiser" | "updatedAt">,
  { cancelled, sequence }: { cancelled: boolean; sequence: number },
): string[] {
  const lines = [
    `LAST-MODIFIED:${formatUtc(event.updatedAt)}`,
    `SUMMARY:${escapeIcsText(event.title)}`,
    `DESCRIPTION:${escapeIcsText(`${event.description}\n\n${event.url}`)}`,
    `LOCATION:${escapeIcsText(event.location)}`,
    `URL:${icsUri(event.url)}`,
    `STATUS:${cancelled ? "CANCELLED" : "CONFIRMED"}`,
    `SEQUENCE:${String(Math.max(0, Math.min(2 ** 31 - 1, Math.trunc(sequence))))}`,
  ];
  if (event.organiser) {
    const mail = event.organiser.email ? `mailto:${event.organiser.email}` : "mailto:noreply@zenbali.site";
    lines.push(`ORGANIZER;CN=${quoteParam(event.organiser.name)}:${icsUri(mail)}`);
  }
  return lines;
}

export function buildCalendar({ name, events, now = new Date() }: { name: string; events: TIcsEvent[]; now?: Date }): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Zen Bali//Events in Bali//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeIcsText(name)}`,
    "X-WR-TIMEZONE:Asia/Makassar",
  ];
  if (events.some((event) => event.recurrence)) lines.push(...BALI_VTIMEZONE);
  for (const event of events) {
    const recurrence = event.recurrence;
    // A cancellation is a newer version of the event: calendar apps take it over the copy they hold.
    const sequence = event.sequence ?? (event.cancelled && !recurrence ? 1 : 0);
    // EXDATE, RDATE and RECURRENCE-ID are at the series' time, like its DTSTART.
    const time = recurrence?.start.slice(11, 16) ?? "";
    lines.push("BEGIN:VEVENT", `UID:${icsUri(event.uid)}`, `DTSTAMP:${formatUtc(now)}`);
    if (recurrence) {
      lines.push(
        `DTSTART;TZID=Asia/Makassar:${baliLocal(recurrence.start)}`,
        `DTEND;TZID=Asia/Makassar:${baliLocal(addMinutesToBaliClock(recurrence.start, recurrence.durationMinutes))}`,
        `RRULE:${recurrence.rrule.replace(/[^A-Z0-9=;,-]/g, "")}`,
        ...(recurrence.addedDates ?? []).map((date) => `RDATE;TZID=Asia/Makassar:${baliDateAt(date, time)}`),
        ...recurrence.cancelledDates.map((date) => `EXDATE;TZID=Asia/Makassar:${baliDateAt(date, time)}`),
      );
    } else {
      lines.push(`DTSTART:${formatUtc(event.startsAt)}`, `DTEND:${formatUtc(event.endsAt)}`);
    }
    // A series is confirmed as a whole; its cancelled dates are its EXDATEs.
    lines.push(...describedLines(event, { cancelled: Boolean(event.cancelled && !recurrence), sequence }), "END:VEVENT");
    for (const occurrence of recurrence?.overrides ?? []) {
      lines.push(
        "BEGIN:VEVENT",
        `UID:${icsUri(event.uid)}`,
        `DTSTAMP:${formatUtc(now)}`,
        `RECURRENCE-ID;TZID=Asia/Makassar:${baliDateAt(occurrence.date, time)}`,
        `DTSTART;TZID=Asia/Makassar:${baliLocalOf(occurrence.startsAt)}`,
        `DTEND;TZID=Asia/Makassar:${baliLocalOf(occurrence.endsAt)}`,
        ...describedLines(occurrence, { cancelled: false, sequence }),
        "END:VEVENT",
      );
    }
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldIcsLine).join("\r\n")}\r\n`;
}
