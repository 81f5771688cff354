/** iCalendar bodies parsed with a real parser (node-ical), not with regular expressions. */
import ical from "node-ical";

export type TVEvent = ical.VEvent;

export function parseVEvents(text: string): TVEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((item): item is TVEvent => item?.type === "VEVENT");
}

/** A property value as text, whether node-ical returned a string or { val, params }. */
export function textOf(value: ical.ParameterValue | undefined): string {
  if (value === undefined) return "";
  return typeof value === "string" ? value : value.val;
}
