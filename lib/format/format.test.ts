import { describe, expect, it } from "vitest";
import { formatRupiah, formatUsdCents } from "./money";
import { whatsappNumber } from "./phone";
import { slugify } from "./slug";

describe("formatting", () => {
  it("shows rupiah with dots and Free for zero", () => {
    expect(formatRupiah(150_000)).toBe("Rp 150.000");
    expect(formatRupiah(100_000_000)).toBe("Rp 100.000.000");
    expect(formatRupiah(0)).toBe("Free");
  });

  it("shows the posting fee in USD from cents", () => {
    expect(formatUsdCents(300)).toBe("USD 3");
    expect(formatUsdCents(350)).toBe("USD 3.50");
  });

  it("makes slugs as the product contract says", () => {
    expect(slugify("Market & Bazaar")).toBe("market-bazaar");
    expect(slugify("By Registration Only")).toBe("by-registration-only");
    expect(slugify("  Café -- Ubud!  ")).toBe("cafe-ubud");
  });

  it("turns Indonesian phone numbers into wa.me numbers", () => {
    expect(whatsappNumber("0812-3456-7890")).toBe("6281234567890");
    expect(whatsappNumber("+62 812 3456 7890")).toBe("6281234567890");
    expect(whatsappNumber("12")).toBeNull();
  });
});
