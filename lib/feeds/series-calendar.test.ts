import { describe, expect, it } from "vitest";
import { seriesDates, type TRepeatRule } from "@/lib/series/repeat-rule";
import { fromBaliDateTime } from "@/lib/time/bali";
import { expandSeriesIcs } from "./expand-ics.test-support";
import { buildCalendar } from "./ics";
import { planSeriesRecurrence, seriesOverrides, seriesSequence, type TSeriesDateContent, type TSeriesShape } from "./series-calendar";

// Tuesday 1 January 2030, Tuesdays and Thursdays at 07:00 in Bali for 75 minutes.
const tueThu: TRepeatRule = { frequency: "weekly", days: ["TU", "TH"] };
const shape = (overrides: Partial<TSeriesShape> = {}): TSeriesShape => ({
  startDate: "2030-01-01",
  startTime: "07:00",
  durationMinutes: 75,
  rule: { ...tueThu, count: 6 },
  endedAfter: null,
  datesThrough: null,
  ...overrides,
});
const all = (series: TSeriesShape) => seriesDates(series.rule, { date: series.startDate, time: series.startTime });
const taking = (dates: string[], notTaking: string[] = []) => dates.map((seriesDate) => ({ seriesDate, takesPlace: !notTaking.includes(seriesDate) }));

describe("a series' master VEVENT", () => {
  it("is the series as posted when nothing was edited", () => {
    const series = shape();
    expect(planSeriesRecurrence(series, taking(all(series)))).toEqual({
      start: "2030-01-01T07:00",
      rrule: "FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;COUNT=6",
      durationMinutes: 75,
      cancelledDates: [],
      addedDates: [],
    });
  });

  it("excludes every date the rule gives that does not take place: cancelled, deleted, unpublished or missing", () => {
    const series = shape();
    // 3 Jan cancelled, 8 Jan has no row at all, the first date (DTSTART itself) deleted.
    const rows = taking(["2030-01-01", "2030-01-03", "2030-01-10", "2030-01-15", "2030-01-17"], ["2030-01-01", "2030-01-03"]);
    expect(planSeriesRecurrence(series, rows).cancelledDates).toEqual(["2030-01-01", "2030-01-03", "2030-01-08"]);
  });

  it("for a series that runs on, counts missing dates only up to the dates that exist, and cancelled ones wherever they are", () => {
    const series = shape({ rule: tueThu, datesThrough: "2030-01-10" });
    const rows = [...taking(["2030-01-01", "2030-01-03", "2030-01-10"]), { seriesDate: "2030-01-24", takesPlace: false }];
    const plan = planSeriesRecurrence(series, rows);
    // 8 Jan is missing within the horizon; 15, 17 and 22 Jan are still to be created; 24 Jan is cancelled ahead of time.
    expect(plan.cancelledDates).toEqual(["2030-01-08", "2030-01-24"]);
    // It runs on for as long as one posting fee covers: to the same day 12 months later, and no date after it.
    expect(plan.rrule).toBe("FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;UNTIL=20310101T155959Z");
    expect(planSeriesRecurrence(shape({ rule: tueThu, startDate: "2030-01-31", datesThrough: "2030-04-25" }), []).rrule).toBe(
      "FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;UNTIL=20310131T155959Z",
    );
  });

  it("reaches past dates_through when dates exist beyond it", () => {
    const series = shape({ rule: tueThu, datesThrough: "2030-01-03" });
    const plan = planSeriesRecurrence(series, taking(["2030-01-01", "2030-01-03", "2030-01-10"]));
    expect(plan.cancelledDates).toEqual(["2030-01-08"]);
    expect(plan.addedDates).toEqual([]);
  });

  describe("ended early (End the series)", () => {
    it("ends at the earlier of its end date and the end", () => {
      expect(planSeriesRecurrence(shape({ rule: { ...tueThu, until: "2030-03-31" }, endedAfter: "2030-01-10" }), []).rrule).toBe(
        "FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;UNTIL=20300110T155959Z",
      );
      expect(planSeriesRecurrence(shape({ rule: { ...tueThu, until: "2030-01-08" }, endedAfter: "2030-01-10" }), []).rrule).toBe(
        "FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;UNTIL=20300108T155959Z",
      );
      expect(planSeriesRecurrence(shape({ rule: tueThu, endedAfter: "2030-01-10", datesThrough: "2030-03-26" }), []).rrule).toBe(
        "FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;UNTIL=20300110T155959Z",
      );
      // Ended after its last paid date: the paid date still ends it.
      expect(planSeriesRecurrence(shape({ rule: tueThu, endedAfter: "2031-06-30", datesThrough: "2030-03-26" }), []).rrule).toBe(
        "FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;UNTIL=20310101T155959Z",
      );
    });

    it("replaces COUNT by UNTIL when the end comes before the counted dates end (RFC 5545 forbids both), and keeps COUNT otherwise", () => {
      const ended = planSeriesRecurrence(shape({ endedAfter: "2030-01-10" }), taking(["2030-01-01", "2030-01-03", "2030-01-08", "2030-01-10"]));
      expect(ended.rrule).toBe("FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;UNTIL=20300110T155959Z");
      expect(ended.cancelledDates).toEqual([]);
      expect(planSeriesRecurrence(shape({ endedAfter: "2030-02-28" }), []).rrule).toBe("FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO;COUNT=6");
    });

    it("before the rule's first date: DTSTART alone (FREQ=DAILY;COUNT=1), excluded, since apps read an unsynchronized DTSTART differently", () => {
      // Every 2 weeks on Monday from Wednesday 2 January: 14 January first; the series ended on 3 January, before it.
      const series = shape({ rule: { frequency: "biweekly", days: ["MO"], count: 2 }, startDate: "2030-01-02", endedAfter: "2030-01-03" });
      const plan = planSeriesRecurrence(series, taking(["2030-01-01"], ["2030-01-01"]));
      expect(plan).toMatchObject({ start: "2030-01-02T07:00", rrule: "FREQ=DAILY;COUNT=1", cancelledDates: ["2030-01-02"], addedDates: [] });
      // A date that still takes place is added to it.
      const kept = planSeriesRecurrence(series, taking(["2030-01-02"]));
      expect(kept).toMatchObject({ rrule: "FREQ=DAILY;COUNT=1", cancelledDates: [], addedDates: [] });
      const earlier = planSeriesRecurrence(series, taking(["2029-12-31"]));
      expect(earlier).toMatchObject({ rrule: "FREQ=DAILY;COUNT=1", cancelledDates: ["2030-01-02"], addedDates: ["2029-12-31"] });
    });
  });

  it("after a change of rule, starts at the new rule's first date and adds the earlier dates that still take place (RDATE)", () => {
    // Tuesdays and Thursdays became Wednesdays from 8 January; the start date (a Tuesday) stayed.
    const series = shape({ rule: { frequency: "weekly", days: ["WE"], until: "2030-01-31" } });
    const rows = [
      ...taking(["2030-01-01", "2030-01-03"]),
      { seriesDate: "2030-01-08", takesPlace: false }, // replaced: deleted
      ...taking(["2030-01-09", "2030-01-16", "2030-01-23", "2030-01-30"]),
    ];
    const plan = planSeriesRecurrence(series, rows);
    expect(plan.start).toBe("2030-01-02T07:00");
    expect(plan.rrule).toBe("FREQ=WEEKLY;BYDAY=WE;WKST=MO;UNTIL=20300131T155959Z");
    // 2 January has no row: the new rule's first date never existed.
    expect(plan.cancelledDates).toEqual(["2030-01-02"]);
    expect(plan.addedDates).toEqual(["2030-01-01", "2030-01-03"]);
  });
});

describe("a series' overrides", () => {
  const template = { title: "Sunrise Flow", description: "Breathe.", location: "Yoga Barn, Ubud, Bali" };
  const date = (seriesDate: string, time = "07:00", changes: Partial<TSeriesDateContent> = {}): TSeriesDateContent => {
    const startsAt = fromBaliDateTime(seriesDate, time);
    return {
      seriesDate,
      takesPlace: true,
      ...template,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 75 * 60_000),
      url: `https://zenbali.example/events/sunrise-flow-${seriesDate}`,
      updatedAt: new Date("2029-12-01T00:00:00Z"),
      ...changes,
    };
  };
  const plan = planSeriesRecurrence(shape({ startTime: "07:30" }), taking(all(shape())));

  it("are the dates that take place and differ from the master: start, end, title, location or description", () => {
    const dates = [
      date("2030-01-01", "07:00"), // before "this and following": still at 07:00 while the series says 07:30
      date("2030-01-03", "07:30"),
      date("2030-01-08", "08:00"), // moved on its own
      date("2030-01-10", "07:30", { endsAt: fromBaliDateTime("2030-01-10", "09:00") }),
      date("2030-01-15", "07:30", { title: "Sunset Flow" }),
      date("2030-01-17", "07:30", { location: "Elsewhere" }),
      date("2030-01-22", "07:30", { description: "Bring a mat." }),
      date("2030-01-24", "09:00", { takesPlace: false }), // cancelled: an EXDATE, not an override
    ];
    expect(seriesOverrides(plan, template, dates).map((override) => override.date)).toEqual([
      "2030-01-01",
      "2030-01-08",
      "2030-01-10",
      "2030-01-15",
      "2030-01-17",
      "2030-01-22",
    ]);
    expect(seriesOverrides(plan, template, [date("2030-01-01", "07:00")])[0]).toMatchObject({
      date: "2030-01-01",
      startsAt: fromBaliDateTime("2030-01-01", "07:00"),
      url: "https://zenbali.example/events/sunrise-flow-2030-01-01",
    });
  });

  it("expand with the master to exactly the dates that take place (node-ical)", () => {
    const series = shape({ startTime: "07:30", rule: { ...tueThu, until: "2030-01-24" } });
    const dates = [
      date("2030-01-01", "07:00"),
      date("2030-01-03", "07:00"),
      date("2030-01-08", "08:00", { title: "Sunrise Flow at eight" }),
      date("2030-01-10", "07:30", { takesPlace: false }),
      date("2030-01-15", "07:30"),
      date("2030-01-17", "06:00", {
        seriesDate: "2030-01-17",
        startsAt: fromBaliDateTime("2030-01-18", "06:00"),
        endsAt: fromBaliDateTime("2030-01-18", "07:00"),
      }),
      // 22 January deleted: no row; 24 January at 07:30.
      date("2030-01-24", "07:30"),
    ];
    const recurrence = planSeriesRecurrence(series, dates);
    const text = buildCalendar({
      name: "x",
      events: [
        {
          uid: "s@zenbali",
          ...template,
          startsAt: new Date(0),
          endsAt: new Date(0),
          url: "https://zenbali.example/events/sunrise-flow-2030-01-24",
          updatedAt: new Date(0),
          recurrence: { ...recurrence, overrides: seriesOverrides(recurrence, template, dates) },
        },
      ],
    });
    const expanded = expandSeriesIcs(text, { from: new Date("2029-12-01T00:00:00Z"), to: new Date("2030-03-01T00:00:00Z") });
    expect(expanded.orphanOverrides).toEqual([]);
    const expected = dates.filter((row) => row.takesPlace).map((row) => [row.startsAt.toISOString(), row.endsAt.toISOString(), row.title]);
    expect(expanded.instances.map((instance) => [instance.start, instance.end, instance.summary])).toEqual(expected);
  });
});

describe("a series' SEQUENCE", () => {
  it("counts seconds from 2026-01-01 to the latest change: up with every change, never below 0 or past 2^31 - 1", () => {
    expect(seriesSequence(new Date("2026-01-01T00:00:00Z"))).toBe(0);
    expect(seriesSequence(new Date("2025-06-01T00:00:00Z"))).toBe(0);
    expect(seriesSequence(new Date("2026-01-01T00:01:00.900Z"))).toBe(60);
    expect(seriesSequence(new Date("2030-01-01T00:00:01Z"))).toBeGreaterThan(seriesSequence(new Date("2030-01-01T00:00:00Z")));
    expect(seriesSequence(new Date("2093-12-31T00:00:00Z"))).toBeLessThan(2 ** 31 - 1);
    expect(seriesSequence(new Date("2200-01-01T00:00:00Z"))).toBe(2 ** 31 - 1);
  });
});
