import "server-only";
import { db, Prisma } from "@/lib/db";
import type { TEventFormColumns } from "./event-form-data";
import { eventSlug } from "./event-slug";

/** Inserts a new DRAFT with a fresh slug (a new random suffix if one ever collides). */
export async function insertDraftEvent(columns: TEventFormColumns, creatorId: string): Promise<{ id: string; slug: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.event.create({
        data: { ...columns, slug: eventSlug(columns.title), status: "DRAFT", creatorId },
        select: { id: true, slug: true },
      });
    } catch (error) {
      const slugTaken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!slugTaken || attempt >= 5) throw error;
    }
  }
}
