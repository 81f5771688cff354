import ical from "node-ical";
import { describe, expect, it } from "vitest";
import { buildCalendar, escapeIcsText, foldIcsLine } from "./ics";

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

  it("marks a cancelled event CANCELLED with a higher SEQUENCE", () => {
    const confirmed = buildCalendar({ name: "Test", events: [event] });
    const cancelled = buildCalendar({ name: "Test", events: [{ ...event, cancelled: true }] });
    expect(confirmed).toContain("STATUS:CONFIRMED\r\nSEQUENCE:0\r\n");
    expect(cancelled).toContain("STATUS:CANCELLED\r\nSEQUENCE:1\r\n");
    expect(vevents(cancelled)[0]!.status).toBe("CANCELLED");
  });
});
