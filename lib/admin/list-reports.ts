import "server-only";
import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { REPORT_REASONS } from "@/lib/reports/report-reasons";

export const REPORTS_PAGE_SIZE = 25;

/** The status filter of /admin/moderation: a ReportStatus, or ALL. Open by default. */
export const REPORT_FILTERS = [
  { value: "OPEN", label: "Open" },
  { value: "DISMISSED", label: "Dismissed" },
  { value: "RESOLVED", label: "Resolved" },
  { value: "ALL", label: "All" },
] as const;

export type TReportFilter = (typeof REPORT_FILTERS)[number]["value"];

export const ZReportQuery = z.object({
  status: z
    .preprocess((value) => (typeof value === "string" ? value.trim().toUpperCase() : value), z.enum(["OPEN", "DISMISSED", "RESOLVED", "ALL"]))
    .optional()
    .catch(undefined)
    .transform((value): TReportFilter => value ?? "OPEN"),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export type TReportQuery = z.output<typeof ZReportQuery>;

/** "Spam or misleading" for "misleading"; an unknown stored value is shown as it is. */
export function reportReasonLabel(reason: string): string {
  return REPORT_REASONS.find((item) => item.value === reason)?.label ?? reason;
}

/** Open reports in the whole queue (the count in the page heading). */
export async function countOpenReports(): Promise<number> {
  return db.report.count({ where: { status: "OPEN" } });
}

/**
 * Reports for /admin/moderation, newest first, each with its event (any
 * status: admins can preview unpublished ones) and the number of reports still
 * open for that event.
 */
export async function listReports(query: TReportQuery) {
  const where: Prisma.ReportWhereInput = query.status === "ALL" ? {} : { status: query.status };
  const page = query.page ?? 1;
  const [total, rows] = await Promise.all([
    db.report.count({ where }),
    db.report.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * REPORTS_PAGE_SIZE,
      take: REPORTS_PAGE_SIZE,
      select: {
        id: true,
        reason: true,
        details: true,
        status: true,
        createdAt: true,
        resolvedAt: true,
        resolvedBy: { select: { email: true } },
        event: { select: { id: true, slug: true, title: true, status: true, deletedAt: true, unpublishReason: true } },
      },
    }),
  ]);
  const eventIds = [...new Set(rows.map((row) => row.event.id))];
  const openCounts = eventIds.length
    ? await db.report.groupBy({ by: ["eventId"], where: { eventId: { in: eventIds }, status: "OPEN" }, _count: { _all: true } })
    : [];
  const openByEvent = new Map(openCounts.map((row) => [row.eventId, row._count._all]));
  const reports = rows.map((row) => ({ ...row, reasonLabel: reportReasonLabel(row.reason), openReportsForEvent: openByEvent.get(row.event.id) ?? 0 }));
  return { reports, total, page, totalPages: Math.max(1, Math.ceil(total / REPORTS_PAGE_SIZE)) };
}

export type TListedReport = Awaited<ReturnType<typeof listReports>>["reports"][number];
