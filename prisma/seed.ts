/**
 * `npm run db:seed` — idempotent. Writes the reference data exactly as
 * the product contract lists it, the first admin from ADMIN_EMAIL / ADMIN_PASSWORD (when
 * both are set; an existing admin's password is never reset; the password must
 * pass the password policy), and, unless
 * SEED_DEMO=0, a demo organiser with upcoming events over the next 60 days
 * and two weekly classes (recurring series).
 */
import "../scripts/load-env";
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { checkPasswordPolicy } from "@/lib/auth/password-policy";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { db, disconnectDb, Prisma } from "@/lib/db";
import { DEMO_CREATOR_EMAIL } from "@/lib/demo/demo-accounts";
import { getEnv } from "@/lib/env";
import { eventSlug } from "@/lib/events/event-slug";
import { ensureCoverImage } from "@/lib/events/seed/cover-images";
import { demoEvents } from "@/lib/events/seed/demo-events";
import { slugify } from "@/lib/format/slug";
import { closeRedis } from "@/lib/redis";
import { ENTRANCE_TYPES, EVENT_TYPES, LOCATIONS, PARTICIPANT_GROUPS, SEEDED_NAMES } from "@/lib/reference/reference-data";
import { dateColumn, SERIES_LIMITS, seriesDates, synchronizedStart, type TWeekday } from "@/lib/series/repeat-rule";
import { addBaliDays, fromBaliDateTime, toBaliDate } from "@/lib/time/bali";

export { DEMO_CREATOR_EMAIL };
const DEMO_EVENT_COUNT = 72;

async function seedReferenceData() {
  const tables = [
    ["locations", LOCATIONS, (args: never) => db.location.upsert(args), null],
    ["event types", EVENT_TYPES, (args: never) => db.eventType.upsert(args), "event_types"],
    ["entrance types", ENTRANCE_TYPES, (args: never) => db.entranceType.upsert(args), "entrance_types"],
    ["participant groups", PARTICIPANT_GROUPS, (args: never) => db.participantGroup.upsert(args), "participant_groups"],
  ] as const;
  for (const [label, names, upsert, table] of tables) {
    for (const [index, name] of names.entries()) {
      const slug = slugify(name); // the product contract's rule: "By Registration Only" → by-registration-only
      // Locations keep one name; the others get their Indonesian and Russian names.
      const translated = table ? { names: SEEDED_NAMES[name] ?? {} } : {};
      // Existing rows are left as they are: an admin may have renamed or deactivated them.
      await upsert({ where: { slug }, create: { name, slug, sortOrder: (index + 1) * 10, ...translated }, update: {} } as never);
      // A row seeded before names existed gets them, unless an admin has renamed it or written translations.
      if (table && SEEDED_NAMES[name]) {
        await db.$executeRaw`UPDATE ${Prisma.raw(`"${table}"`)} SET names = ${JSON.stringify(SEEDED_NAMES[name])}::jsonb
          WHERE slug = ${slug} AND name = ${name} AND names = '{}'::jsonb`;
      }
    }
    console.log(`  ${label}: ${names.length}`);
  }
}

/**
 * The first admin's password follows the same policy as everyone's
 * (lib/auth/password-policy.ts): 8 to 128 characters, not a common password,
 * not the email address. Returns a message for the operator, or null.
 */
function adminPasswordProblem(password: string, email: string): string | null {
  const problem = checkPasswordPolicy({ password, email });
  if (!problem) return null;
  return (
    `ADMIN_PASSWORD is refused: ${problem} The first admin's password must be 8 to 128 characters, not a common password ` +
    "and not the email address (a long passphrase works well). No admin was created."
  );
}

async function seedAdmin() {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = getEnv();
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD) {
    console.log("  admin: skipped (set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin)");
    return;
  }
  const email = ADMIN_EMAIL.toLowerCase();
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    console.log(`  admin: ${email} already exists (password unchanged)`);
    return;
  }
  const problem = adminPasswordProblem(ADMIN_PASSWORD, email);
  if (problem) throw new Error(problem);
  await db.user.create({
    data: { email, role: "ADMIN", name: "Admin", passwordHash: await hashPassword(ADMIN_PASSWORD), emailVerifiedAt: new Date() },
  });
  console.log(`  admin: created ${email}`);
}

async function seedDemo() {
  const creator = await db.user.upsert({
    where: { email: DEMO_CREATOR_EMAIL },
    // A random password nobody knows: the demo organiser cannot sign in until an admin resets it.
    create: {
      email: DEMO_CREATOR_EMAIL,
      name: "Wayan Demo",
      organisation: "Bali Mindful Events",
      phone: "+62 812 3456 7890",
      emailVerifiedAt: new Date(),
      passwordHash: await hashPassword(randomBytes(24).toString("base64url")),
    },
    update: {},
    select: { id: true },
  });
  const [locations, types, entrances, groups] = await Promise.all([
    db.location.findMany({ select: { id: true, slug: true } }),
    db.eventType.findMany({ select: { id: true, slug: true } }),
    db.entranceType.findMany({ select: { id: true, slug: true } }),
    db.participantGroup.findMany({ select: { id: true, slug: true } }),
  ]);
  const idOf = (rows: { id: number; slug: string }[], slug: string) => {
    const row = rows.find((item) => item.slug === slug);
    if (!row) throw new Error(`reference item ${slug} is missing`);
    return row.id;
  };
  const now = new Date();
  const today = toBaliDate(now);
  const { UPLOAD_DIR } = getEnv();
  const events = demoEvents(
    DEMO_EVENT_COUNT,
    locations.map((location) => location.slug),
  );
  for (const [index, demo] of events.entries()) {
    let startsAt = fromBaliDateTime(addBaliDays(today, demo.dayOffset), demo.startTime);
    if (demo.dayOffset === 0) {
      // Today's events: one already under way, the others later today.
      const quarter = 15 * 60_000;
      startsAt = new Date(Math.floor(now.getTime() / quarter) * quarter + (index === 0 ? -30 : 60 + index * 60) * 60_000);
    }
    const endsAt = new Date(startsAt.getTime() + demo.durationMinutes * 60_000);
    const slug = eventSlug(demo.title, demo.key.replace("demo-", "demo"));
    const data = {
      title: demo.title,
      description: demo.description,
      startsAt,
      endsAt,
      durationMinutes: demo.durationMinutes,
      locationId: idOf(locations, demo.locationSlug),
      venueName: demo.venueName,
      venueAddress: demo.venueAddress,
      eventTypeId: idOf(types, demo.typeSlug),
      entranceTypeId: idOf(entrances, demo.entranceSlug),
      entranceFeeIdr: demo.entranceSlug === "free" ? 0 : demo.feeIdr,
      participantGroupId: idOf(groups, demo.groupSlug),
      ledBy: demo.ledBy,
      contactEmail: "hello@bali-mindful-events.example",
      contactPhone: "+62 812 3456 7890",
      bookingUrl: demo.bookingUrl,
      status: "PUBLISHED" as const,
      isFeatured: demo.featured,
      publishedAt: new Date(now.getTime() - (DEMO_EVENT_COUNT - index) * 3_600_000),
      deletedAt: null,
    };
    const event = await db.event.upsert({ where: { slug }, create: { slug, creatorId: creator.id, ...data }, update: data, select: { id: true } });
    // Every fifth event has no picture, so the placeholder is seen too.
    if (index % 5 !== 4) {
      const cover = await ensureCoverImage(UPLOAD_DIR, demo.palette);
      await db.image.upsert({ where: { eventId: event.id }, create: { eventId: event.id, uploaderId: creator.id, ...cover }, update: cover });
    }
  }
  const series = await seedDemoSeries({ creatorId: creator.id, today, idOf: { locations, types, entrances, groups }, uploadDir: UPLOAD_DIR });
  console.log(`  demo: ${events.length} upcoming events and ${series} weekly series by ${DEMO_CREATOR_EMAIL}`);
}

type TReferenceRows = { id: number; slug: string }[];

/**
 * Two weekly classes, so that the demo shows a series once on "/" ("Every Tue and Thu"), every date on /calendar
 * and /?dates=all, and the whole series in a calendar. The series and its dates are keyed by fixed slugs, so seeding
 * again only adds the dates ahead (as the hourly job does for any series). No server-only module here: every entry
 * point (the demo, the e2e database, the bench) imports this file with plain tsx.
 */
async function seedDemoSeries({
  creatorId,
  today,
  idOf,
  uploadDir,
}: {
  creatorId: string;
  today: string;
  idOf: { locations: TReferenceRows; types: TReferenceRows; entrances: TReferenceRows; groups: TReferenceRows };
  uploadDir: string;
}): Promise<number> {
  const id = (rows: TReferenceRows, slug: string) => rows.find((row) => row.slug === slug)?.id ?? rows[0]?.id ?? 1;
  const classes = [
    {
      slug: "sunrise-flow-demo1",
      title: "Sunrise Flow",
      description: "A gentle vinyasa class as the sun comes up over the rice fields. All levels; mats provided.",
      weekdays: ["TU", "TH"],
      startTime: "07:00",
      durationMinutes: 75,
      location: "ubud",
      type: "yoga",
      entrance: "pay-at-site",
      fee: 150_000,
      venue: "The Yoga Barn",
      palette: 1,
    },
    {
      slug: "ecstatic-dance-sunday-demo2",
      title: "Ecstatic Dance Sunday",
      description: "No shoes, no talking, no phones on the dance floor: a live DJ set and an opening circle.",
      weekdays: ["SU"],
      startTime: "10:00",
      durationMinutes: 180,
      location: "canggu",
      type: "ecstatic-dance",
      entrance: "pay-at-site",
      fee: 180_000,
      venue: "Samadi Bali",
      palette: 2,
    },
  ];
  for (const demo of classes) {
    const rule = { frequency: "weekly" as const, days: demo.weekdays as TWeekday[] };
    // The series keeps the start it was first seeded with; its dates from today on are upserted by their slugs.
    const series = await db.eventSeries.upsert({
      where: { slug: demo.slug },
      create: {
        slug: demo.slug,
        creatorId,
        frequency: "WEEKLY",
        weekdays: demo.weekdays,
        // From tomorrow: the demo's "today" stays the one-off events' (some e2e specs count on it).
        startDate: new Date(`${synchronizedStart(rule, { date: addBaliDays(today, 1), time: demo.startTime })?.date ?? today}T00:00:00Z`),
        startTime: demo.startTime,
        durationMinutes: demo.durationMinutes,
      },
      update: {},
      select: { id: true, startDate: true },
    });
    const through = addBaliDays(today, SERIES_LIMITS.rollingWeeks * 7);
    const dates = seriesDates(rule, { date: dateColumn(series.startDate), time: demo.startTime }, { through }).filter((date) => date > today);
    const cover = await ensureCoverImage(uploadDir, demo.palette);
    for (const date of dates) {
      const startsAt = fromBaliDateTime(date, demo.startTime);
      const data = {
        title: demo.title,
        description: demo.description,
        startsAt,
        endsAt: new Date(startsAt.getTime() + demo.durationMinutes * 60_000),
        durationMinutes: demo.durationMinutes,
        locationId: id(idOf.locations, demo.location),
        venueName: demo.venue,
        eventTypeId: id(idOf.types, demo.type),
        entranceTypeId: id(idOf.entrances, demo.entrance),
        entranceFeeIdr: demo.fee,
        participantGroupId: id(idOf.groups, "open"),
        contactEmail: "hello@bali-mindful-events.example",
        status: "PUBLISHED" as const,
        publishedAt: new Date(),
        seriesId: series.id,
        seriesDate: new Date(`${date}T00:00:00Z`),
        deletedAt: null,
      };
      const slug = `${demo.slug}-${date}`;
      const event = await db.event.upsert({ where: { slug }, create: { slug, creatorId, ...data }, update: data, select: { id: true } });
      await db.image.upsert({ where: { eventId: event.id }, create: { eventId: event.id, uploaderId: creatorId, ...cover }, update: cover });
    }
    await db.eventSeries.update({ where: { id: series.id }, data: { datesThrough: new Date(`${through}T00:00:00Z`) } });
  }
  return classes.length;
}

export async function seed() {
  const env = getEnv();
  console.log("Seeding…");
  // The admin first: a refused ADMIN_PASSWORD stops the seed before anything is written.
  await seedAdmin();
  await seedReferenceData();
  if (env.SEED_DEMO) await seedDemo();
  else console.log("  demo: skipped (SEED_DEMO=0)");
  await invalidatePublicCaches("reference");
  console.log("Seed complete.");
}

const isDirectRun = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("prisma/seed.ts");
if (isDirectRun) {
  try {
    getEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  seed()
    .then(async () => {
      await disconnectDb();
      await closeRedis();
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error("Seed failed:", error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
