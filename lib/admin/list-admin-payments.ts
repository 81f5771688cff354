import "server-only";
import { z } from "zod";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { db, type PaymentStatus, type Prisma } from "@/lib/db";
import { addBaliDays, isValidBaliDate, startOfBaliDay } from "@/lib/time/bali";
import { csvLine, paymentCsvFields, PAYMENTS_CSV_HEADER, paymentsCsvFilename } from "./payments-csv";
import { isUuid } from "@/lib/format/uuid";

export const PAYMENTS_PAGE_SIZE = 50;
/** The most rows one CSV export holds; the audit row says when an export was cut there. */
export const PAYMENTS_EXPORT_MAX_ROWS = 100_000;
const EXPORT_BATCH = 2_000;

/** The statuses as they appear in URLs (lower case; upper case is accepted too). */
export const PAYMENT_STATUS_PARAMS = ["pending", "completed", "failed", "expired", "refunded"] as const;
export type TPaymentStatusParam = (typeof PAYMENT_STATUS_PARAMS)[number];

/** Blank or whitespace-only values count as "no filter". */
const blank = (value: unknown) => (typeof value === "string" ? value.trim() || undefined : value);

const ZStatus = z.preprocess(
  (value) => {
    const text = blank(value);
    return typeof text === "string" ? text.toLowerCase() : text;
  },
  z.enum([...PAYMENT_STATUS_PARAMS, "all"], { error: `Status must be one of: all, ${PAYMENT_STATUS_PARAMS.join(", ")}.` }).optional(),
);
const baliDate = (label: string) =>
  z.preprocess(
    blank,
    z
      .string()
      .refine(isValidBaliDate, { error: `${label} must be a date written YYYY-MM-DD, for example 2026-11-25.` })
      .optional(),
  );
const ZCreator = z.preprocess(blank, z.string().max(200, { error: "Creator must be at most 200 characters." }).optional());
const ZPage = z.coerce.number().int().min(1).max(10_000).catch(1);

export type TAdminPaymentFilters = { status?: TPaymentStatusParam; from?: string; to?: string; creator?: string };
export type TAdminPaymentQuery = TAdminPaymentFilters & { page: number };
export type TFilterInput = Record<string, string | undefined>;

/**
 * The payment filters from a query string. Every invalid value gives a
 * message and is left out of `filters`; `ok` is false if there was any
 * (the export answers 400 with the messages, the page shows them).
 */
export function parseAdminPaymentFilters(input: TFilterInput): { ok: boolean; filters: TAdminPaymentFilters; errors: string[] } {
  const filters: TAdminPaymentFilters = {};
  const errors: string[] = [];
  const take = <T>(result: z.ZodSafeParseResult<T>, set: (value: T) => void) => {
    if (result.success) set(result.data);
    else errors.push(result.error.issues[0]?.message ?? "Invalid filter.");
  };
  take(ZStatus.safeParse(input.status), (value) => {
    if (value && value !== "all") filters.status = value;
  });
  take(baliDate("From").safeParse(input.from), (value) => {
    if (value) filters.from = value;
  });
  take(baliDate("To").safeParse(input.to), (value) => {
    if (value) filters.to = value;
  });
  take(ZCreator.safeParse(input.creator), (value) => {
    if (value) filters.creator = value;
  });
  if (filters.from && filters.to && filters.from > filters.to) errors.push("From must be on or before To.");
  return { ok: errors.length === 0, filters, errors };
}

export function parseAdminPaymentQuery(input: TFilterInput): { query: TAdminPaymentQuery; errors: string[] } {
  const { filters, errors } = parseAdminPaymentFilters(input);
  return { query: { ...filters, page: ZPage.parse(input.page) }, errors };
}

/** Payments created on the Bali days from..to (both included), by status, by creator (id, or text in name or email). */
function paymentWhere(filters: TAdminPaymentFilters): Prisma.PaymentWhereInput {
  const where: Prisma.PaymentWhereInput = {};
  if (filters.status) where.status = filters.status.toUpperCase() as PaymentStatus;
  if (filters.from || filters.to) {
    where.createdAt = {
      ...(filters.from ? { gte: startOfBaliDay(filters.from) } : {}),
      ...(filters.to ? { lt: startOfBaliDay(addBaliDays(filters.to, 1)) } : {}),
    };
  }
  if (filters.creator) {
    where.creator = isUuid(filters.creator)
      ? { id: filters.creator.toLowerCase() }
      : { OR: [{ name: { contains: filters.creator, mode: "insensitive" } }, { email: { contains: filters.creator, mode: "insensitive" } }] };
  }
  return where;
}

const PAYMENT_SELECT = {
  id: true,
  createdAt: true,
  amountCents: true,
  currency: true,
  status: true,
  stripeCheckoutSessionId: true,
  stripePaymentIntentId: true,
  event: { select: { id: true, slug: true, title: true, deletedAt: true } },
  creator: { select: { id: true, name: true, email: true } },
} satisfies Prisma.PaymentSelect;

const NEWEST_FIRST: Prisma.PaymentOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

/** One page of payments for /admin/payments (newest first), with the count and sum of the completed ones in the whole filtered set. */
export async function listAdminPayments(query: TAdminPaymentQuery) {
  const where = paymentWhere(query);
  const page = query.page;
  const [total, completed, payments] = await Promise.all([
    db.payment.count({ where }),
    db.payment.aggregate({ where: { AND: [where, { status: "COMPLETED" }] }, _count: { _all: true }, _sum: { amountCents: true } }),
    db.payment.findMany({ where, orderBy: NEWEST_FIRST, skip: (page - 1) * PAYMENTS_PAGE_SIZE, take: PAYMENTS_PAGE_SIZE, select: PAYMENT_SELECT }),
  ]);
  return {
    payments,
    total,
    page,
    totalPages: Math.max(1, Math.ceil(total / PAYMENTS_PAGE_SIZE)),
    completed: { count: completed._count._all, amountCents: completed._sum.amountCents ?? 0 },
  };
}

/**
 * A CSV export of every payment in the filtered set (newest first, at most
 * PAYMENTS_EXPORT_MAX_ROWS), streamed from the database in batches. The
 * export is audited (`payments.export`, with the filters and the row count)
 * in its own small transaction before any row is sent.
 */
export async function exportAdminPayments({
  actor,
  filters,
  ip,
  now = new Date(),
}: {
  actor: TAuditActor;
  filters: TAdminPaymentFilters;
  ip?: string;
  now?: Date;
}) {
  const where = paymentWhere(filters);
  const matching = await db.$transaction(async (tx) => {
    const count = await tx.payment.count({ where });
    await recordAudit(tx, {
      actor,
      action: "payments.export",
      targetType: "payment",
      ip,
      summary: {
        filters: { status: filters.status ?? "all", from: filters.from ?? null, to: filters.to ?? null, creator: filters.creator ?? null },
        rows: Math.min(count, PAYMENTS_EXPORT_MAX_ROWS),
        ...(count > PAYMENTS_EXPORT_MAX_ROWS ? { truncated: true, matching: count } : {}),
      },
    });
    return count;
  });

  async function* chunks(): AsyncGenerator<string> {
    yield csvLine(PAYMENTS_CSV_HEADER);
    let sent = 0;
    let last: { createdAt: Date; id: string } | null = null;
    while (sent < PAYMENTS_EXPORT_MAX_ROWS) {
      const take = Math.min(EXPORT_BATCH, PAYMENTS_EXPORT_MAX_ROWS - sent);
      const after: Prisma.PaymentWhereInput = last ? { OR: [{ createdAt: { lt: last.createdAt } }, { createdAt: last.createdAt, id: { lt: last.id } }] } : {};
      const batch = await db.payment.findMany({ where: { AND: [where, after] }, orderBy: NEWEST_FIRST, take, select: PAYMENT_SELECT });
      if (batch.length) yield batch.map((payment) => csvLine(paymentCsvFields(payment))).join("");
      sent += batch.length;
      const tail = batch.at(-1);
      if (!tail || batch.length < take) break;
      last = { createdAt: tail.createdAt, id: tail.id };
    }
  }

  const encoder = new TextEncoder();
  const iterator = chunks();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error("payments export failed while streaming", error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
  return { filename: paymentsCsvFilename(now), rows: Math.min(matching, PAYMENTS_EXPORT_MAX_ROWS), body };
}
