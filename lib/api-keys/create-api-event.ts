import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { invalidateEventChange } from "@/lib/cache/public-changes";
import { db, Prisma } from "@/lib/db";
import { toEventColumns } from "@/lib/events/event-form-data";
import { eventSlug } from "@/lib/events/event-slug";
import type { TApiKeyPrincipal } from "./authenticate-api-key";
import { parseApiEvent } from "./parse-api-event";

/**
 * POST /api/v1/events: a PUBLISHED event (no payment) for the key's owner,
 * validated like the creator form. The insert and its audit row
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
  const data = await parseApiEvent(body, { now });
  const columns = await toEventColumns(data);
  for (let attempt = 1; ; attempt++) {
    try {
      const event = await db.$transaction(async (tx) => {
        const created = await tx.event.create({
          data: { ...columns, slug: eventSlug(columns.title), status: "PUBLISHED", publishedAt: now, creatorId: principal.owner.id },
          select: { id: true, slug: true, title: true, startsAt: true },
        });
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
            after: { title: created.title, slug: created.slug, status: "PUBLISHED", startsAt: created.startsAt.toISOString() },
          },
        });
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
