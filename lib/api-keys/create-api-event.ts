import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { invalidateEventChange } from "@/lib/cache/public-changes";
import { db, Prisma } from "@/lib/db";
import { toEventColumns } from "@/lib/events/event-form-data";
import { eventSlug } from "@/lib/events/event-slug";
import type { TEventFormData } from "@/lib/events/event-form-schema";
import { AppError } from "@/lib/errors";
import { insertSeriesDraft } from "@/lib/series/create-series";
import { publishSeriesDates } from "@/lib/series/keep-series-dates";
import type { TRepeatRule } from "@/lib/series/repeat-rule";
import { toBaliDate, toBaliTime } from "@/lib/time/bali";
import type { TApiKeyPrincipal } from "./authenticate-api-key";
import { API_EVENT_INVALID_MESSAGE, parseApiEvent } from "./parse-api-event";
import { parseApiRepeat, validateApiRepeat } from "./parse-api-repeat";

/**
 * POST /api/v1/events: a PUBLISHED event (no payment) for the key's owner,
 * validated like the creator form; with `repeat`, a published series (its
 * dates created at once, lib/series). The insert and its audit row
 * (`api.event.create`, actor = the owner, naming the key) share one
 * transaction; a refused request writes neither. Public caches follow at once.
 */
export async function createApiEvent({
  principal,
  body,
  ip,
  now = new Date(),
}: {
  principal: TApiKeyPrincipal;
  body: Record<string, unknown>;
  ip?: string | null;
  now?: Date;
}): Promise<{ id: string; slug: string }> {
  const { data, rule } = await parseApiEventAndRepeat(body, now);
  const columns = await toEventColumns(data);
  const audit = async (tx: Prisma.TransactionClient, created: { id: string; slug: string; title: string; startsAt: Date }) => {
    await recordAudit(tx, {
      actor: { id: principal.owner.id, email: principal.owner.email },
      action: "api.event.create",
      targetType: "event",
      targetId: created.id,
      ip,
      summary: {
        apiKey: { id: principal.keyId, prefix: principal.prefix, name: principal.keyName },
        ip: ip ?? null,
        before: null,
        after: { title: created.title, slug: created.slug, status: "PUBLISHED", startsAt: created.startsAt.toISOString(), repeat: rule ?? null },
      },
    });
  };
  if (rule) {
    // A series: its first date and the series, published, then its other dates.
    const created = await insertSeriesDraft(columns, principal.owner.id, rule, { publishedAt: now, inTransaction: audit });
    await invalidateEventChange({ slug: created.slug, creatorIds: [principal.owner.id], before: null, after: { status: "PUBLISHED" } });
    await publishSeriesDates(created.seriesId);
    return { id: created.id, slug: created.slug };
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const event = await db.$transaction(async (tx) => {
        const created = await tx.event.create({
          data: { ...columns, slug: eventSlug(columns.title), status: "PUBLISHED", publishedAt: now, creatorId: principal.owner.id },
          select: { id: true, slug: true, title: true, startsAt: true },
        });
        await audit(tx, created);
        return { id: created.id, slug: created.slug };
      });
      await invalidateEventChange({ slug: event.slug, creatorIds: [principal.owner.id], before: null, after: { status: "PUBLISHED" } });
      return event;
    } catch (error) {
      const slugTaken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!slugTaken || attempt >= 5) throw error;
    }
  }
}

/** The event's fields and its `repeat`, every message at once (422). */
async function parseApiEventAndRepeat(body: Record<string, unknown>, now: Date): Promise<{ data: TEventFormData; rule: TRepeatRule | null }> {
  const startDate = typeof body.startDate === "string" ? body.startDate.trim() : "";
  const repeat = parseApiRepeat(body.repeat, startDate);
  let data: TEventFormData | null = null;
  let fields: Record<string, string> = { ...repeat.fields };
  try {
    data = await parseApiEvent(body, { now });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "INVALID_INPUT") throw error;
    fields = { ...error.fields, ...fields };
  }
  if (data && repeat.rule) Object.assign(fields, validateApiRepeat(repeat.rule, { date: toBaliDate(data.startsAt), time: toBaliTime(data.startsAt) }));
  if (!data || Object.keys(fields).length > 0) throw new AppError("INVALID_INPUT", API_EVENT_INVALID_MESSAGE, { fields });
  return { data, rule: repeat.rule };
}
