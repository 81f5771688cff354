/**
 * Admin: the Payments page (filters, totals), its CSV export (downloaded and
 * parsed here with a parser of this spec's own, so the app's writer is checked
 * against an independent reader), and the Audit log (the export shows up
 * there). Both refused to creators (404) and visitors (sent to /login).
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, logInAsAdmin } from "./support/admin";
import { logIn, register } from "./support/creator";
import { baliDate, clearRateLimits, closeDb, DAY, deleteInsertedData, insertCreator, insertEvent, query, startOfBaliDay, uniqueWord } from "./support/db";

const MINUTE = 60_000;
const word = uniqueWord("pay");
const creatorName = `Kadek Payer ${word}`;
const trickyTitle = `Sunrise, "Breath" Circle ${word}`;
const formulaTitle = `=SUM(1;2) Tabla Night ${word}`;
const shiftDays = (date: string, days: number) => baliDate(new Date(startOfBaliDay(date).getTime() + days * DAY + 12 * 3_600_000));
const today = baliDate();
const from = shiftDays(today, -6);
const to = shiftDays(today, -2);

let creatorId = "";
let creatorEmail = "";
const payments: Record<string, { id: string; session: string; eventSlug: string }> = {};

/** RFC 4180, written independently of lib/admin/payments-csv.ts. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (inQuotes && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && c === ",") {
      record.push(field);
      field = "";
    } else if (!inQuotes && c === "\r" && text[i + 1] === "\n") {
      continue; // the \n ends the record
    } else if (!inQuotes && c === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else {
      field += c;
    }
  }
  if (field || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

async function insertPayment(
  key: string,
  { eventId, eventSlug, status, cents, at }: { eventId: string; eventSlug: string; status: "COMPLETED" | "PENDING"; cents: number; at: Date },
) {
  const session = `cs_test_${word}_${key}`;
  const [row] = await query<{ id: string }>(
    "INSERT INTO payments (id, event_id, creator_id, stripe_checkout_session_id, stripe_payment_intent_id, amount_cents, currency, status," +
      " completed_at, created_at, updated_at)\n" +
      `     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'USD', $6::"PaymentStatus", $7, $8, now()) RETURNING id`,
    [eventId, creatorId, session, status === "COMPLETED" ? `pi_${word}_${key}` : null, cents, status, status === "COMPLETED" ? at : null, at],
  );
  payments[key] = { id: row!.id, session, eventSlug };
}

test.beforeAll(async () => {
  await clearRateLimits();
  creatorId = await insertCreator({ name: creatorName });
  creatorEmail = (await query<{ email: string }>("SELECT email FROM users WHERE id = $1", [creatorId]))[0]!.email;
  const tricky = await insertEvent({ title: trickyTitle, startsAt: new Date(Date.now() + 10 * DAY), creatorId });
  const formula = await insertEvent({ title: formulaTitle, startsAt: new Date(Date.now() + 11 * DAY), creatorId });
  const start = (date: string) => startOfBaliDay(date).getTime();
  await insertPayment("before", { eventId: tricky.id, eventSlug: tricky.slug, status: "COMPLETED", cents: 300, at: new Date(start(from) - 10 * MINUTE) });
  await insertPayment("first", { eventId: tricky.id, eventSlug: tricky.slug, status: "COMPLETED", cents: 300, at: new Date(start(from) + 5 * MINUTE) });
  await insertPayment("pending", { eventId: formula.id, eventSlug: formula.slug, status: "PENDING", cents: 300, at: new Date(start(from) + DAY) });
  await insertPayment("last", {
    eventId: formula.id,
    eventSlug: formula.slug,
    status: "COMPLETED",
    cents: 550,
    at: new Date(start(to) + (23 * 60 + 50) * MINUTE),
  });
  await insertPayment("after", { eventId: formula.id, eventSlug: formula.slug, status: "COMPLETED", cents: 300, at: new Date(start(to) + DAY + 5 * MINUTE) });
});

test.afterAll(async () => {
  // Test data only: the app never deletes payments.
  if (creatorId) await query("DELETE FROM payments WHERE creator_id = $1", [creatorId]);
  await deleteInsertedData();
  await closeDb();
});

test.describe("admin payments", () => {
  test("an admin filters payments, exports the CSV with the same filters, and finds the export in the audit log", async ({ page }) => {
    await logInAsAdmin(page);
    await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Payments" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();

    await page.getByLabel("Status").selectOption({ label: "Completed" });
    await page.getByLabel("From", { exact: true }).fill(from);
    await page.getByLabel("To", { exact: true }).fill(to);
    await page.getByLabel("Creator", { exact: true }).fill(word);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/status=completed/);

    const rows = page.getByRole("row").filter({ hasText: word });
    await expect(rows).toHaveCount(2);
    const last = rows.filter({ hasText: payments.last!.session });
    await expect(last.getByRole("link", { name: formulaTitle })).toHaveAttribute("href", `/events/${payments.last!.eventSlug}`);
    await expect(last).toContainText("USD 5.50");
    await expect(last).toContainText("Completed");
    await expect(last).toContainText(`pi_${word}_last`);
    await expect(last).toContainText(creatorEmail);
    await expect(rows.filter({ hasText: payments.first!.session })).toContainText("USD 3.00");
    await expect(page.getByTestId("payments-totals")).toHaveText("2 payments · Completed: 2, USD 8.50");

    const exportLink = page.getByRole("link", { name: "Export CSV" });
    const href = await exportLink.getAttribute("href");
    expect(Object.fromEntries(new URL(href!, "http://x").searchParams)).toEqual({ status: "completed", from, to, creator: word });
    const downloading = page.waitForEvent("download");
    await exportLink.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`payments_${today}.csv`);
    const text = await readFile(await download.path(), "utf8");

    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([
      "ID",
      "Date",
      "Event",
      "Event slug",
      "Creator",
      "Creator email",
      "Amount (USD)",
      "Currency",
      "Status",
      "Stripe session ID",
      "Payment intent ID",
    ]);
    // The date range applies on Bali days: 10 minutes before From and the day after To are left out, as is the pending one.
    expect(records).toEqual([
      [
        payments.last!.id,
        `${to}T23:50:00+08:00`,
        `'${formulaTitle}`,
        payments.last!.eventSlug,
        creatorName,
        creatorEmail,
        "5.50",
        "USD",
        "Completed",
        payments.last!.session,
        `pi_${word}_last`,
      ],
      [
        payments.first!.id,
        `${from}T00:05:00+08:00`,
        trickyTitle,
        payments.first!.eventSlug,
        creatorName,
        creatorEmail,
        "3.00",
        "USD",
        "Completed",
        payments.first!.session,
        `pi_${word}_first`,
      ],
    ]);
    expect(text).toContain(`"Sunrise, ""Breath"" Circle ${word}"`);

    // The same file over HTTP, with the admin's cookies: the headers.
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers()["content-disposition"]).toBe(`attachment; filename="payments_${today}.csv"`);
    expect(parseCsv(await response.text())).toHaveLength(3);

    await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await page.getByLabel("Action").selectOption("payments.export");
    await page.getByLabel("Actor", { exact: true }).fill(ADMIN_EMAIL.slice(0, 5));
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/action=payments\.export/);
    const entries = page.getByRole("row").filter({ hasText: "payments.export" });
    await expect(entries.first()).toBeVisible();
    const ours = entries.filter({ hasText: `filters.creator: ${word}` });
    await expect(ours).toHaveCount(2);
    await expect(ours.first()).toContainText(ADMIN_EMAIL);
    await expect(ours.first()).toContainText("rows: 2");
    await expect(ours.first()).toContainText(`filters.from: ${from}`);
    // Every row on the filtered page is an export.
    const body = page.locator("tbody tr");
    expect(await body.count()).toBe(await entries.count());
  });

  test("bad filters in the export URL get a 400 with a plain message", async ({ page }) => {
    await logInAsAdmin(page);
    const response = await page.request.get("/admin/payments/export?from=yesterday&status=paid");
    expect(response.status()).toBe(400);
    expect(response.headers()["content-type"]).toContain("text/plain");
    const message = await response.text();
    expect(message).toContain("Status must be one of");
    expect(message).toContain("From must be a date");

    // The pages say what is wrong instead of failing.
    for (const path of ["/admin/payments?from=2026-02-30", "/admin/audit?from=2026-02-30"]) {
      const page200 = await page.goto(path);
      expect(page200?.status(), path).toBe(200);
      await expect(page.getByRole("alert").filter({ hasText: "From must be a date written YYYY-MM-DD" })).toBeVisible();
    }
  });
});

test.describe("payments and audit log are refused to others", () => {
  const paths = ["/admin/payments", "/admin/payments/export", "/admin/payments/export?status=completed", "/admin/audit"];

  test("a creator gets a 404", async ({ page }) => {
    const creator = { name: "Curious Payer", email: `${uniqueWord("cur")}@example.com`, password: "a quiet walk to the waterfall" };
    await register(page, creator);
    await logIn(page, creator);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    expect((await page.request.get("/admin/payments/export?status=completed")).status()).toBe(404);
  });

  test("a visitor is sent to /login", async ({ page }) => {
    for (const path of ["/admin/payments", "/admin/audit"]) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/login\\?callbackUrl=${encodeURIComponent(path)}`));
    }
    const response = await page.request.get("/admin/payments/export?status=completed", { maxRedirects: 0 });
    expect([302, 303, 307]).toContain(response.status());
    expect(response.headers().location).toContain(`/login?callbackUrl=${encodeURIComponent("/admin/payments/export?status=completed")}`);
  });
});
