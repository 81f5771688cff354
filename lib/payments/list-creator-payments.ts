import "server-only";
import { db, type PaymentStatus } from "@/lib/db";

export const PAYMENTS_PAGE_SIZE = 50;

export type TCreatorPayment = {
  id: string;
  amountCents: number;
  currency: string;
  status: PaymentStatus;
  receiptUrl: string | null;
  createdAt: Date;
  completedAt: Date | null;
  event: { id: string; title: string; slug: string; deleted: boolean };
};

/**
 * A creator's own payments, newest first, with their event — also when the
 * event has been deleted since (payments are never deleted).
 */
export async function listCreatorPayments({
  creatorId,
  page = 1,
}: {
  creatorId: string;
  page?: number;
}): Promise<{ payments: TCreatorPayment[]; total: number; page: number; totalPages: number }> {
  const where = { creatorId };
  const [total, rows] = await Promise.all([
    db.payment.count({ where }),
    db.payment.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (Math.max(1, page) - 1) * PAYMENTS_PAGE_SIZE,
      take: PAYMENTS_PAGE_SIZE,
      select: {
        id: true,
        amountCents: true,
        currency: true,
        status: true,
        receiptUrl: true,
        createdAt: true,
        completedAt: true,
        event: { select: { id: true, title: true, slug: true, deletedAt: true } },
      },
    }),
  ]);
  const payments = rows.map(({ event, ...payment }) => ({
    ...payment,
    event: { id: event.id, title: event.title, slug: event.slug, deleted: event.deletedAt !== null },
  }));
  return { payments, total, page: Math.max(1, page), totalPages: Math.max(1, Math.ceil(total / PAYMENTS_PAGE_SIZE)) };
}
