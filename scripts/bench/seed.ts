/**
 * `npm run bench:seed -- --events 100000` — rebuilds the benchmark database
 * from the migrations and fills it with realistic data: the reference data
 * (prisma/seed.ts), N creators and N events over two years past and two years
 * future, every location and event type, free and paid, English with some
 * Indonesian, about three in four with a cover image; and recurring series
 * (see makeSeries), each date an event row of its own on top of the N events.
 * Deterministic: the same flags give the same rows (relative to the day it runs).
 * Idempotent: every run starts from an empty database (the migrations' reset).
 *
 *   --events N          default 100000
 *   --creators N        default 2000
 *   --series N          recurring series on top of the events, default one per 20 events (5,000 at 100,000)
 *   --database-url URL  default $BENCH_DATABASE_URL or postgresql://postgres@127.0.0.1:5432/zenbali_bench
 *
 * Rows go in through multi-row `INSERT … SELECT FROM unnest(arrays)` in
 * batches of 5,000, on two connections at once. The events' secondary
 * indexes are dropped for the load and rebuilt after it; the search_vector
 * trigger stays on, so every vector is computed by the migration's own
 * function (a series' later dates copy their first date's, which is the
 * same: see insertSeriesDates). Then the tables are vacuumed and analysed, as autovacuum would
 * eventually do, so that the planner has statistics and index-only scans
 * can skip the heap.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { describeError, runMigrations } from "../db/migrate";
import { slugify } from "../../lib/format/slug";
import { eventSlug } from "../../lib/events/event-slug";
import { addBaliDays, startOfBaliDay, toBaliDate } from "../../lib/time/bali";
import {
  ADJECTIVES,
  BALINESE_FIRST_NAMES,
  BALINESE_LAST_NAMES,
  GERUNDS,
  INDONESIAN_SENTENCES,
  INTERNATIONAL_FIRST_NAMES,
  INTERNATIONAL_LAST_NAMES,
  NOUNS,
  ORGANISATION_KINDS,
  ORGANISATION_WORDS,
  pick,
  PRACTICAL_SENTENCES,
  prng,
  STREET_NAMES,
  TITLE_PREFIXES,
  TITLE_SUFFIXES,
  TYPE_THEMES,
  UNPUBLISH_REASONS,
  VENUE_KINDS,
  VENUE_WORDS,
  type TRandom,
} from "./vocabulary";
import { isMainModule } from "../is-main-module";
import { seriesDates } from "../../lib/series/repeat-rule";
import { SERIES_LIMITS, WEEKDAY_CODES, type TRepeatRule, type TWeekday } from "../../lib/series/repeat-words";
import { itemAt, required } from "./checked";
import { benchSeriesDates } from "./series-dates";

export const DEFAULT_BENCH_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/zenbali_bench";
export const BENCH_REDIS_PREFIX = "zbbench:";

export type TSeedBenchOptions = {
  databaseUrl: string;
  events?: number;
  creators?: number;
  /** Recurring series on top of the events (default none; `npm run bench:seed` adds one for every 20 events). */
  series?: number;
  /** Rows per INSERT statement. */
  batchSize?: number;
  log?: (line: string) => void;
};

export type TSeedBenchResult = {
  databaseUrl: string;
  /** One-off events. */
  events: number;
  series: number;
  /** Event rows of the series, one per date, on top of `events`. */
  seriesDates: number;
  creators: number;
  images: number;
  /** Upcoming, published or cancelled, not deleted, one-off events and series dates: what "/?dates=all" lists. */
  upcomingPublic: number;
  /** Seconds per phase, and in total. */
  phases: Record<string, number>;
  totalSeconds: number;
};

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const SEED = 20_261_126;

/** Popular areas get more events; the rest share the remainder. */
const LOCATION_WEIGHTS: Record<string, number> = {
  ubud: 10,
  canggu: 9,
  seminyak: 6,
  uluwatu: 5,
  sanur: 5,
  kuta: 3,
  denpasar: 3,
  jimbaran: 2.5,
  "nusa-dua": 2,
  amed: 2,
  sidemen: 2,
};
const TYPE_WEIGHTS: Record<string, number> = {
  yoga: 8,
  meditation: 5,
  "sound-healing": 5,
  "ecstatic-dance": 4,
  workshop: 5,
  "music-concert": 5,
  "market-bazaar": 3,
  "food-culinary": 4,
  wellness: 4,
  breathwork: 3,
};

type TRef = { id: number; slug: string; name: string };

type TCreator = {
  id: string;
  name: string;
  organisation: string | null;
  email: string;
  phone: string | null;
  createdAt: Date;
  homeLocations: TRef[];
  favouriteTypes: TRef[];
};

/** A deterministic version-4 UUID from the PRNG. */
function uuid(random: TRandom): string {
  const hex = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 16).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
}

const SUFFIX_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** Six characters of event-slug alphabet, unique per index (a bijection on 0 … 2³⁰−1). */
function uniqueSuffix(index: number): string {
  let value = (Math.imul(index, 0x9e3779b1) + 0x2545f491) & 0x3fffffff;
  let out = "";
  for (let i = 0; i < 6; i++) {
    out += SUFFIX_ALPHABET.charAt(value & 31);
    value >>>= 5;
  }
  return out;
}

function weightedPicker<T extends { slug: string }>(items: T[], weights: Record<string, number>, fallback: number): (random: TRandom) => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (const item of items) {
    sum += weights[item.slug] ?? fallback;
    cumulative.push(sum);
  }
  return (random) => {
    const target = random() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (itemAt(cumulative, mid) > target) high = mid;
      else low = mid + 1;
    }
    return itemAt(items, low);
  };
}

function personName(random: TRandom): string {
  return random() < 0.55
    ? `${pick(random, BALINESE_FIRST_NAMES)} ${pick(random, BALINESE_LAST_NAMES)}`
    : `${pick(random, INTERNATIONAL_FIRST_NAMES)} ${pick(random, INTERNATIONAL_LAST_NAMES)}`;
}

function phone(random: TRandom): string {
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join("");
  return `+62 8${1 + Math.floor(random() * 8)}${digits(1)} ${digits(4)} ${digits(4)}`;
}

function makeCreators(count: number, now: Date, locations: TRef[], types: TRef[], random: TRandom): TCreator[] {
  const pickLocation = weightedPicker(locations, LOCATION_WEIGHTS, 1.2);
  const pickType = weightedPicker(types, TYPE_WEIGHTS, 1.5);
  return Array.from({ length: count }, (_, index) => {
    const name = personName(random);
    const organisation = random() < 0.6 ? `${pick(random, ORGANISATION_WORDS)} ${pick(random, ORGANISATION_KINDS)}` : null;
    const homeLocations = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pickLocation(random));
    const favouriteTypes = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pickType(random));
    return {
      id: uuid(random),
      name,
      organisation,
      email: `${slugify(name).replace(/-/g, ".")}.${index + 1}@bench.zenbali.example`,
      phone: random() < 0.5 ? phone(random) : null,
      // Every creator signed up before the oldest event was posted.
      createdAt: new Date(now.getTime() - (900 + Math.floor(random() * 700)) * DAY_MS),
      homeLocations,
      favouriteTypes,
    };
  });
}

/** Event columns, one array per column, in the order of EVENT_COLUMNS. */
type TEventColumns = {
  id: string[];
  slug: string[];
  title: string[];
  description: string[];
  startsAt: string[];
  endsAt: string[];
  durationMinutes: number[];
  locationId: number[];
  venueName: string[];
  venueAddress: (string | null)[];
  eventTypeId: number[];
  entranceTypeId: number[];
  entranceFeeIdr: number[];
  participantGroupId: number[];
  ledBy: (string | null)[];
  contactEmail: string[];
  contactPhone: (string | null)[];
  bookingUrl: (string | null)[];
  /** Languages spoken, as a PostgreSQL array literal ("{en,ru}"). */
  languages: string[];
  status: string[];
  unpublishReason: (string | null)[];
  isFeatured: boolean[];
  publishedAt: (string | null)[];
  cancelledAt: (string | null)[];
  creatorId: string[];
  deletedAt: (string | null)[];
  createdAt: string[];
  updatedAt: string[];
  seriesId: (string | null)[];
  seriesDate: (string | null)[];
};

const EVENT_COLUMNS: [keyof TEventColumns, string, string][] = [
  ["id", "id", "uuid"],
  ["slug", "slug", "text"],
  ["title", "title", "text"],
  ["description", "description", "text"],
  ["startsAt", "starts_at", "timestamptz"],
  ["endsAt", "ends_at", "timestamptz"],
  ["durationMinutes", "duration_minutes", "int4"],
  ["locationId", "location_id", "int4"],
  ["venueName", "venue_name", "text"],
  ["venueAddress", "venue_address", "text"],
  ["eventTypeId", "event_type_id", "int4"],
  ["entranceTypeId", "entrance_type_id", "int4"],
  ["entranceFeeIdr", "entrance_fee_idr", "int4"],
  ["participantGroupId", "participant_group_id", "int4"],
  ["ledBy", "led_by", "text"],
  ["contactEmail", "contact_email", "text"],
  ["contactPhone", "contact_phone", "text"],
  ["bookingUrl", "booking_url", "text"],
  ["languages", "languages", "text"],
  ["status", "status", '"EventStatus"'],
  ["unpublishReason", "unpublish_reason", "text"],
  ["isFeatured", "is_featured", "bool"],
  ["publishedAt", "published_at", "timestamptz"],
  ["cancelledAt", "cancelled_at", "timestamptz"],
  ["creatorId", "creator_id", "uuid"],
  ["deletedAt", "deleted_at", "timestamptz"],
  ["createdAt", "created_at", "timestamptz"],
  ["updatedAt", "updated_at", "timestamptz"],
  ["seriesId", "series_id", "uuid"],
  ["seriesDate", "series_date", "date"],
];

function emptyColumns(): TEventColumns {
  return Object.fromEntries(EVENT_COLUMNS.map(([key]) => [key, []])) as unknown as TEventColumns;
}

type TReference = { locations: TRef[]; types: TRef[]; entrances: TRef[]; groups: TRef[] };

type TVenue = { name: string; address: string | null };

function venuesByLocation(locations: TRef[], random: TRandom): Map<number, TVenue[]> {
  const venues = new Map<number, TVenue[]>();
  for (const location of locations) {
    const list: TVenue[] = [];
    for (let i = 0; i < 14; i++) {
      const name = `${pick(random, VENUE_WORDS)} ${pick(random, VENUE_KINDS)}`;
      const address = random() < 0.8 ? `Jl. ${pick(random, STREET_NAMES)} No. ${1 + Math.floor(random() * 120)}, ${location.name}` : null;
      list.push({ name, address });
    }
    venues.set(location.id, list);
  }
  return venues;
}

/** "a gentle", "an authentic". */
const withArticle = (word: string) => `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;

/** Two different items. */
function pickTwo<T>(random: TRandom, items: readonly T[]): [T, T] {
  const first = Math.floor(random() * items.length);
  const second = (first + 1 + Math.floor(random() * (items.length - 1))) % items.length;
  return [itemAt(items, first), itemAt(items, second)];
}

function description(random: TRandom, theme: (typeof TYPE_THEMES)[string], title: string, location: TRef, typeName: string, ledBy: string | null): string {
  const word = () => pick(random, theme.words);
  const templates = [
    () => {
      const [first, second] = pickTwo(random, GERUNDS);
      return `Expect ${first}, ${second} and ${pick(random, ADJECTIVES)} ${pick(random, NOUNS)}.`;
    },
    () =>
      `${withArticle(pick(random, ADJECTIVES)).replace(/^a/, "A")} ${random() < 0.5 ? "morning" : "evening"} of ${word()} and ${word()} in ${location.name}.`,
    () => {
      const [first, second] = pickTwo(random, NOUNS);
      return (
        `Inspired by the ${first} and the ${second} of ${location.name},` +
        ` this ${typeName.toLowerCase()} brings together ${word()}, ${word()} and ${pick(random, NOUNS)}.`
      );
    },
    () => {
      const [first, second] = pickTwo(random, GERUNDS);
      const [quality, other] = pickTwo(random, ADJECTIVES);
      return `We explore ${word()} through ${first} and ${second}, in ${withArticle(quality)} and ${other} space.`;
    },
    () => {
      const [quality, other] = pickTwo(random, ADJECTIVES);
      return `${title} is about ${pick(random, NOUNS)}, ${word()} and ${pick(random, NOUNS)}: ${quality}, ${other} and open to everyone.`;
    },
  ];
  const parts = [pick(random, theme.about)];
  const middle = 1 + Math.floor(random() * 3);
  for (let i = 0; i < middle; i++) parts.push(pick(random, templates)());
  if (random() < 0.35) parts.push(pick(random, INDONESIAN_SENTENCES));
  if (ledBy && random() < 0.6) parts.push(`Led by ${ledBy}.`);
  const practical = Math.floor(random() * 3);
  const practicalParts = practical === 0 ? [] : practical === 1 ? [pick(random, PRACTICAL_SENTENCES)] : pickTwo(random, PRACTICAL_SENTENCES);
  return practicalParts.length ? `${parts.join(" ")}\n\n${practicalParts.join(" ")}` : parts.join(" ");
}

function makeTitle(random: TRandom, theme: (typeof TYPE_THEMES)[string]): string {
  let title = pick(random, theme.titles);
  const roll = random();
  if (roll < 0.35) title = `${pick(random, TITLE_PREFIXES)} ${title}`;
  if (roll > 0.27 && roll < 0.55) title = `${title} ${pick(random, TITLE_SUFFIXES)}`;
  return title.slice(0, 120);
}

type TImageRow = { id: string; eventId: string; uploaderId: string; palette: number; createdAt: string };

/** Generates `count` events; images for about three in four of them. */
function* makeEvents(
  count: number,
  batchSize: number,
  now: Date,
  creators: TCreator[],
  reference: TReference,
  random: TRandom,
): Generator<{ columns: TEventColumns; images: TImageRow[]; upcomingPublic: number }> {
  const pickLocation = weightedPicker(reference.locations, LOCATION_WEIGHTS, 1.2);
  const pickType = weightedPicker(reference.types, TYPE_WEIGHTS, 1.5);
  const pickGroup = weightedPicker(reference.groups, { open: 85, couples: 4, "females-only": 8, "males-only": 3 }, 1);
  const entranceBySlug = new Map(reference.entrances.map((entrance) => [entrance.slug, entrance]));
  const venues = venuesByLocation(reference.locations, random);
  const todayStart = startOfBaliDay(toBaliDate(now)).getTime();
  const firstDay = startOfBaliDay(addBaliDays(toBaliDate(now), -730)).getTime();
  const days = Math.round((todayStart - firstDay) / DAY_MS) * 2;
  const nowMs = now.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();

  let columns = emptyColumns();
  let images: TImageRow[] = [];
  let upcomingPublic = 0;
  for (let index = 0; index < count; index++) {
    // A few prolific organisers, a long tail of occasional ones.
    const creator = itemAt(creators, Math.floor(creators.length * random() ** 1.7));
    const type = random() < 0.75 ? pick(random, creator.favouriteTypes) : pickType(random);
    const location = random() < 0.8 ? pick(random, creator.homeLocations) : pickLocation(random);
    const theme = required(TYPE_THEMES[type.slug], `the theme of event type ${type.slug}`);
    const title = makeTitle(random, theme);
    const venue = pick(random, required(venues.get(location.id), `the venues of location ${location.id}`));
    const ledBy = random() < 0.65 ? (random() < 0.4 ? creator.name : personName(random)) : null;

    const day = Math.floor(random() * days);
    const minuteOfDay = pick(random, theme.hours) * 60 + pick(random, [0, 0, 15, 30, 30, 45]);
    const startsAt = firstDay + day * DAY_MS + minuteOfDay * MINUTE_MS;
    const durationMinutes = pick(random, theme.minutes);
    const endsAt = startsAt + durationMinutes * MINUTE_MS;

    const entranceSlug = pick(random, theme.entrances);
    const paidFees = theme.fees.filter((fee) => fee > 0);
    const fee =
      entranceSlug === "free" || entranceSlug === "donation-based" || paidFees.length === 0 || (entranceSlug === "members-only" && random() < 0.5)
        ? 0
        : pick(random, paidFees);
    const entrance = required(
      entranceBySlug.get(paidFees.length === 0 && entranceSlug !== "donation-based" ? "free" : entranceSlug),
      `the entrance type ${entranceSlug}`,
    );

    const statusRoll = random();
    const status =
      statusRoll < 0.86 ? "PUBLISHED" : statusRoll < 0.89 ? "CANCELLED" : statusRoll < 0.94 ? "DRAFT" : statusRoll < 0.96 ? "AWAITING_PAYMENT" : "UNPUBLISHED";
    let createdAt = startsAt - (1 + Math.floor(random() ** 2 * 120)) * DAY_MS - Math.floor(random() * 12) * 3_600_000;
    if (createdAt > nowMs) createdAt = nowMs - Math.floor(random() * 20 * DAY_MS);
    const published = status === "PUBLISHED" || status === "CANCELLED" || status === "UNPUBLISHED";
    const publishedAt = published ? Math.min(nowMs, createdAt + Math.floor(random() * 2 * DAY_MS)) : null;
    const cancelledAt = status === "CANCELLED" && publishedAt !== null ? Math.min(nowMs, startsAt, publishedAt + Math.floor(random() * 20 * DAY_MS)) : null;
    const deletedAt = random() < 0.015 ? Math.min(nowMs, createdAt + Math.floor(random() * 30 * DAY_MS)) : null;
    const updatedAt = Math.max(createdAt, publishedAt ?? 0, cancelledAt ?? 0, deletedAt ?? 0);
    const isFeatured = (status === "PUBLISHED" || status === "CANCELLED") && random() < 0.03;
    const slug = eventSlug(title, uniqueSuffix(index));
    const id = uuid(random);
    const bookingUrl =
      entranceSlug === "prepaid-online" || entranceSlug === "by-registration-only" || random() < 0.15 ? `https://tickets.example.com/${slug}` : null;
    const contactEmail = random() < 0.6 || !creator.organisation ? creator.email : `hello@${slugify(creator.organisation)}.example`;

    columns.id.push(id);
    columns.slug.push(slug);
    columns.title.push(title);
    columns.description.push(description(random, theme, title, location, type.name, ledBy));
    columns.startsAt.push(iso(startsAt));
    columns.endsAt.push(iso(endsAt));
    columns.durationMinutes.push(durationMinutes);
    columns.locationId.push(location.id);
    columns.venueName.push(venue.name);
    columns.venueAddress.push(venue.address);
    columns.eventTypeId.push(type.id);
    columns.entranceTypeId.push(entrance.id);
    columns.entranceFeeIdr.push(fee);
    columns.participantGroupId.push(pickGroup(random).id);
    columns.ledBy.push(ledBy);
    columns.contactEmail.push(contactEmail);
    columns.contactPhone.push(random() < 0.5 ? (creator.phone ?? phone(random)) : null);
    columns.bookingUrl.push(bookingUrl);
    columns.languages.push(spokenLanguagesOf(index));
    columns.status.push(status);
    columns.unpublishReason.push(status === "UNPUBLISHED" ? pick(random, UNPUBLISH_REASONS) : null);
    columns.isFeatured.push(isFeatured);
    columns.publishedAt.push(publishedAt === null ? null : iso(publishedAt));
    columns.cancelledAt.push(cancelledAt === null ? null : iso(cancelledAt));
    columns.creatorId.push(creator.id);
    columns.deletedAt.push(deletedAt === null ? null : iso(deletedAt));
    columns.createdAt.push(iso(createdAt));
    columns.updatedAt.push(iso(updatedAt));
    columns.seriesId.push(null);
    columns.seriesDate.push(null);
    if (deletedAt === null && random() < 0.75)
      images.push({ id: uuid(random), eventId: id, uploaderId: creator.id, palette: Math.floor(random() * 12), createdAt: iso(createdAt) });
    if (deletedAt === null && (status === "PUBLISHED" || status === "CANCELLED") && endsAt > nowMs) upcomingPublic++;

    if (columns.id.length === batchSize || index === count - 1) {
      yield { columns, images, upcomingPublic };
      columns = emptyColumns();
      images = [];
      upcomingPublic = 0;
    }
  }
}

/**
 * The languages an event is held in, from its number (not the random stream, so that adding this column left every
 * other value of the data as it was): 70% English, 10% English and Russian, 5% English and Indonesian, 10%
 * Indonesian, 5% Russian.
 */
function spokenLanguagesOf(index: number): string {
  const slot = index % 20;
  return slot < 14 ? "{en}" : slot < 16 ? "{en,ru}" : slot < 17 ? "{en,id}" : slot < 19 ? "{id}" : "{ru}";
}

async function insertEvents(client: pg.Client, columns: TEventColumns): Promise<void> {
  const names = EVENT_COLUMNS.map(([, column]) => column).join(", ");
  const arrays = EVENT_COLUMNS.map(([, , type], i) => `$${i + 1}::${type}[]`).join(", ");
  // unnest cannot take an array of arrays: the languages travel as array literals and are cast here.
  const values = EVENT_COLUMNS.map(([, column]) => (column === "languages" ? "languages::varchar[]" : column)).join(", ");
  await client.query(
    `INSERT INTO events (${names}) SELECT ${values} FROM unnest(${arrays}) AS t(${names})`,
    EVENT_COLUMNS.map(([key]) => columns[key]),
  );
}

async function insertCreators(client: pg.Client, creators: TCreator[]): Promise<void> {
  // Nobody can sign in as a benchmark creator: this is not an argon2 hash.
  await client.query(
    `INSERT INTO users (id, role, email, password_hash, email_verified_at, is_active, name, organisation, phone, created_at, updated_at)
     SELECT id, 'CREATOR', email, '!bench-no-login', created_at, true, name, organisation, phone, created_at, created_at
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS t(id, email, name, organisation, phone, created_at)`,
    [
      creators.map((creator) => creator.id),
      creators.map((creator) => creator.email),
      creators.map((creator) => creator.name),
      creators.map((creator) => creator.organisation),
      creators.map((creator) => creator.phone),
      creators.map((creator) => creator.createdAt.toISOString()),
    ],
  );
}

async function insertImages(
  client: pg.Client,
  rows: TImageRow[],
  covers: { cardKey: string; largeKey: string; width: number; height: number; bytes: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  const cover = (row: TImageRow) => itemAt(covers, row.palette % covers.length);
  await client.query(
    `INSERT INTO images (id, event_id, uploader_id, card_key, large_key, width, height, bytes, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int4[], $7::int4[], $8::int4[], $9::timestamptz[])`,
    [
      rows.map((row) => row.id),
      rows.map((row) => row.eventId),
      rows.map((row) => row.uploaderId),
      rows.map((row) => cover(row).cardKey),
      rows.map((row) => cover(row).largeKey),
      rows.map((row) => cover(row).width),
      rows.map((row) => cover(row).height),
      rows.map((row) => cover(row).bytes),
      rows.map((row) => row.createdAt),
    ],
  );
}

// ─── recurring series ───────────────────────────────────────────────────────

/** A row of event_series. */
type TSeriesRow = {
  id: string;
  slug: string;
  creatorId: string;
  frequency: "WEEKLY" | "BIWEEKLY" | "MONTHLY";
  weekdays: TWeekday[];
  monthly: "DATE" | "WEEKDAY" | null;
  startDate: string;
  startTime: string;
  durationMinutes: number;
  untilDate: string | null;
  dateCount: number | null;
  datesThrough: string;
  createdAt: string;
};

/**
 * The dates of the series after each one's first, one array per column: what differs from the first date (its
 * template, inserted like any event), which gives them everything else, as keepSeriesDates copies a series' template.
 */
type TSeriesDateColumns = {
  id: string[];
  slug: string[];
  startsAt: string[];
  endsAt: string[];
  status: string[];
  cancelledAt: (string | null)[];
  updatedAt: string[];
  seriesDate: string[];
  templateId: string[];
};

type TSeriesData = {
  series: TSeriesRow[];
  /** The first date of every series. */
  templates: TEventColumns;
  /** Every other date. */
  dates: TSeriesDateColumns;
  images: TImageRow[];
  dateCount: number;
  upcomingPublic: number;
  /** Some series' rules with the dates expanded here, to compare with the app's own expansion. */
  samples: { rule: TRepeatRule; first: string; through?: string; dates: string[] }[];
};

/** Every this many series, the seed checks its dates against the app's rrule-temporal expansion (about 4 ms each). */
const SERIES_CHECK_EVERY = 50;

/**
 * `count` published series of realistic organisers (the same creators, locations, types, titles and descriptions as
 * the one-off events): ~60% weekly on 1 to 3 weekdays, ~25% fortnightly, ~15% monthly (on the date or on the
 * weekday); half run on (their dates exist 12 weeks ahead of today, as the hourly job keeps them), a quarter end on
 * a date 1 to 6 months ahead, a quarter after 4 to 30 dates; first dates from 2 months back to 1 month ahead, Bali
 * times from 06:00 to 21:00 in 15-minute steps; about 2% of the dates cancelled. Every date is an event row with
 * the series' fields, its series_id, series_date and slug "<series slug>-<date>", as the app makes them.
 */
function makeSeries(count: number, firstSlugIndex: number, now: Date, creators: TCreator[], reference: TReference, random: TRandom): TSeriesData {
  const pickLocation = weightedPicker(reference.locations, LOCATION_WEIGHTS, 1.2);
  const pickType = weightedPicker(reference.types, TYPE_WEIGHTS, 1.5);
  const pickGroup = weightedPicker(reference.groups, { open: 85, couples: 4, "females-only": 8, "males-only": 3 }, 1);
  const entranceBySlug = new Map(reference.entrances.map((entrance) => [entrance.slug, entrance]));
  const venues = venuesByLocation(reference.locations, random);
  const today = toBaliDate(now);
  // A series that runs on has its dates 12 weeks ahead (and runs at most 12 months, which these never reach).
  const rollingThrough = addBaliDays(today, SERIES_LIMITS.rollingWeeks * 7);
  const nowMs = now.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();

  const data: TSeriesData = {
    series: [],
    templates: emptyColumns(),
    dates: { id: [], slug: [], startsAt: [], endsAt: [], status: [], cancelledAt: [], updatedAt: [], seriesDate: [], templateId: [] },
    images: [],
    dateCount: 0,
    upcomingPublic: 0,
    samples: [],
  };
  for (let index = 0; index < count; index++) {
    // Prolific organisers run most of the series.
    const creator = itemAt(creators, Math.floor(creators.length * random() ** 1.7));
    const type = random() < 0.85 ? pick(random, creator.favouriteTypes) : pickType(random);
    const location = random() < 0.9 ? pick(random, creator.homeLocations) : pickLocation(random);
    const theme = required(TYPE_THEMES[type.slug], `the theme of event type ${type.slug}`);
    const title = makeTitle(random, theme);
    const venue = pick(random, required(venues.get(location.id), `the venues of location ${location.id}`));
    const ledBy = random() < 0.75 ? (random() < 0.5 ? creator.name : personName(random)) : null;

    const frequencyRoll = random();
    const rule: TRepeatRule = { frequency: frequencyRoll < 0.6 ? "weekly" : frequencyRoll < 0.85 ? "biweekly" : "monthly" };
    if (rule.frequency === "monthly") rule.monthly = random() < 0.6 ? "date" : "weekday";
    else {
      const dayRoll = random();
      const dayCount = rule.frequency === "weekly" ? (dayRoll < 0.5 ? 1 : dayRoll < 0.85 ? 2 : 3) : dayRoll < 0.75 ? 1 : 2;
      const days = new Set<TWeekday>();
      while (days.size < dayCount) days.add(pick(random, WEEKDAY_CODES));
      rule.days = WEEKDAY_CODES.filter((code) => days.has(code));
    }
    // The day the organiser typed; the series starts at the rule's first date from then (synchronizedStart).
    const typedStart = addBaliDays(today, -60 + Math.floor(random() * 91));
    const first = itemAt(benchSeriesDates({ ...rule, count: 1 }, typedStart), 0);
    const endRoll = random();
    let through: string | undefined;
    if (endRoll < 0.5) through = rollingThrough;
    else if (endRoll < 0.75) {
      const until = addBaliDays(today, 31 + Math.floor(random() * 153));
      rule.until = until < first ? first : until;
    } else rule.count = 4 + Math.floor(random() * 27);
    const dates = benchSeriesDates(rule, first, { through });
    if (index % SERIES_CHECK_EVERY === 0) data.samples.push({ rule, first, through, dates });

    const minuteOfDay =
      random() < 0.7
        ? Math.min(21 * 60, Math.max(6 * 60, pick(random, theme.hours) * 60 + pick(random, [0, 0, 15, 30, 30, 45])))
        : 6 * 60 + 15 * Math.floor(random() * 61);
    const startTime = `${String(Math.floor(minuteOfDay / 60)).padStart(2, "0")}:${String(minuteOfDay % 60).padStart(2, "0")}`;
    // Retreats and week-long courses (theme durations in days) are one-off events, not weekly ones.
    const lengths = theme.minutes.filter((minutes) => minutes <= 300);
    const durationMinutes = lengths.length > 0 ? pick(random, lengths) : 120;

    const entranceSlug = pick(random, theme.entrances);
    const paidFees = theme.fees.filter((fee) => fee > 0);
    const fee =
      entranceSlug === "free" || entranceSlug === "donation-based" || paidFees.length === 0 || (entranceSlug === "members-only" && random() < 0.5)
        ? 0
        : pick(random, paidFees);
    const entrance = required(
      entranceBySlug.get(paidFees.length === 0 && entranceSlug !== "donation-based" ? "free" : entranceSlug),
      `the entrance type ${entranceSlug}`,
    );

    const firstStartsAt = startOfBaliDay(first).getTime() + minuteOfDay * MINUTE_MS;
    let createdAt = firstStartsAt - (3 + Math.floor(random() ** 2 * 40)) * DAY_MS - Math.floor(random() * 12) * 3_600_000;
    if (createdAt > nowMs) createdAt = nowMs - Math.floor(random() * 10 * DAY_MS);
    const publishedAt = Math.min(nowMs, createdAt + Math.floor(random() * DAY_MS));
    const seriesSlug = eventSlug(title, uniqueSuffix(firstSlugIndex + index));
    const seriesId = uuid(random);
    const palette = random() < 0.75 ? Math.floor(random() * 12) : null;
    const shared = {
      title,
      description: description(random, theme, title, location, type.name, ledBy),
      venue,
      fee,
      bookingUrl:
        entranceSlug === "prepaid-online" || entranceSlug === "by-registration-only" || random() < 0.15 ? `https://tickets.example.com/${seriesSlug}` : null,
      contactEmail: random() < 0.6 || !creator.organisation ? creator.email : `hello@${slugify(creator.organisation)}.example`,
      contactPhone: random() < 0.5 ? (creator.phone ?? phone(random)) : null,
      groupId: pickGroup(random).id,
      isFeatured: random() < 0.01,
    };

    let templateId = "";
    for (const [position, date] of dates.entries()) {
      const startsAt = startOfBaliDay(date).getTime() + minuteOfDay * MINUTE_MS;
      const endsAt = startsAt + durationMinutes * MINUTE_MS;
      const cancelledAt = random() < 0.02 ? Math.max(publishedAt, Math.min(nowMs, startsAt - Math.floor(random() * 7 * DAY_MS))) : null;
      const status = cancelledAt === null ? "PUBLISHED" : "CANCELLED";
      const updatedAt = Math.max(createdAt, publishedAt, cancelledAt ?? 0);
      const id = uuid(random);
      // As lib/series/keep-series-dates.ts names a date: "sunrise-flow-a1b2-2026-12-08".
      const slug = `${seriesSlug}-${date}`;
      if (position === 0) {
        templateId = id;
        const row = data.templates;
        row.id.push(id);
        row.slug.push(slug);
        row.title.push(shared.title);
        row.description.push(shared.description);
        row.startsAt.push(iso(startsAt));
        row.endsAt.push(iso(endsAt));
        row.durationMinutes.push(durationMinutes);
        row.locationId.push(location.id);
        row.venueName.push(shared.venue.name);
        row.venueAddress.push(shared.venue.address);
        row.eventTypeId.push(type.id);
        row.entranceTypeId.push(entrance.id);
        row.entranceFeeIdr.push(shared.fee);
        row.participantGroupId.push(shared.groupId);
        row.ledBy.push(ledBy);
        row.contactEmail.push(shared.contactEmail);
        row.contactPhone.push(shared.contactPhone);
        row.bookingUrl.push(shared.bookingUrl);
        row.languages.push(spokenLanguagesOf(index));
        row.status.push(status);
        row.unpublishReason.push(null);
        row.isFeatured.push(shared.isFeatured);
        row.publishedAt.push(iso(publishedAt));
        row.cancelledAt.push(cancelledAt === null ? null : iso(cancelledAt));
        row.creatorId.push(creator.id);
        row.deletedAt.push(null);
        row.createdAt.push(iso(createdAt));
        row.updatedAt.push(iso(updatedAt));
        row.seriesId.push(seriesId);
        row.seriesDate.push(date);
      } else {
        const row = data.dates;
        row.id.push(id);
        row.slug.push(slug);
        row.startsAt.push(iso(startsAt));
        row.endsAt.push(iso(endsAt));
        row.status.push(status);
        row.cancelledAt.push(cancelledAt === null ? null : iso(cancelledAt));
        row.updatedAt.push(iso(updatedAt));
        row.seriesDate.push(date);
        row.templateId.push(templateId);
      }
      // Every date has its own image row with the same files (shareSeriesImage).
      if (palette !== null) data.images.push({ id: uuid(random), eventId: id, uploaderId: creator.id, palette, createdAt: iso(createdAt) });
      if (endsAt > nowMs) data.upcomingPublic++;
    }
    data.dateCount += dates.length;
    data.series.push({
      id: seriesId,
      slug: seriesSlug,
      creatorId: creator.id,
      frequency: rule.frequency === "weekly" ? "WEEKLY" : rule.frequency === "biweekly" ? "BIWEEKLY" : "MONTHLY",
      weekdays: rule.days ?? [],
      monthly: rule.frequency !== "monthly" ? null : rule.monthly === "weekday" ? "WEEKDAY" : "DATE",
      startDate: first,
      startTime,
      durationMinutes,
      untilDate: rule.until ?? null,
      dateCount: rule.count ?? null,
      datesThrough: through ?? itemAt(dates, dates.length - 1),
      createdAt: iso(createdAt),
    });
  }
  return data;
}

/** The seed's date arithmetic against the app's own expansion of the same rules (lib/series/repeat-rule.ts). */
function checkSeriesDates(samples: TSeriesData["samples"]): void {
  for (const sample of samples) {
    const expected = seriesDates(sample.rule, { date: sample.first, time: "07:00" }, { through: sample.through, limit: 1_000 });
    if (expected.join() !== sample.dates.join()) {
      throw new Error(
        `scripts/bench/series-dates.ts disagrees with lib/series/repeat-rule.ts for ${JSON.stringify(sample.rule)} from ${sample.first}` +
          ` through ${sample.through ?? "its end"}:\n  seed: ${sample.dates.join(" ")}\n  app:  ${expected.join(" ")}`,
      );
    }
  }
}

async function insertSeries(client: pg.Client, rows: TSeriesRow[]): Promise<void> {
  await client.query(
    `INSERT INTO event_series (id, slug, creator_id, frequency, weekdays, monthly, start_date, start_time, duration_minutes,
                               until_date, date_count, dates_through, created_at, updated_at)
     SELECT id, slug, creator_id, frequency, string_to_array(weekdays, ',')::varchar(2)[], monthly, start_date, start_time, duration_minutes,
            until_date, date_count, dates_through, created_at, created_at
     FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::"SeriesFrequency"[], $5::text[], $6::"SeriesMonthly"[], $7::date[], $8::text[], $9::int4[],
                 $10::date[], $11::int4[], $12::date[], $13::timestamptz[])
       AS t(id, slug, creator_id, frequency, weekdays, monthly, start_date, start_time, duration_minutes, until_date, date_count, dates_through, created_at)`,
    [
      rows.map((row) => row.id),
      rows.map((row) => row.slug),
      rows.map((row) => row.creatorId),
      rows.map((row) => row.frequency),
      rows.map((row) => row.weekdays.join(",")),
      rows.map((row) => row.monthly),
      rows.map((row) => row.startDate),
      rows.map((row) => row.startTime),
      rows.map((row) => row.durationMinutes),
      rows.map((row) => row.untilDate),
      rows.map((row) => row.dateCount),
      rows.map((row) => row.datesThrough),
      rows.map((row) => row.createdAt),
    ],
  );
}

/** The columns of `events` a date that is not a series' first takes from that first date (its template). */
const PER_DATE_COLUMNS = ["id", "slug", "starts_at", "ends_at", "status", "cancelled_at", "updated_at", "series_date"];

/**
 * Inserts the dates after each series' first as copies of it, search_vector included: the vector is a function of
 * the columns copied (title, description, venue, organiser, location, type), so the first date's, which the
 * migration's trigger computed, is every date's. The two search triggers are switched off for this statement alone
 * (in its transaction; a failure rolls the switch back): computing the same vector again for each of ~90,000 dates
 * would double the seed's time, and their words are in search_lexemes already, from the first dates.
 */
async function insertSeriesDates(client: pg.Client, dates: TSeriesDateColumns, batchSize: number): Promise<void> {
  const copied = (
    await client.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'events' AND column_name <> ALL($1::text[]) ORDER BY ordinal_position`,
      [PER_DATE_COLUMNS],
    )
  ).rows.map((row) => quoteIdent(row.column_name));
  const triggers = ["events_search_vector_refresh", "events_search_lexemes_inserted"].map(quoteIdent);
  await client.query("BEGIN");
  try {
    await client.query(`ALTER TABLE events ${triggers.map((name) => `DISABLE TRIGGER ${name}`).join(", ")}`);
    for (let start = 0; start < dates.id.length; start += batchSize) {
      const slice = <T>(values: T[]) => values.slice(start, start + batchSize);
      await client.query(
        `INSERT INTO events (${PER_DATE_COLUMNS.join(", ")}, ${copied.join(", ")})
         SELECT d.id, d.slug, d.starts_at, d.ends_at, d.status, d.cancelled_at, d.updated_at, d.series_date, ${copied.map((column) => `t.${column}`).join(", ")}
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::"EventStatus"[], $6::timestamptz[], $7::timestamptz[], $8::date[], $9::uuid[])
           AS d(id, slug, starts_at, ends_at, status, cancelled_at, updated_at, series_date, template_id)
         JOIN events t ON t.id = d.template_id`,
        [
          slice(dates.id),
          slice(dates.slug),
          slice(dates.startsAt),
          slice(dates.endsAt),
          slice(dates.status),
          slice(dates.cancelledAt),
          slice(dates.updatedAt),
          slice(dates.seriesDate),
          slice(dates.templateId),
        ],
      );
    }
    await client.query(`ALTER TABLE events ${triggers.map((name) => `ENABLE TRIGGER ${name}`).join(", ")}`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/** Rebuilds the benchmark database and fills it. */
export async function seedBenchDatabase(options: TSeedBenchOptions): Promise<TSeedBenchResult> {
  const { databaseUrl, events: eventCount = 100_000, creators: creatorCount = 2_000, series: seriesCount = 0, batchSize = 5_000 } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const phases: Record<string, number> = {};
  const started = performance.now();
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    const seconds = Number(((performance.now() - t0) / 1000).toFixed(2));
    phases[name] = seconds;
    log(`  ${name.padEnd(22)} ${seconds.toFixed(2).padStart(7)} s`);
    return result;
  };

  log(
    `Benchmark database ${redact(databaseUrl)}: ${eventCount.toLocaleString("en-US")} events + ${seriesCount.toLocaleString("en-US")} series,` +
      ` ${creatorCount.toLocaleString("en-US")} creators`,
  );
  await phase("migrations (reset)", () => runMigrations({ databaseUrl, mode: "reset", log: () => {} }));

  // The app's own seed writes the reference data; it reads the env once, so set it first.
  Object.assign(process.env, { DATABASE_URL: databaseUrl, SEED_DEMO: "0", REDIS_KEY_PREFIX: process.env.BENCH_REDIS_PREFIX ?? BENCH_REDIS_PREFIX });
  process.env.REDIS_URL ??= "redis://127.0.0.1:6379";
  const uploadDir = process.env.UPLOAD_DIR || "./data/uploads";
  const covers = await phase("reference data", async () => {
    const [{ seed }, { disconnectDb }, { closeRedis }, { ensureCoverImage }] = await Promise.all([
      import("../../prisma/seed"),
      import("../../lib/db"),
      import("../../lib/redis"),
      import("../../lib/events/seed/cover-images"),
    ]);
    const quiet = console.log;
    console.log = () => {};
    try {
      await seed(); // also clears the zbbench: caches of a previous run
    } finally {
      console.log = quiet;
      await disconnectDb();
      await closeRedis();
    }
    return Promise.all(Array.from({ length: 12 }, (_, palette) => ensureCoverImage(uploadDir, palette)));
  });

  // Two connections load batches in parallel (the search_vector trigger,
  // which parses every text, is the costly part and uses one core each).
  const clients = [new pg.Client({ connectionString: databaseUrl }), new pg.Client({ connectionString: databaseUrl })];
  await Promise.all(clients.map((client) => client.connect()));
  const [client] = clients as [pg.Client, pg.Client];
  try {
    for (const each of clients) await each.query("SET synchronous_commit = off");
    const reference = await loadReference(client);
    const random = prng(SEED);
    const now = new Date();
    const creators = makeCreators(creatorCount, now, reference.locations, reference.types, random);
    await phase("creators", () => insertCreators(client, creators));

    let images = 0;
    let upcomingPublic = 0;
    const indexes = await phase("drop event indexes", () => dropSecondaryIndexes(client, "events"));
    await phase("events + images", async () => {
      const inFlight = new Map<pg.Client, Promise<void>>();
      const load = async (each: pg.Client, batch: { columns: TEventColumns; images: TImageRow[] }) => {
        await each.query("BEGIN");
        await insertEvents(each, batch.columns);
        await insertImages(each, batch.images, covers);
        await each.query("COMMIT");
      };
      let turn = 0;
      for (const batch of makeEvents(eventCount, batchSize, now, creators, reference, random)) {
        const each = itemAt(clients, turn++ % clients.length);
        await inFlight.get(each);
        inFlight.set(each, load(each, batch));
        images += batch.images.length;
        upcomingPublic += batch.upcomingPublic;
      }
      await Promise.all(inFlight.values());
    });
    // The series come from their own random sequence, so the one-off events stay the same rows with or without them.
    let seriesDateCount = 0;
    if (seriesCount > 0) {
      await phase("series + dates", async () => {
        const series = makeSeries(seriesCount, eventCount, now, creators, reference, prng(SEED + 1));
        checkSeriesDates(series.samples);
        seriesDateCount = series.dateCount;
        upcomingPublic += series.upcomingPublic;
        images += series.images.length;
        await insertSeries(client, series.series);
        // The first dates, through the search_vector trigger like every event, split over both connections.
        const half = Math.ceil(series.series.length / 2);
        const part = (from: number, to: number) =>
          Object.fromEntries(Object.entries(series.templates).map(([key, values]) => [key, (values as unknown[]).slice(from, to)])) as TEventColumns;
        await Promise.all([insertEvents(client, part(0, half)), insertEvents(itemAt(clients, 1), part(half, series.series.length))]);
        await insertSeriesDates(client, series.dates, 20_000);
        await Promise.all(
          clients.map(async (each, i) => {
            for (let start = i * 20_000; start < series.images.length; start += 20_000 * clients.length) {
              await insertImages(each, series.images.slice(start, start + 20_000), covers);
            }
          }),
        );
      });
    }
    await phase("rebuild event indexes", () =>
      Promise.all(
        clients.map(async (each, i) => {
          for (const definition of indexes.filter((_, n) => n % clients.length === i)) await each.query(definition);
        }),
      ),
    );
    await phase("vacuum analyze", () =>
      Promise.all(
        clients.map(async (each, i) => {
          const tables = i === 0 ? ["events"] : ["images", "event_series", "users", "locations", "event_types", "entrance_types", "participant_groups"];
          for (const table of tables) await each.query(`VACUUM (ANALYZE) ${table}`);
        }),
      ),
    );

    const totalSeconds = Number(((performance.now() - started) / 1000).toFixed(2));
    log(`  ${"total".padEnd(22)} ${totalSeconds.toFixed(2).padStart(7)} s`);
    log(
      `Done: ${eventCount.toLocaleString("en-US")} events + ${seriesCount.toLocaleString("en-US")} series (${seriesDateCount.toLocaleString("en-US")} dates)` +
        ` (${upcomingPublic.toLocaleString("en-US")} upcoming and public), ${images.toLocaleString("en-US")} images, ${creatorCount.toLocaleString("en-US")} creators.`,
    );
    return {
      databaseUrl: redact(databaseUrl),
      events: eventCount,
      series: seriesCount,
      seriesDates: seriesDateCount,
      creators: creatorCount,
      images,
      upcomingPublic,
      phases,
      totalSeconds,
    };
  } finally {
    await Promise.all(clients.map((each) => each.end()));
  }
}

/**
 * Drops a table's indexes that back no constraint and returns their
 * definitions: building an index once after a bulk load is several times
 * cheaper than updating it row by row (GIN above all).
 */
async function dropSecondaryIndexes(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [table],
  );
  for (const row of rows) await client.query(`DROP INDEX ${quoteIdent(row.name)}`);
  return rows.map((row) => row.definition);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function loadReference(client: pg.Client): Promise<TReference> {
  const rows = async (table: string) => (await client.query<TRef>(`SELECT id, slug, name FROM ${table} ORDER BY sort_order, id`)).rows;
  const [locations, types, entrances, groups] = [
    await rows("locations"),
    await rows("event_types"),
    await rows("entrance_types"),
    await rows("participant_groups"),
  ];
  for (const type of types) {
    if (!TYPE_THEMES[type.slug]) throw new Error(`scripts/bench/vocabulary.ts has no theme for the event type "${type.slug}"`);
  }
  return { locations, types, entrances, groups };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

function parseArgs(argv: string[]): { events: number; creators: number; series: number; databaseUrl: string } {
  let series: number | undefined;
  const result = { events: 100_000, creators: 2_000, databaseUrl: process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = itemAt(argv, i).split("=", 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? "";
    const count = (name: string, min = 1) => {
      const parsed = Number(value());
      if (!Number.isInteger(parsed) || parsed < min || parsed > 5_000_000) throw new Error(`${name} must be a whole number from ${min} to 5,000,000`);
      return parsed;
    };
    if (flag === "--events") result.events = count("--events");
    else if (flag === "--creators") result.creators = count("--creators");
    else if (flag === "--series") series = count("--series", 0);
    else if (flag === "--database-url") result.databaseUrl = value();
    else throw new Error(`Unknown argument "${argv[i]}". Usage: npm run bench:seed -- [--events N] [--creators N] [--series N] [--database-url URL]`);
  }
  if (!/^postgres(ql)?:\/\//.test(result.databaseUrl)) throw new Error("--database-url must be a postgresql:// URL");
  return { ...result, series: series ?? Math.round(result.events / 20) };
}

if (isMainModule(import.meta.url)) {
  (async () => {
    const args = parseArgs(process.argv.slice(2));
    await seedBenchDatabase(args);
  })().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`bench:seed failed: ${describeError(error)}`);
      process.exit(1);
    },
  );
}
