import { describe, expect, it } from "vitest";
import { matchReferenceValue, referenceKey } from "./match-reference-value";

const types = [
  { name: "Market & Bazaar", slug: "market-bazaar" },
  { name: "Sound Healing", slug: "sound-healing" },
  { name: "Donation-based", slug: "donation-based" },
];

describe("reference values by slug or name", () => {
  it("keeps letters and digits only, lower-cased", () => {
    expect(referenceKey(" Market & Bazaar! ")).toBe("marketbazaar");
    expect(referenceKey("Café")).toBe("cafe");
  });

  it.each(["market & bazaar", "Market-Bazaar", "MARKET BAZAAR", "market_bazaar", "marketbazaar", "market-bazaar"])("%s matches Market & Bazaar", (value) => {
    expect(matchReferenceValue(value, types)?.slug).toBe("market-bazaar");
  });

  it("matches names with punctuation and slugs alike", () => {
    expect(matchReferenceValue("donation based", types)?.slug).toBe("donation-based");
    expect(matchReferenceValue("SOUND healing", types)?.slug).toBe("sound-healing");
  });

  it("gives null for unknown, empty and punctuation-only values", () => {
    expect(matchReferenceValue("bazaar", types)).toBeNull();
    expect(matchReferenceValue("", types)).toBeNull();
    expect(matchReferenceValue("&&&", types)).toBeNull();
  });
});
