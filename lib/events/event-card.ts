import { dateColumn, describeRepeat, ruleOfSeries, type TStoredRule } from "@/lib/series/repeat-rule";
import type { TRepeatRule, TSeriesStart } from "@/lib/series/repeat-words";
import { namesOf, type TNames } from "@/lib/reference/localized-name";
import { cancelNoteNamesOf } from "@/lib/series/closed-day-note-names";
import { getStorage } from "@/lib/storage/storage";
import { DEFAULT_SPOKEN_LANGUAGES, orderedSpokenLanguages, type TSpokenLanguage } from "./spoken-languages";

/** What a listing shows for one event; JSON-safe (dates as ISO strings) so it can be cached. */
export type TEventCard = {
  id: string;
  slug: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: { name: string; slug: string };
  /** `names`: the type's name in other languages (show it with localizedName, lib/reference/localized-name.ts). */
  eventType: { name: string; slug: string; names?: TNames };
  entranceType: { name: string; slug: string; names?: TNames };
  entranceFeeIdr: number;
  organiser: string;
  creatorId: string;
  venueName: string;
  /** The languages it is held in (codes of lib/events/spoken-languages.ts). */
  languages: TSpokenLanguage[];
  isFeatured: boolean;
  isCancelled: boolean;
  /** Why the site cancelled it ("Cancelled: Nyepi (island-wide day of silence)"), when it says; absent otherwise. */
  cancelNote?: string;
  /** A note of a closed day: that day's names in other languages, to say the note in the page's language (localizedCancelNote). */
  cancelNoteNames?: TNames;
  image: { url: string; width: number; height: number } | null;
  /** The series this event is a date of, or null. */
  seriesId: string | null;
  /** A date of a series: its rule in short words, "Every Tue and Thu" (the card's line); null otherwise. */
  repeats: string | null;
  /** …and the rule those words are made of, for a page in another language (describeRepeat with its locale). */
  repeatRule?: { rule: TRepeatRule; start: TSeriesStart };
};

/** What a card needs of a date's series: its rule and first date. */
type TCardSeries = TStoredRule & { startDate: Date | string; startTime: string };

export const eventCardSelect = {
  id: true,
  slug: true,
  title: true,
  startsAt: true,
  endsAt: true,
  entranceFeeIdr: true,
  venueName: true,
  isFeatured: true,
  status: true,
  cancelNote: true,
  languages: true,
  creatorId: true,
  location: { select: { name: true, slug: true } },
  eventType: { select: { name: true, slug: true, names: true } },
  entranceType: { select: { name: true, slug: true, names: true } },
  creator: { select: { name: true, organisation: true } },
  image: { select: { cardKey: true, width: true, height: true } },
  seriesId: true,
  series: { select: { frequency: true, weekdays: true, monthly: true, untilDate: true, dateCount: true, startDate: true, startTime: true } },
} as const;

/** What a card is made from: the Prisma select above, or the listing's own SQL (lib/events/list-public-events.ts). */
export type TCardRow = {
  id: string;
  slug: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  entranceFeeIdr: number;
  venueName: string;
  isFeatured: boolean;
  status: string;
  cancelNote?: string | null;
  /** The closed day's names of a cancel note (lib/series/closed-day-note-names.ts): the listing's SQL reads them. */
  cancelNoteNames?: unknown;
  languages?: string[];
  creatorId: string;
  location: { name: string; slug: string };
  /** With `names` (JSONB) where the row has them. */
  eventType: { name: string; slug: string; names?: unknown };
  entranceType: { name: string; slug: string; names?: unknown };
  creator: { name: string; organisation: string | null };
  image: { cardKey: string; width: number; height: number } | null;
  seriesId?: string | null;
  /** Its series (SQL gives JSON: dates as strings). */
  series?: TCardSeries | null;
};

/** "Every Tue and Thu" of a card's series, and the rule it says. */
function repeatsOf(series: TCardSeries): { repeats: string; repeatRule: { rule: TRepeatRule; start: TSeriesStart } } {
  const asDate = (value: Date | string | null) => (value === null ? null : typeof value === "string" ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value);
  const rule = ruleOfSeries({ ...series, untilDate: asDate(series.untilDate) });
  const start = { date: dateColumn(asDate(series.startDate) ?? new Date(0)), time: series.startTime };
  return { repeats: describeRepeat(rule, start), repeatRule: { rule, start } };
}

/** A type with its translations when it has any (a card is cached as JSON: no empty map on every card). */
function withNames({ name, slug, names }: { name: string; slug: string; names?: unknown }): { name: string; slug: string; names?: TNames } {
  const translated = namesOf(names);
  return Object.keys(translated).length > 0 ? { name, slug, names: translated } : { name, slug };
}

/** Where a stored image is served from: the storage driver says (/uploads/… on disk; S3_PUBLIC_URL, e.g. a CDN, for S3). */
export function imageUrl(storageKey: string): string {
  return getStorage().url(storageKey);
}

/** Card images are stored at 640 px wide; the stored ratio is kept. */
const CARD_WIDTH = 640;

export function toEventCard(row: TCardRow): TEventCard {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    location: row.location,
    eventType: withNames(row.eventType),
    entranceType: withNames(row.entranceType),
    entranceFeeIdr: row.entranceFeeIdr,
    organiser: row.creator.organisation || row.creator.name,
    creatorId: row.creatorId,
    venueName: row.venueName,
    languages: orderedSpokenLanguages(row.languages ?? DEFAULT_SPOKEN_LANGUAGES),
    isFeatured: row.isFeatured,
    isCancelled: row.status === "CANCELLED",
    ...(row.status === "CANCELLED" && row.cancelNote ? { cancelNote: row.cancelNote, ...cancelNoteNamesOf(row.cancelNoteNames) } : {}),
    image: row.image ? { url: imageUrl(row.image.cardKey), width: CARD_WIDTH, height: Math.round((CARD_WIDTH * row.image.height) / row.image.width) } : null,
    seriesId: row.seriesId ?? null,
    ...(row.series ? repeatsOf(row.series) : { repeats: null }),
  };
}
