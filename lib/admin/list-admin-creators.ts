import "server-only";
import { z } from "zod";
import { db, type Prisma } from "@/lib/db";

export const CREATORS_PAGE_SIZE = 25;

export const ZAdminCreatorQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(["active", "inactive", "unverified", "admins"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export type TAdminCreatorQuery = z.output<typeof ZAdminCreatorQuery>;

/** Creators for /admin/creators: search by name, organisation or email; with their event counts. */
export async function listAdminCreators(query: TAdminCreatorQuery) {
  // "admins": the admin accounts, so that their sessions can be ended too.
  const where: Prisma.UserWhereInput = { role: query.status === "admins" ? "ADMIN" : "CREATOR" };
  if (query.q) {
    where.OR = [
      { name: { contains: query.q, mode: "insensitive" } },
      { organisation: { contains: query.q, mode: "insensitive" } },
      { email: { contains: query.q.toLowerCase() } },
    ];
  }
  if (query.status === "active") where.isActive = true;
  if (query.status === "inactive") where.isActive = false;
  if (query.status === "unverified") where.emailVerifiedAt = null;
  const page = query.page ?? 1;
  const [total, creators] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * CREATORS_PAGE_SIZE,
      take: CREATORS_PAGE_SIZE,
      select: {
        id: true,
        role: true,
        name: true,
        organisation: true,
        email: true,
        phone: true,
        isActive: true,
        emailVerifiedAt: true,
        createdAt: true,
        _count: { select: { events: { where: { deletedAt: null } } } },
      },
    }),
  ]);
  return { creators, total, page, totalPages: Math.max(1, Math.ceil(total / CREATORS_PAGE_SIZE)) };
}
