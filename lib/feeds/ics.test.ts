import ical from "node-ical";
import { describe, expect, it } from "vitest";
import { expandSeriesIcs } from "./expand-ics.test-support";
import { buildCalendar, escapeIcsText, foldIcsLine, type TIcsOccurrence } from "./ics";

const vevents = (text: string) => Object.values(ical.sync.parseICS(text)).filter((item): item is ical.VEvent => item?.type === "VEVENT");

describe("iCalendar writer", () => {
  const event = {
    uid: "abc@zenbali",
    title: 'Sound Bath; Gongs, Bowls & "Chimes"',
    description: "Line one\nLine two with a very long sentence that will certainly need folding because it is longer than seventy-five octets — ünïcödé",
    startsAt: new Date("2031-03-14T11:30:00Z"),
    endsAt: new Date("2031-03-14T13:00:00Z"),
    location: "Pyramids of Chi, Ubud, Bali",
    url: "https://zenbali.example/events/sound-bath-abc",
    organiser: { name: 'Ketut "Sari"', email: "ketut@example.com" },
    updatedAt: new Date("2031-01-01T00:00:00Z"),
  };

  it("parses back with a real iCalendar parser", () => {
    const text = buildCalendar({ name: "Test", events: [event] });
    const parsed = vevents(text);
    expect(parsed).toHaveLength(1);
    const vevent = parsed[0]!;
    expect(vevent.summary).toBe(event.title);
    expect(vevent.start.toISOString()).toBe("2031-03-14T11:30:00.000Z");
    expect(vevent.end?.toISOString()).toBe("2031-03-14T13:00:00.000Z");
    expect(vevent.description).toContain("Line two");
    expect(vevent.location).toBe(event.location);
  });

  it("escapes text values and folds long lines at 75 octets", () => {
    expect(escapeIcsText("a;b,c\\d\ne")).toBe("a\\;b\\,c\\\\d\\ne");
    const folded = foldIcsLine(`DESCRIPTION:${"ü".repeat(100)}`);
    for (const line of folded.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it("uses CRLF line endings", () => {
    const text = buildCalendar({ name: "Test", events: [] });
    expect(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  // Issue 9, item 10 — examples found by ics.property.test.ts, kept as plain regressions.
  describe("text that could end a line or an event", () => {
    const base = { ...event, uid: "reg@zenbali", organiser: undefined };

    it("writes a bare CR as an escaped line break, so it cannot end the VEVENT in clients that break lines on CR", () => {
      const title = "Yoga\rEND:VEVENT\rBEGIN:VEVENT\rUID:injected@evil\rSUMMARY:Free money\rEND:VEVENT\r";
      const text = buildCalendar({ name: "Test", events: [{ ...base, title }] });
      expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
      expect(text.split(/\r\n|\r|\n/)).toEqual(text.split("\r\n"));
      const parsed = vevents(text);
      expect(parsed.map((item) => item.uid)).toEqual(["reg@zenbali"]);
      expect(parsed[0]!.summary).toBe(title.replace(/\r/g, "\n"));
    });

    it("writes LINE SEPARATOR, PARAGRAPH SEPARATOR and NEL as line breaks (node-ical dropped the whole LOCATION line before)", () => {
      const location = "Ubud\u2028Jalan Raya\u2029Bali\u0085Indonesia";
      const text = buildCalendar({ name: "Test", events: [{ ...base, location }] });
      expect(text).not.toMatch(/[\u0085\u2028\u2029]/);
      expect(vevents(text)[0]!.location).toBe("Ubud\nJalan Raya\nBali\nIndonesia");
    });

    it("removes other control characters (C0 but TAB, DEL, C1) and replaces lone surrogates with U+FFFD", () => {
      expect(escapeIcsText("a\u0000b\u001bc\u007fd\u009be\tf\u000bg\u000ch")).toBe("abcde\tfgh");
      expect(escapeIcsText("x\ud800y\udfffz 🧘")).toBe("x\ufffdy\ufffdz 🧘");
      const text = buildCalendar({ name: "T\u0000\u001b", events: [{ ...base, title: "Sound\u0007 Bath\u007f", description: "\u0000" }] });
      expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
      expect(vevents(text)[0]!.summary).toBe("Sound Bath");
    });

    it("keeps an organiser name with line breaks and quotes on one line", () => {
      const text = buildCalendar({ name: "Test", events: [{ ...base, organiser: { name: 'Ketut\r\n"Sari"\rEND:VEVENT\u2028\u0000' } }] });
      const organizer = text.split("\r\n").find((line) => line.startsWith("ORGANIZER"));
      expect(organizer).toBe('ORGANIZER;CN="Ketut Sari END:VEVENT ":mailto:noreply@zenbali.site');
      expect(vevents(text)).toHaveLength(1);
    });

    it("folds emoji and combining characters without splitting a UTF-8 sequence", () => {
      const title = `${"e\u0301".repeat(30)}${"👩‍👩‍👧".repeat(12)}${"🇮🇩".repeat(20)}`;
      const text = buildCalendar({ name: "Test", events: [{ ...base, title }] });
      for (const line of text.split("\r\n")) {
        expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
        // A fold inside a surrogate pair would leave half an emoji on each line (written as two U+FFFD).
        expect(line).not.toMatch(/\p{Surrogate}/u);
      }
      expect(vevents(text)[0]!.summary).toBe(title);
    });
  });

  it("writes a series as one VEVENT in Bali's time zone, its cancelled dates as EXDATEs, which a calendar app expands", () => {
    const text = buildCalendar({
      name: "Sunrise Flow",
      events: [
        {
          ...event,
          uid: "series-1@zenbali",
          recurrence: { start: "2026-12-08T07:00", rrule: "FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;COUNT=6", durationMinutes: 75, cancelledDates: ["2026-12-10"] },
        },
      ],
    });
    expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Asia/Makassar");
    expect(text).toContain("DTSTART;TZID=Asia/Makassar:20261208T070000\r\nDTEND;TZID=Asia/Makassar:20261208T081500\r\n");
    expect(text).toContain("EXDATE;TZID=Asia/Makassar:20261210T070000");
    const vevent = vevents(text)[0]!;
    const excluded = new Set(Object.values(vevent.exdate ?? {}).map((date) => new Date(date as Date).toISOString()));
    const dates = (vevent.rrule?.all() ?? []).map((date) => date.toISOString()).filter((date) => !excluded.has(date));
    // 07:00 in Bali is 23:00 UTC the day before.
    expect(dates).toEqual([
      "2026-12-07T23:00:00.000Z",
      "2026-12-14T23:00:00.000Z",
      "2026-12-16T23:00:00.000Z",
      "2026-12-21T23:00:00.000Z",
      "2026-12-23T23:00:00.000Z",
    ]);
    expect(vevent.end?.toISOString()).toBe("2026-12-08T00:15:00.000Z");
  });

  describe("a series whose dates were edited", () => {
    // Tuesdays and Thursdays at 07:00 in Bali (23:00 UTC the day before), 75 minutes, six dates from 8 December 2026.
    const occurrence = (date: string, startsAt: string, minutes: number, title = event.title): TIcsOccurrence => ({
      date,
      title,
      description: event.description,
      startsAt: new Date(startsAt),
      endsAt: new Date(Date.parse(startsAt) + minutes * 60_000),
      location: event.location,
      url: `https://zenbali.example/events/sunrise-flow-${date}`,
      updatedAt: new Date("2026-12-01T00:00:00Z"),
    });
    const series = {
      ...event,
      uid: "series-1@zenbali",
      sequence: 29_000_000,
      recurrence: {
        start: "2026-12-08T07:00",
        rrule: "FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;COUNT=6",
        durationMinutes: 75,
        cancelledDates: ["2026-12-10"],
        // Wednesday 9 December: a date the rule does not give (its rule was Tuesdays and Wednesdays before).
        addedDates: ["2026-12-09"],
        overrides: [
          // Moved to 08:00 on its own, and retitled.
          occurrence("2026-12-15", "2026-12-15T00:00:00Z", 75, "Sunrise Flow (on the beach)"),
          // The added Wednesday, at 06:30 for an hour.
          occurrence("2026-12-09", "2026-12-08T22:30:00Z", 60),
        ],
      },
    };
    const text = buildCalendar({ name: "Sunrise Flow", events: [series], now: new Date("2026-12-01T00:00:00Z") });
    const lines = text.split("\r\n");

    it("writes RDATE and EXDATE in DTSTART's form (TZID, Bali clock at the series' time)", () => {
      expect(text).toContain(
        [
          "DTSTART;TZID=Asia/Makassar:20261208T070000",
          "DTEND;TZID=Asia/Makassar:20261208T081500",
          "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;COUNT=6",
          "RDATE;TZID=Asia/Makassar:20261209T070000",
          "EXDATE;TZID=Asia/Makassar:20261210T070000",
        ].join("\r\n"),
      );
    });

    it("writes each override as a VEVENT with the series' UID, a RECURRENCE-ID at the series' time and its own times", () => {
      const blocks = text.split("BEGIN:VEVENT\r\n").slice(1);
      expect(blocks).toHaveLength(3);
      for (const block of blocks) expect(block.startsWith("UID:series-1@zenbali\r\n")).toBe(true);
      expect(blocks[1]).toContain(
        ["RECURRENCE-ID;TZID=Asia/Makassar:20261215T070000", "DTSTART;TZID=Asia/Makassar:20261215T080000", "DTEND;TZID=Asia/Makassar:20261215T091500"].join(
          "\r\n",
        ),
      );
      expect(blocks[1]).toContain("SUMMARY:Sunrise Flow (on the beach)\r\n");
      expect(blocks[1]).toContain("URL:https://zenbali.example/events/sunrise-flow-2026-12-15\r\n");
      expect(blocks[1]).not.toMatch(/RRULE|EXDATE|RDATE/);
      expect(blocks[2]).toContain("RECURRENCE-ID;TZID=Asia/Makassar:20261209T070000\r\nDTSTART;TZID=Asia/Makassar:20261209T063000\r\n");
      // One SEQUENCE for the master and its overrides, so that a calendar app replaces the whole series.
      expect(lines.filter((line) => line.startsWith("SEQUENCE:"))).toEqual(["SEQUENCE:29000000", "SEQUENCE:29000000", "SEQUENCE:29000000"]);
      expect(lines.filter((line) => line.startsWith("STATUS:"))).toEqual(["STATUS:CONFIRMED", "STATUS:CONFIRMED", "STATUS:CONFIRMED"]);
    });

    it("expands, in node-ical, to the dates that take place at their own times", () => {
      const { instances, orphanOverrides } = expandSeriesIcs(text, { from: new Date("2026-12-01T00:00:00Z"), to: new Date("2027-01-31T00:00:00Z") });
      expect(orphanOverrides).toEqual([]);
      expect(instances.map((instance) => [instance.start, instance.end, instance.summary])).toEqual([
        ["2026-12-07T23:00:00.000Z", "2026-12-08T00:15:00.000Z", event.title],
        ["2026-12-08T22:30:00.000Z", "2026-12-08T23:30:00.000Z", event.title],
        // 10 December is cancelled.
        ["2026-12-15T00:00:00.000Z", "2026-12-15T01:15:00.000Z", "Sunrise Flow (on the beach)"],
        ["2026-12-16T23:00:00.000Z", "2026-12-17T00:15:00.000Z", event.title],
        ["2026-12-21T23:00:00.000Z", "2026-12-22T00:15:00.000Z", event.title],
        ["2026-12-23T23:00:00.000Z", "2026-12-24T00:15:00.000Z", event.title],
      ]);
    });

    it("keeps an override's text on one line and its values clean", () => {
      const hostile = buildCalendar({
        name: "x",
        events: [{ ...series, recurrence: { ...series.recurrence, overrides: [occurrence("2026-12-15\r\nX", "2026-12-15T00:00:00Z", 75, "A\rEND:VEVENT")] } }],
      });
      expect(hostile.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
      expect(hostile).toContain("RECURRENCE-ID;TZID=Asia/Makassar:20261215T070000\r\n");
      expect(hostile).toContain("SUMMARY:A\\nEND:VEVENT\r\n");
    });

    it("writes a SEQUENCE within RFC 5545's INTEGER", () => {
      const huge = buildCalendar({ name: "x", events: [{ ...series, sequence: 2 ** 40 }] });
      expect(huge).toContain(`SEQUENCE:${String(2 ** 31 - 1)}\r\n`);
    });
  });

  it("marks a cancelled event CANCELLED with a higher SEQUENCE", () => {
    const confirmed = buildCalendar({ name: "Test", events: [event] });
    const cancelled = buildCalendar({ name: "Test", events: [{ ...event, cancelled: true }] });
    expect(confirmed).toContain("STATUS:CONFIRMED\r\nSEQUENCE:0\r\n");
    expect(cancelled).toContain("STATUS:CANCELLED\r\nSEQUENCE:1\r\n");
    expect(vevents(cancelled)[0]!.status).toBe("CANCELLED");
  });
});
