/**
 * The payments CSV (GET /admin/payments/export): RFC 4180 text, CRLF line
 * ends, no byte-order mark, one row per payment.
 *
 * - Dates are ISO 8601 in Bali time with the offset written out
 *   ("2026-11-25T19:30:00+08:00"): unambiguous for a program and still
 *   readable for a person, and the same calendar day the admin filtered on.
 * - Amounts are decimal USD with two places ("3.00"); the Currency column
 *   says which currency the amount is in.
 * - Spreadsheet formula injection: a field that starts with = + - @ tab or CR
 *   gets a leading apostrophe, so Excel, LibreOffice and Google Sheets show it
 *   as text instead of running it. Quoting is applied after that.
 *
 * Pure (no database, no server-only): unit-tested in payments-csv.test.ts.
 */
import type { PaymentStatus } from "@/lib/db";
import { PAYMENT_STATUS_LABEL } from "@/lib/payments/payment-status";
import { toBaliIso } from "@/lib/time/bali";

export const PAYMENTS_CSV_HEADER = [
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
] as const;

export type TPaymentCsvSource = {
  id: string;
  createdAt: Date;
  amountCents: number;
  currency: string;
  status: PaymentStatus;
  stripeCheckoutSessionId: string | null;
  stripePaymentIntentId: string | null;
  event: { title: string; slug: string };
  creator: { name: string; email: string };
};

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field: formula-guarded, then quoted when it holds a comma, a quote, CR or LF (quotes doubled). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF line end. */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map(csvLine).join("");
}

/** 300 → "3.00", 5 → "0.05" (integer arithmetic, no floating-point rounding). */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const absolute = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}

/** "USD 3.00": admin figures always show the cents (reconciliation, not marketing). */
export function formatAdminAmount(cents: number, currency = "USD"): string {
  return `${currency} ${centsToDecimal(cents)}`;
}

export function paymentCsvFields(payment: TPaymentCsvSource): string[] {
  return [
    payment.id,
    toBaliIso(payment.createdAt),
    payment.event.title,
    payment.event.slug,
    payment.creator.name,
    payment.creator.email,
    centsToDecimal(payment.amountCents),
    payment.currency,
    PAYMENT_STATUS_LABEL[payment.status],
    payment.stripeCheckoutSessionId ?? "",
    payment.stripePaymentIntentId ?? "",
  ];
}

/** "payments_2026-11-25.csv", dated by the Bali calendar day of the export. */
export function paymentsCsvFilename(now: Date): string {
  return `payments_${toBaliIso(now).slice(0, 10)}.csv`;
}

/**
 * Reads RFC 4180 text back into records (quoted fields, doubled quotes,
 * CRLF or LF line ends; a final line end does not make an empty record).
 * Used by the tests to check what the writer produces.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let index = 0;
  const endField = () => {
    record.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (index < text.length) {
    const char = text.charAt(index);
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      index += 1;
      continue;
    }
    if (char === '"' && field === "") quoted = true;
    else if (char === ",") endField();
    else if (char === "\r" && text[index + 1] === "\n") {
      endRecord();
      index += 1;
    } else if (char === "\n") endRecord();
    else field += char;
    index += 1;
  }
  if (quoted) throw new Error("CSV: a quoted field is not closed");
  if (field !== "" || record.length > 0) endRecord();
  return records;
}
