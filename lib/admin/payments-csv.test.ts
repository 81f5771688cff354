import { describe, expect, it } from "vitest";
import {
  centsToDecimal,
  csvField,
  csvLine,
  formatAdminAmount,
  parseCsv,
  paymentCsvFields,
  PAYMENTS_CSV_HEADER,
  paymentsCsvFilename,
  toCsv,
} from "./payments-csv";

describe("payments CSV writer", () => {
  it("leaves plain fields alone and writes nothing for null", () => {
    expect(csvField("Morning Yoga")).toBe("Morning Yoga");
    expect(csvField(3)).toBe("3");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField("")).toBe("");
  });

  it("quotes fields with a comma, a quote, CR or LF, doubling the quotes (RFC 4180)", () => {
    expect(csvField("Yoga, Ubud")).toBe('"Yoga, Ubud"');
    expect(csvField('The "Best" Class')).toBe('"The ""Best"" Class"');
    expect(csvField("line one\nline two")).toBe('"line one\nline two"');
    expect(csvField("line one\r\nline two")).toBe('"line one\r\nline two"');
    expect(csvField('"')).toBe('""""');
  });

  it("defuses spreadsheet formulas: = + - @ tab and CR at the start get a leading apostrophe", () => {
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+62 812")).toBe("'+62 812");
    expect(csvField("-5")).toBe("'-5");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tcmd")).toBe("'\tcmd");
    expect(csvField("\rcmd")).toBe('"\'\rcmd"');
    // Guarded first, then quoted.
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    // Only the first character counts.
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField("user@example.com")).toBe("user@example.com");
  });

  it("ends every record with CRLF", () => {
    expect(csvLine(["a", "b,c", null])).toBe('a,"b,c",\r\n');
    expect(toCsv([["x"], ["y", "z"]])).toBe("x\r\ny,z\r\n");
  });

  it("shows cents as decimal USD with two places", () => {
    expect(centsToDecimal(300)).toBe("3.00");
    expect(centsToDecimal(350)).toBe("3.50");
    expect(centsToDecimal(5)).toBe("0.05");
    expect(centsToDecimal(0)).toBe("0.00");
    expect(centsToDecimal(1_234_567)).toBe("12345.67");
    expect(formatAdminAmount(300)).toBe("USD 3.00");
    expect(formatAdminAmount(850)).toBe("USD 8.50");
  });

  it("writes one payment as the header's columns, with the date in Bali time (ISO 8601, +08:00)", () => {
    const fields = paymentCsvFields({
      id: "5b0d7f8e-0000-4000-8000-000000000001",
      // 23:30 UTC on the 24th is 07:30 on the 25th in Bali.
      createdAt: new Date("2026-11-24T23:30:00Z"),
      amountCents: 300,
      currency: "USD",
      status: "COMPLETED",
      stripeCheckoutSessionId: "cs_test_123",
      stripePaymentIntentId: null,
      event: { title: 'Sunrise, "Breath" Circle', slug: "sunrise-breath-circle" },
      creator: { name: "Made Wirawan", email: "made@example.test" },
    });
    expect(fields).toHaveLength(PAYMENTS_CSV_HEADER.length);
    expect(fields).toEqual([
      "5b0d7f8e-0000-4000-8000-000000000001",
      "2026-11-25T07:30:00+08:00",
      'Sunrise, "Breath" Circle',
      "sunrise-breath-circle",
      "Made Wirawan",
      "made@example.test",
      "3.00",
      "USD",
      "Completed",
      "cs_test_123",
      "",
    ]);
    expect(csvLine(fields)).toContain(',"Sunrise, ""Breath"" Circle",');
  });

  it("names the file after the Bali calendar day", () => {
    expect(paymentsCsvFilename(new Date("2026-11-24T16:30:00Z"))).toBe("payments_2026-11-25.csv");
    expect(paymentsCsvFilename(new Date("2026-11-24T15:59:00Z"))).toBe("payments_2026-11-24.csv");
  });

  it("the header row is exactly the documented one", () => {
    expect(csvLine(PAYMENTS_CSV_HEADER)).toBe(
      "ID,Date,Event,Event slug,Creator,Creator email,Amount (USD),Currency,Status,Stripe session ID,Payment intent ID\r\n",
    );
  });

  it("what is written parses back to the same values", () => {
    const rows = [
      ["plain", 'with "quotes"', "with, comma"],
      ["multi\r\nline", "=formula", ""],
      ["", "", "last"],
    ];
    expect(parseCsv(toCsv(rows))).toEqual([
      ["plain", 'with "quotes"', "with, comma"],
      ["multi\r\nline", "'=formula", ""],
      ["", "", "last"],
    ]);
    expect(parseCsv("a,b\nc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(() => parseCsv('"open')).toThrow();
  });
});
