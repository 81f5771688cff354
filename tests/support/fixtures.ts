import { randomUUID } from "node:crypto";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { db, type EventStatus } from "@/lib/db";
import { eventSlug } from "@/lib/events/event-slug";
import { EMPTY_EVENT_FORM, type TEventFormValues } from "@/lib/events/event-form-schema";

export async function referenceIds() {
  const [location, eventType, entranceType, freeEntrance, group] = await Promise.all([
    db.location.findUniqueOrThrow({ where: { slug: "ubud" } }),
    db.eventType.findUniqueOrThrow({ where: { slug: "yoga" } }),
    db.entranceType.findUniqueOrThrow({ where: { slug: "pay-at-site" } }),
    db.entranceType.findUniqueOrThrow({ where: { slug: "free" } }),
    db.participantGroup.findUniqueOrThrow({ where: { slug: "open" } }),
  ]);
  return { location, eventType, entranceType, freeEntrance, group };
}

export async function createCreator(overrides: { name?: string; organisation?: string | null } = {}) {
  return db.user.create({
    data: {
      email: `creator-${randomUUID()}@example.test`,
      name: overrides.name ?? "Test Organiser",
      organisation: overrides.organisation ?? null,
      passwordHash: "not-a-real-hash",
    },
  });
}

type TEventFixture = {
  creatorId: string;
  title?: string;
  description?: string;
  startsAt: Date;
  durationMinutes?: number;
  status?: EventStatus;
  locationSlug?: string;
  typeSlug?: string;
  entranceSlug?: string;
  feeIdr?: number;
  venueName?: string;
  isFeatured?: boolean;
  languages?: string[];
  deletedAt?: Date | null;
  publishedAt?: Date | null;
};

/** Inserts an event directly (fixture setup, not an app write path). */
export async function createEvent(fixture: TEventFixture) {
  const title = fixture.title ?? "Morning Yoga";
  const duration = fixture.durationMinutes ?? 90;
  const [location, eventType, entranceType, group] = await Promise.all([
    db.location.findUniqueOrThrow({ where: { slug: fixture.locationSlug ?? "ubud" } }),
    db.eventType.findUniqueOrThrow({ where: { slug: fixture.typeSlug ?? "yoga" } }),
    db.entranceType.findUniqueOrThrow({ where: { slug: fixture.entranceSlug ?? (fixture.feeIdr ? "pay-at-site" : "free") } }),
    db.participantGroup.findUniqueOrThrow({ where: { slug: "open" } }),
  ]);
  return db.event.create({
    data: {
      slug: eventSlug(title),
      title,
      description: fixture.description ?? "A gentle session.",
      startsAt: fixture.startsAt,
      endsAt: new Date(fixture.startsAt.getTime() + duration * 60_000),
      durationMinutes: duration,
      locationId: location.id,
      eventTypeId: eventType.id,
      entranceTypeId: entranceType.id,
      entranceFeeIdr: fixture.feeIdr ?? 0,
      participantGroupId: group.id,
      venueName: fixture.venueName ?? "Community Hall",
      contactEmail: "host@example.test",
      status: fixture.status ?? "PUBLISHED",
      isFeatured: fixture.isFeatured ?? false,
      languages: fixture.languages ?? ["en"],
      publishedAt: fixture.publishedAt === undefined ? new Date() : fixture.publishedAt,
      deletedAt: fixture.deletedAt ?? null,
      creatorId: fixture.creatorId,
    },
  });
}

/** Removes every event (and what hangs off events) between test files. */
export async function clearEvents() {
  await db.eventViewCount.deleteMany();
  await db.image.deleteMany();
  await db.report.deleteMany();
  await db.payment.deleteMany();
  await db.event.deleteMany();
  await db.eventSeries.deleteMany();
  // Listings cached by an earlier test file would still show the deleted events.
  await invalidatePublicCaches("event");
}

/**
 * The event form's fields filled as a creator fills them for a free yoga class at 07:00 in Ubud (one hour), with
 * `overrides` on top: what saveEvent takes in the tests of series and closed days.
 */
export function eventFormValues(overrides: Partial<TEventFormValues> & Pick<TEventFormValues, "title" | "startDate">): TEventFormValues {
  return {
    ...EMPTY_EVENT_FORM,
    description: "A gentle session.",
    startTime: "07:00",
    durationHours: "1",
    durationMinutes: "0",
    location: "ubud",
    venueName: "Community Hall",
    eventType: "yoga",
    entranceType: "free",
    participantGroup: "open",
    contactEmail: "host@example.test",
    ...overrides,
  };
}
