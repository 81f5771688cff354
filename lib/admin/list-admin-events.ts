import "server-only";
import { z } from "zod";
import { db, Prisma } from "@/lib/db";
import { toPrefixTsQuery } from "@/lib/events/search-terms";
import { addBaliDays, isValidBaliDate, startOfBaliDay } from "@/lib/time/bali";

export const ADMIN_PAGE_SIZE = 25;
const STATUSES = ["DRAFT", "AWAITING_PAYMENT", "PUBLISHED", "CANCELLED", "UNPUBLISHED", "DELETED"] as const;

export const ZAdminEventQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  location: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional()
    .catch(undefined),
  type: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional()
    .catch(undefined),
  from: z.string().refine(isValidBaliDate).optional().catch(undefined),
  to: z.string().refine(isValidBaliDate).optional().catch(undefined),
  featured: z.enum(["yes", "no"]).optional().catch(undefined),
  creator: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export type TAdminEventQuery = z.output<typeof ZAdminEventQuery>;

/** Every event (any status, deleted ones on request) for /admin/events, newest start first. */
export async function listAdminEvents(query: TAdminEventQuery) {
  const where: Prisma.EventWhereInput = {};
  if (query.status === "DELETED") where.deletedAt = { not: null };
  else {
    where.deletedAt = null;
    if (query.status) where.status = query.status;
  }
  if (query.location) where.location = { slug: query.location };
  if (query.type) where.eventType = { slug: query.type };
  if (query.creator) where.creatorId = query.creator;
  if (query.featured) where.isFeatured = query.featured === "yes";
  if (query.from || query.to) {
    where.AND = [
      ...(query.from ? [{ endsAt: { gt: startOfBaliDay(query.from) } }] : []),
      ...(query.to ? [{ startsAt: { lt: startOfBaliDay(addBaliDays(query.to, 1)) } }] : []),
    ];
  }
  if (query.q) {
    // The same full-text search as the public site.
    const prefix = toPrefixTsQuery(query.q);
    if (prefix) {
      const matches = await db.$queryRaw<{ id: string }[]>`
        SELECT id FROM events WHERE search_vector @@ (websearch_to_tsquery('english', ${query.q}) || to_tsquery('simple', ${prefix})) LIMIT 5000`;
      where.id = { in: matches.map((row) => row.id) };
    }
  }
  const page = query.page ?? 1;
  const [total, events] = await Promise.all([
    db.event.count({ where }),
    db.event.findMany({
      where,
      orderBy: [{ startsAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
      select: {
        id: true,
        slug: true,
        title: true,
        status: true,
        isFeatured: true,
        startsAt: true,
        endsAt: true,
        deletedAt: true,
        unpublishReason: true,
        location: { select: { name: true } },
        eventType: { select: { name: true } },
        creator: { select: { name: true, email: true } },
      },
    }),
  ]);
  return { events, total, page, totalPages: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)) };
}
