import "server-only";
import { db, type EventStatus, type Prisma } from "@/lib/db";

export type TDashboardFilter = "upcoming" | "past" | "all";

export type TDashboardEvent = {
  id: string;
  slug: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: EventStatus;
  unpublishReason: string | null;
  views: number;
};

/** A creator's own figures and events (never anyone else's). */
export async function getCreatorDashboard({ creatorId, filter, now = new Date() }: { creatorId: string; filter: TDashboardFilter; now?: Date }) {
  const mine: Prisma.EventWhereInput = { creatorId, deletedAt: null };
  const when: Prisma.EventWhereInput = filter === "upcoming" ? { endsAt: { gt: now } } : filter === "past" ? { endsAt: { lte: now } } : {};
  const [total, published, awaitingPayment, paid, events] = await Promise.all([
    db.event.count({ where: mine }),
    db.event.count({ where: { ...mine, status: "PUBLISHED" } }),
    db.event.count({ where: { ...mine, status: "AWAITING_PAYMENT" } }),
    db.payment.aggregate({ where: { creatorId, status: "COMPLETED" }, _sum: { amountCents: true } }),
    db.event.findMany({
      where: { ...mine, ...when },
      orderBy: filter === "past" ? { startsAt: "desc" } : { startsAt: "asc" },
      take: 200,
      select: { id: true, slug: true, title: true, startsAt: true, endsAt: true, status: true, unpublishReason: true, viewCount: { select: { views: true } } },
    }),
  ]);
  return {
    tiles: { total, published, awaitingPayment, totalPaidCents: paid._sum.amountCents ?? 0 },
    events: events.map(({ viewCount, ...event }): TDashboardEvent => ({ ...event, views: viewCount?.views ?? 0 })),
  };
}
