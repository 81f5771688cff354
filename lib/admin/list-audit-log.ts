import "server-only";
import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { addBaliDays, isValidBaliDate, startOfBaliDay } from "@/lib/time/bali";
import { isUuid } from "@/lib/format/uuid";
import { EMAIL_MAX_LENGTH } from "@/lib/auth/email";

export const AUDIT_PAGE_SIZE = 50;

const blank = (value: unknown) => (typeof value === "string" ? value.trim() || undefined : value);

const ZActor = z.preprocess(
  blank,
  z
    .string()
    .max(EMAIL_MAX_LENGTH, { error: `Actor must be at most ${EMAIL_MAX_LENGTH} characters.` })
    .optional(),
);
const ZAction = z.preprocess(blank, z.string().max(80, { error: "Action must be at most 80 characters." }).optional());
const baliDate = (label: string) =>
  z.preprocess(
    blank,
    z
      .string()
      .refine(isValidBaliDate, { error: `${label} must be a date written YYYY-MM-DD, for example 2026-11-25.` })
      .optional(),
  );
const ZPage = z.coerce.number().int().min(1).max(10_000).catch(1);

export type TAuditLogQuery = { actor?: string; action?: string; from?: string; to?: string; page: number };

/** The audit log filters from a query string; invalid values give a message and are left out. */
export function parseAuditLogQuery(input: Record<string, string | undefined>): { query: TAuditLogQuery; errors: string[] } {
  const query: TAuditLogQuery = { page: ZPage.parse(input.page) };
  const errors: string[] = [];
  const take = (result: z.ZodSafeParseResult<string | undefined>, set: (value: string) => void) => {
    if (!result.success) errors.push(result.error.issues[0]?.message ?? "Invalid filter.");
    else if (result.data) set(result.data);
  };
  take(ZActor.safeParse(input.actor), (value) => (query.actor = value));
  take(ZAction.safeParse(input.action), (value) => (query.action = value));
  take(baliDate("From").safeParse(input.from), (value) => (query.from = value));
  take(baliDate("To").safeParse(input.to), (value) => (query.to = value));
  if (query.from && query.to && query.from > query.to) errors.push("From must be on or before To.");
  return { query, errors };
}

export type TAuditTarget = { type: string; id: string | null; label: string | null; href: string | null };

/** Where an admin can look at a target, and a readable name for it (event title, user email). */
async function describeTargets(rows: { targetType: string; targetId: string | null }[]): Promise<Map<string, TAuditTarget>> {
  const ids = (type: string) => [
    ...new Set(rows.flatMap(({ targetType, targetId }) => (targetType === type && targetId && isUuid(targetId) ? [targetId] : []))),
  ];
  const [events, users] = await Promise.all([
    db.event.findMany({ where: { id: { in: ids("event") } }, select: { id: true, title: true } }),
    db.user.findMany({ where: { id: { in: ids("user") } }, select: { id: true, email: true, role: true } }),
  ]);
  const targets = new Map<string, TAuditTarget>();
  for (const event of events) targets.set(`event:${event.id}`, { type: "event", id: event.id, label: event.title, href: `/admin/events/${event.id}/edit` });
  for (const user of users) {
    targets.set(`user:${user.id}`, { type: "user", id: user.id, label: user.email, href: user.role === "CREATOR" ? `/admin/creators/${user.id}/edit` : null });
  }
  return targets;
}

const LIST_PAGE_FOR_TYPE: Record<string, string> = { report: "/admin/moderation", api_key: "/admin/api-keys", payment: "/admin/payments" };

function targetOf(row: { targetType: string; targetId: string | null }, known: Map<string, TAuditTarget>): TAuditTarget {
  return (
    known.get(`${row.targetType}:${row.targetId}`) ?? { type: row.targetType, id: row.targetId, label: null, href: LIST_PAGE_FOR_TYPE[row.targetType] ?? null }
  );
}

const MAX_VALUE_CHARS = 500;

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * An audit summary as lines of plain text for people: "key: value" for each
 * field, and "key: before → after" for each field of a before/after pair.
 * (The page renders these as text, never as HTML.)
 */
export function summaryLines(summary: unknown): string[] {
  if (summary === null || summary === undefined) return [];
  if (!isRecord(summary)) return [show(summary)];
  const lines: string[] = [];
  const { before, after, ...rest } = summary;
  for (const [key, value] of Object.entries(rest)) {
    if (isRecord(value)) for (const [inner, innerValue] of Object.entries(value)) lines.push(`${key}.${inner}: ${show(innerValue)}`);
    else lines.push(`${key}: ${show(value)}`);
  }
  if (isRecord(before) || isRecord(after)) {
    const was = isRecord(before) ? before : {};
    const now = isRecord(after) ? after : {};
    for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
      const changed = JSON.stringify(was[key]) !== JSON.stringify(now[key]);
      if (!(key in now)) lines.push(`${key}: ${show(was[key])}`);
      else if (!(key in was)) lines.push(`${key}: → ${show(now[key])}`);
      else lines.push(changed ? `${key}: ${show(was[key])} → ${show(now[key])}` : `${key}: ${show(now[key])} (unchanged)`);
    }
  } else {
    if (before !== undefined) lines.push(`before: ${show(before)}`);
    if (after !== undefined) lines.push(`after: ${show(after)}`);
  }
  return lines;
}

/** Every action that has been recorded, for the Action filter. */
export async function listAuditActions(): Promise<string[]> {
  const rows = await db.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return rows.map((row) => row.action);
}

/** One page of the audit log, newest first, filtered by actor email (partial), action (exact) and Bali dates. */
export async function listAuditLog(query: TAuditLogQuery) {
  const where: Prisma.AuditLogWhereInput = {};
  if (query.actor) where.actorEmail = { contains: query.actor, mode: "insensitive" };
  if (query.action) where.action = query.action;
  if (query.from || query.to) {
    where.createdAt = {
      ...(query.from ? { gte: startOfBaliDay(query.from) } : {}),
      ...(query.to ? { lt: startOfBaliDay(addBaliDays(query.to, 1)) } : {}),
    };
  }
  const page = query.page;
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, createdAt: true, actorEmail: true, action: true, targetType: true, targetId: true, summary: true, ip: true },
    }),
  ]);
  const known = await describeTargets(rows);
  const entries = rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    actorEmail: row.actorEmail,
    action: row.action,
    target: targetOf(row, known),
    summary: summaryLines(row.summary),
    ip: row.ip,
  }));
  return { entries, total, page, totalPages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}
