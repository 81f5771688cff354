/**
 * For tests: what a calendar app makes of a recurring VEVENT, read by a real iCalendar parser (node-ical). Its
 * RRULE, EXDATEs and overrides (RECURRENCE-ID) are expanded by node-ical itself (`expandRecurringEvent`); node-ical
 * keeps RDATE as text, so RDATEs are added here as RFC 5545 §3.8.5.2 says (each an instance with the master's
 * length, unless an EXDATE removes it or an override replaces it). Only TZID=Asia/Makassar (UTC+8) and UTC values
 * are read, the forms the site writes.
 */
import ical from "node-ical";

export type TExpandedInstance = { start: string; end: string; summary: string; location: string; isOverride: boolean };

export type TExpandedSeries = {
  instances: TExpandedInstance[];
  /** RECURRENCE-IDs that name no instance of the set: invalid (RFC 5545 §3.8.4.4), and ignored by calendar apps. */
  orphanOverrides: string[];
  sequences: number[];
};

type TRawValue = string | { params?: Record<string, string>; val?: string };

/** An RDATE or EXDATE value as node-ical keeps it: "20300102T070000" with TZID=Asia/Makassar, or "…Z". */
function instantOf(value: TRawValue): Date {
  const text = typeof value === "string" ? value : (value.val ?? "");
  const tzid = typeof value === "string" ? undefined : value.params?.TZID;
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(text);
  if (!match) throw new Error(`Unreadable date-time ${JSON.stringify(value)}`);
  const [, year, month, day, hour, minute, second, utc] = match;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
  if (utc) return new Date(`${iso}Z`);
  if (tzid !== "Asia/Makassar") throw new Error(`Unexpected time zone ${String(tzid)}`);
  return new Date(`${iso}+08:00`);
}

/** A text value as node-ical keeps it: a string, or { val, params } when the property had parameters. */
function textOf(value: ical.ParameterValue | undefined): string {
  if (value === undefined) return "";
  return typeof value === "string" ? value : value.val;
}

function asList(value: unknown): TRawValue[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as TRawValue[];
}

/** Every instance of the (single) recurring event of an .ics between `from` and `to`, soonest first. */
export function expandSeriesIcs(text: string, { from, to }: { from: Date; to: Date }): TExpandedSeries {
  const components = Object.values(ical.sync.parseICS(text)).filter((item): item is ical.VEvent => item?.type === "VEVENT");
  const master = components.find((item) => item.rrule);
  if (!master) throw new Error("No recurring VEVENT");
  const instances: TExpandedInstance[] = ical.expandRecurringEvent(master, { from, to }).map((instance) => ({
    start: instance.start.toISOString(),
    end: instance.end.toISOString(),
    summary: textOf(instance.summary),
    location: textOf(instance.event.location),
    isOverride: instance.isOverride,
  }));
  const ruleInstants = new Set(master.rrule?.between(from, to, true).map((date) => date.toISOString()));
  const durationMs = (master.end?.getTime() ?? master.start.getTime()) - master.start.getTime();
  const excluded = new Set(Object.values(master.exdate ?? {}).map((date) => new Date(date as Date).toISOString()));
  const added = new Set<string>();
  for (const value of asList((master as unknown as { rdate?: unknown }).rdate)) {
    const at = instantOf(value);
    const key = at.toISOString();
    added.add(key);
    if (excluded.has(key) || ruleInstants.has(key) || at < from || at > to) continue;
    // node-ical types an override with an index signature that hides its fields: what is read of it.
    const override = master.recurrences?.[key] as { start?: Date; end?: Date; summary?: ical.ParameterValue; location?: ical.ParameterValue } | undefined;
    const start = override?.start ?? at;
    const end = override?.end ?? new Date(start.getTime() + durationMs);
    instances.push({
      start: start.toISOString(),
      end: end.toISOString(),
      summary: textOf(override?.summary ?? master.summary),
      location: textOf(override?.location ?? master.location),
      isOverride: Boolean(override),
    });
  }
  const orphanOverrides = components
    .filter((item) => item.recurrenceid)
    .map((item) => new Date(item.recurrenceid as Date).toISOString())
    .filter((key) => !(ruleInstants.has(key) || added.has(key)) || excluded.has(key));
  return {
    instances: instances.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)),
    orphanOverrides,
    sequences: components.map((item) => item.sequence ?? 0),
  };
}
