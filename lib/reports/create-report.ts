import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { PUBLIC_STATUSES } from "@/lib/events/public-visibility";
import { sendMail } from "@/lib/mail/send-mail";
import { reportReceivedMail } from "@/lib/mail/templates";
import { checkRateLimit } from "@/lib/redis/rate-limit";
import { visitorHash } from "@/lib/stats/record-page-view";
import { REPORT_REASONS } from "./report-reasons";

const ZReportInput = z.object({
  reason: z.enum(REPORT_REASONS.map((reason) => reason.value) as [string, ...string[]], { error: "Choose a reason." }),
  details: z
    .string()
    .trim()
    .max(2000, "Please keep the details under 2,000 characters.")
    .optional()
    .transform((value) => value || undefined),
  /** Honeypot: people never see or fill it; bots do. */
  website: z.string().optional(),
});

export type TReportInput = z.input<typeof ZReportInput>;

type TCreateReportOptions = { slug: string; input: TReportInput; ip: string; userAgent: string };

/**
 * A visitor's report about a public event, queued for the admins'
 * moderation. Rate limited per IP; a filled honeypot is accepted silently
 * and stored nowhere.
 */
export async function createReport({ slug, input, ip, userAgent }: TCreateReportOptions): Promise<{ stored: boolean }> {
  const parsed = ZReportInput.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
    throw new AppError("INVALID_INPUT", "Please check the form.", { fields });
  }
  if (parsed.data.website) return { stored: false };

  const event = await db.event.findFirst({ where: { slug, deletedAt: null, status: { in: PUBLIC_STATUSES } }, select: { id: true, slug: true, title: true } });
  if (!event) throw new AppError("NOT_FOUND", "This event does not exist.");

  const limit = await checkRateLimit("report", ip);
  if (!limit.success) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
    throw new AppError("RATE_LIMITED", `Too many reports. Please try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, {
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  }

  await db.report.create({
    data: { eventId: event.id, reason: parsed.data.reason, details: parsed.data.details, reporterHash: visitorHash(ip, userAgent) },
  });
  // The report is stored: from here on nothing may fail it.
  await notifyAdmins({ eventTitle: event.title, slug: event.slug, reason: parsed.data.reason, details: parsed.data.details }).catch((error: unknown) => {
    console.error("report stored, but the admins could not be told", error);
  });
  return { stored: true };
}

/**
 * "Event reported" to every active admin, through the job queue (one mail
 * each, so one bad address does not hold up the others). Never throws.
 */
async function notifyAdmins({ eventTitle, slug, reason, details }: { eventTitle: string; slug: string; reason: string; details?: string }): Promise<void> {
  const admins = await db.user.findMany({ where: { role: "ADMIN", isActive: true }, select: { email: true } });
  const template = reportReceivedMail({ eventTitle, slug, reason: REPORT_REASONS.find((item) => item.value === reason)?.label ?? reason, details });
  const results = await Promise.allSettled(admins.map((admin) => sendMail({ to: admin.email, ...template })));
  for (const [index, admin] of admins.entries()) {
    const result = results[index];
    if (result?.status === "rejected") console.error(`report mail to ${admin.email} failed`, result.reason);
  }
}
