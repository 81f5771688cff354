import { describe, expect, it } from "vitest";
import { expandedPrefixTsQuery, MAX_PREFIX_EXPANSIONS, prefixUpperBound, searchWords } from "./search-terms";

describe("search terms", () => {
  it("splits what was typed into at most eight lower-case words without accents", () => {
    expect(searchWords("Sound  HEAL, café!")).toEqual(["sound", "heal", "cafe"]);
    expect(searchWords("a b c d e f g h i j")).toHaveLength(8);
    expect(searchWords("!!! ***")).toEqual([]);
  });

  it("bounds a prefix from above in code-point order", () => {
    expect(prefixUpperBound("med")).toBe("mee");
    expect(prefixUpperBound("z")).toBe("{");
    expect(prefixUpperBound("9")).toBe(":");
    expect(prefixUpperBound("йог")).toBe("йод");
    // A character outside the Basic Multilingual Plane is one character, not two halves.
    expect(prefixUpperBound("a𝒜")).toBe("a𝒝");
    expect(() => prefixUpperBound("")).toThrow(RangeError);
  });

  it("spells each prefix out as the whole words it starts, quoted for a tsquery", () => {
    expect(expandedPrefixTsQuery(["heal", "ubu"], [["heal", "healer", "healing"], ["ubud"]])).toBe("( 'heal' | 'healer' | 'healing' ) & ( 'ubud' )");
    expect(expandedPrefixTsQuery(["it"], [["it's", "back\\slash"]])).toBe("( 'it''s' | 'back\\\\slash' )");
  });

  it("keeps a word a prefix when it starts too many words, and matches nothing when it starts none", () => {
    const many = Array.from({ length: MAX_PREFIX_EXPANSIONS + 1 }, (_, index) => `m${String(index)}`);
    expect(expandedPrefixTsQuery(["m", "yoga"], [many, ["yoga"]])).toBe("'m':* & ( 'yoga' )");
    expect(expandedPrefixTsQuery(["m", "zzz"], [["m1"], []])).toBeNull();
    expect(expandedPrefixTsQuery([], [])).toBeNull();
  });
});
