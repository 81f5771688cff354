import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { invalidateEventChange } from "@/lib/cache/public-changes";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/format/uuid";
import { invalidateSeriesPages } from "@/lib/series/invalidate-series";
import { parseUnpublishReason } from "./unpublish-reason";

export type TReportResolution = { action: "dismiss" } | { action: "unpublish"; reason: string };

type TResolveReportOptions = { actor: TAuditActor; reportId: string; resolution: TReportResolution; ip?: string };

export type TResolveReportResult = { action: TReportResolution["action"]; eventId: string; resolvedReportIds: string[] };

/**
 * An admin's decision on one open report, written with exactly one audit row
 * in the same transaction:
 *
 * - "dismiss": the report is closed as dismissed (`report.dismiss`); the event is untouched.
 * - "unpublish": the event is unpublished with a reason for its creator (as
 *   "Unpublish" on /admin/events does), and this report and every other open
 *   report of the event are resolved — all in one transaction with one
 *   `report.unpublish` audit row whose summary holds the event's before/after.
 *   A date of a series is unpublished on its own: marked edited alone, as
 *   /admin/events' "This date only" does (lib/admin/moderate-event.ts).
 *
 * A refused decision (bad reason, report already closed, event deleted) changes
 * nothing and leaves no audit row.
 */
export async function resolveReport({ actor, reportId, resolution, ip }: TResolveReportOptions): Promise<TResolveReportResult> {
  if (!isUuid(reportId)) throw new AppError("NOT_FOUND", "This report does not exist.");
  const reason = resolution.action === "unpublish" ? parseUnpublishReason(resolution.reason) : undefined;

  const result = await db.$transaction(async (tx) => {
    const report = await tx.report.findUnique({
      where: { id: reportId },
      select: {
        id: true,
        status: true,
        reason: true,
        event: { select: { id: true, title: true, status: true, isFeatured: true, deletedAt: true, unpublishReason: true, seriesId: true } },
      },
    });
    if (!report) throw new AppError("NOT_FOUND", "This report does not exist.");
    if (report.status !== "OPEN") throw new AppError("CONFLICT", "This report has already been dealt with.");
    const { event } = report;
    const now = new Date();
    const closed = { resolvedById: actor.id, resolvedAt: now };

    if (resolution.action === "dismiss") {
      // Conditional on OPEN, so two admins clicking at once cannot both close it.
      const { count } = await tx.report.updateMany({ where: { id: reportId, status: "OPEN" }, data: { status: "DISMISSED", ...closed } });
      if (count !== 1) throw new AppError("CONFLICT", "This report has already been dealt with.");
      await recordAudit(tx, {
        actor,
        action: "report.dismiss",
        targetType: "report",
        targetId: reportId,
        ip,
        summary: { eventId: event.id, title: event.title, reportReason: report.reason, before: { status: "OPEN" }, after: { status: "DISMISSED" } },
      });
      return { action: "dismiss" as const, eventId: event.id, resolvedReportIds: [reportId] };
    }

    if (event.deletedAt) throw new AppError("CONFLICT", "This event is deleted. Dismiss the report, or restore the event first.");
    // Parsed before the transaction (a bad reason touches nothing); every resolution but "dismiss" is an unpublish.
    if (reason === undefined) throw new Error("resolveReport: an unpublish without a reason");
    const after = { status: "UNPUBLISHED" as const, unpublishReason: reason };
    // A date of a series unpublished on its own stands on its own from now on, as on /admin/events ("This date
    // only"): the series' new dates are not copied from it, and "this and following" changes pass it by.
    await tx.event.update({ where: { id: event.id }, data: { ...after, ...(event.seriesId ? { editedAlone: true } : {}) } });
    const open = await tx.report.findMany({ where: { eventId: event.id, status: "OPEN" }, select: { id: true } });
    const resolvedReportIds = open.map((row) => row.id);
    const { count } = await tx.report.updateMany({ where: { id: { in: resolvedReportIds }, status: "OPEN" }, data: { status: "RESOLVED", ...closed } });
    if (count !== resolvedReportIds.length || !resolvedReportIds.includes(reportId)) throw new AppError("CONFLICT", "This report has already been dealt with.");
    await recordAudit(tx, {
      actor,
      action: "report.unpublish",
      targetType: "report",
      targetId: reportId,
      ip,
      summary: {
        eventId: event.id,
        title: event.title,
        reportReason: report.reason,
        reason,
        event: {
          before: { status: event.status, isFeatured: event.isFeatured, deleted: false, unpublishReason: event.unpublishReason },
          after: { status: after.status, isFeatured: event.isFeatured, deleted: false, unpublishReason: after.unpublishReason },
        },
        reports: { resolved: resolvedReportIds, before: { status: "OPEN" }, after: { status: "RESOLVED" } },
      },
    });
    return { action: "unpublish" as const, eventId: event.id, resolvedReportIds };
  });

  // The event left the public site: listings, its page and feeds follow on the next request.
  if (result.action === "unpublish") {
    const event = await db.event.findUnique({ where: { id: result.eventId }, select: { slug: true, creatorId: true, seriesId: true } });
    // Whatever its status was, it is not public now: name it as public before (nothing is left stale).
    if (event)
      await invalidateEventChange({ slug: event.slug, creatorIds: [event.creatorId], before: { status: "PUBLISHED" }, after: { status: "UNPUBLISHED" } });
    // A date of a series also shows on its other dates' pages ("Next dates").
    if (event?.seriesId) await invalidateSeriesPages(event.seriesId, event.creatorId);
  }
  return result;
}
