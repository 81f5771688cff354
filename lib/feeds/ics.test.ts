import ical from "node-ical";
import { describe, expect, it } from "vitest";
import { buildCalendar, escapeIcsText, foldIcsLine } from "./ics";

describe("iCalendar writer", () => {
  const event = {
    uid: "abc@zenbali",
    title: "Sound Bath; Gongs, Bowls & \"Chimes\"",
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
    const parsed = Object.values(ical.sync.parseICS(text)).filter((item) => item?.type === "VEVENT") as ical.VEvent[];
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
});
