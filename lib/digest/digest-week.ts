import { isoWeekOf, toBaliDate } from "@/lib/time/bali";

/** The ISO week (Bali time) a digest run is for, its unique name: "2026-W50". */
export function digestWeekOf(instant: Date): string {
  return isoWeekOf(toBaliDate(instant));
}

/** The job id of one subscriber's digest of one week (BullMQ keeps one job per id): bounded, 10 + 36 characters. */
export function digestSendJobId(week: string, subscriberId: string): string {
  return `digest:${week}:${subscriberId}`;
}
