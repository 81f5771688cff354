/**
 * `repeat` in POST /api/v1/events (lib/api-keys/create-api-event.ts): a published series with every date created
 * at once and one audit row; a bad `repeat` is a 422 with a message per field and writes nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createApiEvent } from "@/lib/api-keys/create-api-event";
import type { TApiKeyPrincipal } from "@/lib/api-keys/authenticate-api-key";
import { db, disconnectDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { closeRedis } from "@/lib/redis";
import { weekdayOf } from "@/lib/series/repeat-words";
import { addBaliDays, toBaliDate, toBaliTime } from "@/lib/time/bali";
import { clearEvents, createCreator } from "../support/fixtures";

let principal: TApiKeyPrincipal;
const firstTuesday = (() => {
  let date = addBaliDays(toBaliDate(new Date()), 3);
  while (weekdayOf(date) !== "TU") date = addBaliDays(date, 1);
  return date;
})();

const body = (repeat: unknown) => ({
  title: "Sunrise Flow by API",
  startDate: firstTuesday,
  startTime: "07:00",
  durationHours: 1,
  location: "Ubud",
  venueName: "Yoga Barn",
  eventType: "yoga",
  entranceType: "free",
  contactEmail: "api@example.test",
  repeat,
});

afterAll(async () => {
  await clearEvents();
  await closeRedis();
  await disconnectDb();
});

beforeEach(async () => {
  await clearEvents();
  const owner = await createCreator({ name: `API Owner ${randomUUID().slice(0, 6)}` });
  principal = {
    keyId: randomUUID(),
    keyName: "agent",
    prefix: "zb_test",
    scopes: ["events:write"],
    owner: { id: owner.id, email: owner.email, name: owner.name },
  };
});

describe("POST /api/v1/events with repeat", () => {
  it("creates a published series and all its dates, at 07:00 in Bali on Tuesdays and Thursdays, with one audit row", async () => {
    const created = await createApiEvent({ principal, body: body({ frequency: "weekly", days: ["TH", "TU"], count: 5 }) });
    const first = await db.event.findUniqueOrThrow({ where: { id: created.id }, include: { series: true } });
    expect(first.series?.dateCount).toBe(5);
    const dates = await db.event.findMany({ where: { seriesId: first.seriesId }, orderBy: { startsAt: "asc" } });
    expect(dates.map((date) => [toBaliDate(date.startsAt), toBaliTime(date.startsAt), date.status])).toEqual(
      [0, 2, 7, 9, 14].map((days) => [addBaliDays(firstTuesday, days), "07:00", "PUBLISHED"]),
    );
    expect(await db.auditLog.count({ where: { action: "api.event.create", targetId: created.id } })).toBe(1);
  });

  it("refuses a bad repeat field by field (422) and writes nothing", async () => {
    for (const [repeat, field] of [
      ["weekly", "repeat"],
      [{ frequency: "daily" }, "repeat.frequency"],
      [{ frequency: "weekly", days: ["XX"] }, "repeat.days"],
      [{ frequency: "weekly", days: ["TU"], count: 1 }, "repeat.count"],
      [{ frequency: "weekly", days: ["TU"], until: addBaliDays(firstTuesday, 500) }, "repeat.until"],
      [{ frequency: "weekly", days: ["TU"], until: addBaliDays(firstTuesday, 30), count: 4 }, "repeat.until"],
    ] as const) {
      const error = await createApiEvent({ principal, body: body(repeat) }).catch((caught: unknown) => caught);
      expect(error, JSON.stringify(repeat)).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("INVALID_INPUT");
      expect(Object.keys((error as AppError).fields ?? {}), JSON.stringify(repeat)).toContain(field);
    }
    expect(await db.event.count()).toBe(0);
    expect(await db.eventSeries.count()).toBe(0);
  });
});
