import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  exportAdminPayments,
  listAdminPayments,
  parseAdminPaymentFilters,
  parseAdminPaymentQuery,
  type TAdminPaymentFilters,
} from "@/lib/admin/list-admin-payments";
import { listAuditLog } from "@/lib/admin/list-audit-log";
import { parseCsv, PAYMENTS_CSV_HEADER } from "@/lib/admin/payments-csv";
import { db, disconnectDb, type PaymentStatus } from "@/lib/db";
import { closeRedis } from "@/lib/redis";
import { startOfBaliDay } from "@/lib/time/bali";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

const MINUTE = 60_000;

describe("admin payments: list, filters, CSV export", () => {
  let admin: { id: string; email: string };
  let made: { id: string; name: string; email: string };
  let other: { id: string; name: string; email: string };
  const ids: Record<string, string> = {};

  async function payment(
    key: string,
    { eventId, creatorId, status, cents, at }: { eventId: string; creatorId: string; status: PaymentStatus; cents: number; at: Date },
  ) {
    const row = await db.payment.create({
      data: {
        eventId,
        creatorId,
        status,
        amountCents: cents,
        stripeCheckoutSessionId: `cs_test_${key}_${randomUUID()}`,
        stripePaymentIntentId: status === "COMPLETED" ? `pi_${key}` : null,
        completedAt: status === "COMPLETED" ? at : null,
        createdAt: at,
      },
    });
    ids[key] = row.id;
  }

  beforeAll(async () => {
    await clearEvents();
    const adminUser = await db.user.create({
      data: { email: `pay-admin-${randomUUID()}@example.test`, name: "Payments Admin", role: "ADMIN", passwordHash: "x" },
    });
    admin = { id: adminUser.id, email: adminUser.email };
    made = await createCreator({ name: "Made Wirawan" });
    other = await createCreator({ name: "Ni Luh Sari" });
    const tricky = await createEvent({ creatorId: made.id, title: 'Sunrise, "Breath" Circle', startsAt: new Date(Date.now() + 5 * 86_400_000) });
    const formula = await createEvent({ creatorId: made.id, title: '=HYPERLINK("http://evil.example")', startsAt: new Date(Date.now() + 6 * 86_400_000) });
    const gone = await createEvent({
      creatorId: other.id,
      title: "Cancelled Sound Bath",
      startsAt: new Date(Date.now() + 7 * 86_400_000),
      deletedAt: new Date(),
    });
    // Bali days: 2026-03-10 .. 2026-03-12. 00:05 Bali on the 10th is 16:05 UTC on the 9th.
    await payment("before", {
      eventId: tricky.id,
      creatorId: made.id,
      status: "COMPLETED",
      cents: 300,
      at: new Date(startOfBaliDay("2026-03-10").getTime() - 10 * MINUTE),
    });
    await payment("first", {
      eventId: tricky.id,
      creatorId: made.id,
      status: "COMPLETED",
      cents: 300,
      at: new Date(startOfBaliDay("2026-03-10").getTime() + 5 * MINUTE),
    });
    await payment("pending", {
      eventId: formula.id,
      creatorId: made.id,
      status: "PENDING",
      cents: 300,
      at: new Date(startOfBaliDay("2026-03-11").getTime() + 600 * MINUTE),
    });
    await payment("last", {
      eventId: formula.id,
      creatorId: made.id,
      status: "COMPLETED",
      cents: 550,
      at: new Date(startOfBaliDay("2026-03-12").getTime() + (23 * 60 + 50) * MINUTE),
    });
    await payment("after", {
      eventId: formula.id,
      creatorId: made.id,
      status: "COMPLETED",
      cents: 300,
      at: new Date(startOfBaliDay("2026-03-13").getTime() + 5 * MINUTE),
    });
    await payment("other", { eventId: gone.id, creatorId: other.id, status: "EXPIRED", cents: 300, at: new Date(startOfBaliDay("2026-03-11").getTime()) });
  });

  afterAll(async () => {
    await clearEvents();
    await disconnectDb();
    await closeRedis();
  });

  const listIds = async (filters: TAdminPaymentFilters, page = 1) => (await listAdminPayments({ ...filters, page })).payments.map((row) => row.id);

  async function exportText(filters: TAdminPaymentFilters) {
    const result = await exportAdminPayments({ actor: admin, filters, ip: "203.0.113.7" });
    return { ...result, text: await new Response(result.body).text() };
  }

  it("lists every payment newest first, with the event (also a deleted one), the creator and the Stripe ids", async () => {
    const { payments, total, completed } = await listAdminPayments({ page: 1 });
    expect(total).toBe(6);
    expect(payments.map((row) => row.id)).toEqual([ids.after, ids.last, ids.pending, ids.other, ids.first, ids.before]);
    const other = payments.find((row) => row.id === ids.other)!;
    expect(other.event).toMatchObject({ title: "Cancelled Sound Bath" });
    expect(other.event.deletedAt).not.toBeNull();
    expect(payments.find((row) => row.id === ids.last)).toMatchObject({
      amountCents: 550,
      stripePaymentIntentId: "pi_last",
      creator: { name: "Made Wirawan" },
    });
    expect(completed).toEqual({ count: 4, amountCents: 300 + 300 + 550 + 300 });
  });

  it("filters by status, by Bali date range (both days included) and by creator name, email or id", async () => {
    expect(await listIds({ status: "pending" })).toEqual([ids.pending]);
    expect(await listIds({ from: "2026-03-10", to: "2026-03-12" })).toEqual([ids.last, ids.pending, ids.other, ids.first]);
    expect(await listIds({ from: "2026-03-13" })).toEqual([ids.after]);
    expect(await listIds({ to: "2026-03-09" })).toEqual([ids.before]);
    expect(await listIds({ creator: "luh sari" })).toEqual([ids.other]);
    expect(await listIds({ creator: other.email.toUpperCase() })).toEqual([ids.other]);
    expect(await listIds({ creator: other.id })).toEqual([ids.other]);
    const both = await listAdminPayments({ status: "completed", from: "2026-03-10", to: "2026-03-12", creator: "made", page: 1 });
    expect(both.payments.map((row) => row.id)).toEqual([ids.last, ids.first]);
    expect(both.completed).toEqual({ count: 2, amountCents: 850 });
    expect(await listIds({ status: "refunded" })).toEqual([]);
  });

  it("pages by 50", async () => {
    expect(await listIds({}, 2)).toEqual([]);
    const { totalPages } = await listAdminPayments({ page: 1 });
    expect(totalPages).toBe(1);
  });

  it("reads filters from a query string and names what is wrong", () => {
    expect(parseAdminPaymentFilters({ status: "COMPLETED", from: "2026-03-10", to: "2026-03-12", creator: " made " })).toEqual({
      ok: true,
      errors: [],
      filters: { status: "completed", from: "2026-03-10", to: "2026-03-12", creator: "made" },
    });
    expect(parseAdminPaymentFilters({ status: "all", from: "", to: "  " })).toEqual({ ok: true, errors: [], filters: {} });
    const bad = parseAdminPaymentFilters({ status: "paid", from: "2026-02-30", to: "yesterday" });
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual([
      "Status must be one of: all, pending, completed, failed, expired, refunded.",
      "From must be a date written YYYY-MM-DD, for example 2026-11-25.",
      "To must be a date written YYYY-MM-DD, for example 2026-11-25.",
    ]);
    expect(bad.filters).toEqual({});
    expect(parseAdminPaymentFilters({ from: "2026-03-12", to: "2026-03-10" }).errors).toEqual(["From must be on or before To."]);
    expect(parseAdminPaymentFilters({ creator: "x".repeat(201) }).ok).toBe(false);
    expect(parseAdminPaymentQuery({ page: "abc" }).query.page).toBe(1);
    expect(parseAdminPaymentQuery({ page: "3" }).query.page).toBe(3);
  });

  it("exports the filtered set as RFC 4180 CSV: header, one row per payment, Bali dates, quoting and formula guard", async () => {
    const { filename, rows, text } = await exportText({ status: "completed", from: "2026-03-10", to: "2026-03-12" });
    expect(filename).toMatch(/^payments_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(rows).toBe(2);
    expect(text.startsWith("ID,Date,Event,Event slug,Creator,Creator email,Amount (USD),Currency,Status,Stripe session ID,Payment intent ID\r\n")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    // Quotes doubled inside a quoted field; the formula gets an apostrophe, then quotes.
    expect(text).toContain(',"Sunrise, ""Breath"" Circle",');
    expect(text).toContain(',"\'=HYPERLINK(""http://evil.example"")",');
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...PAYMENTS_CSV_HEADER]);
    expect(records).toHaveLength(2);
    const [last, first] = records;
    expect(last).toEqual([
      ids.last,
      "2026-03-12T23:50:00+08:00",
      '\'=HYPERLINK("http://evil.example")',
      expect.stringMatching(/^hyperlink-http-evil-example/),
      "Made Wirawan",
      made.email,
      "5.50",
      "USD",
      "Completed",
      expect.stringMatching(/^cs_test_last_/),
      "pi_last",
    ]);
    expect(first).toMatchObject({ 0: ids.first, 1: "2026-03-10T00:05:00+08:00", 2: 'Sunrise, "Breath" Circle', 6: "3.00" });
  });

  it("exports everything without filters (no pagination), and nothing but the header when nothing matches", async () => {
    const all = parseCsv((await exportText({})).text);
    expect(all).toHaveLength(1 + 6);
    expect(all.map((record) => record[0])).toEqual(["ID", ids.after, ids.last, ids.pending, ids.other, ids.first, ids.before]);
    expect(all.find((record) => record[0] === ids.other)).toMatchObject({ 2: "Cancelled Sound Bath", 8: "Expired", 10: "" });
    const none = await exportText({ status: "refunded" });
    expect(none.rows).toBe(0);
    expect(parseCsv(none.text)).toEqual([[...PAYMENTS_CSV_HEADER]]);
  });

  it("streams large exports in batches without losing or repeating a row (also when many share one timestamp)", async () => {
    const bulk = await createCreator({ name: "Bulk Payer" });
    const event = await createEvent({ creatorId: bulk.id, title: "Bulk Retreat", startsAt: new Date(Date.now() + 9 * 86_400_000) });
    const at = new Date("2026-04-01T02:00:00Z");
    await db.payment.createMany({
      data: Array.from({ length: 2_345 }, (_, index) => ({
        eventId: event.id,
        creatorId: bulk.id,
        status: "COMPLETED" as const,
        amountCents: 300,
        createdAt: index % 2 ? at : new Date(at.getTime() + index),
      })),
    });
    const { rows, text } = await exportText({ creator: bulk.id });
    expect(rows).toBe(2_345);
    const records = parseCsv(text).slice(1);
    expect(records).toHaveLength(2_345);
    expect(new Set(records.map((record) => record[0])).size).toBe(2_345);
    await db.payment.deleteMany({ where: { creatorId: bulk.id } });
  });

  it("every export writes one payments.export audit row with the filters, the row count and the IP", async () => {
    const before = await db.auditLog.count({ where: { actorId: admin.id, action: "payments.export" } });
    await exportText({ status: "completed", creator: "made", from: "2026-03-10" });
    const entries = await db.auditLog.findMany({ where: { actorId: admin.id, action: "payments.export" }, orderBy: { createdAt: "desc" } });
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({
      actorEmail: admin.email,
      targetType: "payment",
      targetId: null,
      ip: "203.0.113.7",
      summary: { filters: { status: "completed", from: "2026-03-10", to: null, creator: "made" }, rows: 3 },
    });
    // And the audit log page finds it by action and actor.
    const { entries: listed } = await listAuditLog({ action: "payments.export", actor: admin.email.slice(0, 18), page: 1 });
    expect(listed[0]).toMatchObject({ action: "payments.export", actorEmail: admin.email, ip: "203.0.113.7" });
    // PostgreSQL (jsonb) keeps its own key order.
    expect([...listed[0]!.summary].sort()).toEqual([
      "filters.creator: made",
      "filters.from: 2026-03-10",
      "filters.status: completed",
      "filters.to: —",
      "rows: 3",
    ]);
  });
});
