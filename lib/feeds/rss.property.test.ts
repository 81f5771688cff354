/**
 * Issue 9, item 10 (RSS side): any title or description gives a well-formed
 * feed that carries each item's text.
 *
 * No XML parser is installed, so `readXml` (tests/support/read-xml.ts) checks well-formedness for
 * the subset of XML 1.0 the writer produces (an XML declaration, then
 * elements, attributes in double quotes and character data; no comments,
 * CDATA, processing instructions or DTD — any of those in the output fails
 * the check, which is stricter than XML). In that subset a document is
 * well-formed when (XML 1.0): every character is a Char (§2.2); character
 * data holds no "<" and no "&" except a predefined entity or a character
 * reference (§2.4, §4.6); tags are Name (S Attribute)* with unique names and
 * values free of "<" and unescaped "&" or '"' (§3.1); end tags match start
 * tags, and there is exactly one root element (§2.1).
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { nastyText } from "@/tests/support/arbitraries";
import { buildRss, type TRssItem } from "./rss";
import { readXml } from "@/tests/support/read-xml";
import { escapeXml } from "./xml";

/** What a reader gets back (documented): lone surrogates → U+FFFD, NEL → "\n", forbidden and C1 controls removed; XML ends lines with "\n" (§2.11). */
function keptText(value: string): string {
  return value
    .replace(/\p{Surrogate}/gu, "\uFFFD")
    .replace(/\u0085/g, "\n")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, "")
    .replace(/\r\n?/g, "\n");
}

const rssItem: fc.Arbitrary<TRssItem> = fc.record({
  title: nastyText,
  link: fc.webUrl({ withQueryParameters: true, withFragments: true }),
  description: nastyText,
  category: nastyText,
  pubDate: fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }),
});

describe("RSS writer, any text (property)", () => {
  test.prop([nastyText, fc.array(rssItem, { maxLength: 5 })], { numRuns: 100 })(
    "the feed is well-formed XML and carries every item's text",
    (channelTitle, items) => {
      const document = buildRss({
        title: channelTitle,
        link: "https://zenbali.example/",
        description: "Events",
        selfLink: "https://zenbali.example/feed.xml",
        items,
      });
      const rss = readXml(document);
      expect(rss.name).toBe("rss");
      const channel = rss.children[0]!;
      expect(channel.children.find((child) => child.name === "title")?.text.replace(/\r\n?/g, "\n")).toBe(keptText(channelTitle));
      const read = channel.children.filter((child) => child.name === "item");
      expect(read).toHaveLength(items.length);
      read.forEach((item, index) => {
        const text = (name: string) => item.children.find((child) => child.name === name)?.text.replace(/\r\n?/g, "\n");
        expect(text("title")).toBe(keptText(items[index]!.title));
        expect(text("description")).toBe(keptText(items[index]!.description));
        expect(text("category")).toBe(keptText(items[index]!.category));
        expect(text("link")).toBe(items[index]!.link);
      });
    },
    60_000,
  );

  it("the well-formedness check refuses what it must (so the property can fail)", () => {
    const wrap = (title: string) => `<?xml version="1.0" encoding="UTF-8"?><rss><title>${title}</title></rss>`;
    expect(() => readXml(wrap("a < b"))).toThrow();
    expect(() => readXml(wrap("a & b"))).toThrow();
    expect(() => readXml(wrap("a \u0001 b"))).toThrow();
    expect(() => readXml(wrap("a \ud800 b"))).toThrow();
    expect(() => readXml(wrap("</title><title>"))).not.toThrow();
    expect(() => readXml(wrap("</rss><rss>"))).toThrow();
    expect(readXml(wrap(escapeXml("a < b & \"c\" 'd' ]]>"))).children[0]!.text).toBe("a < b & \"c\" 'd' ]]>");
  });

  // Regressions found by the property.
  it("replaces a lone surrogate with U+FFFD and drops DEL and C1 controls (XML 1.0 has no surrogate code points)", () => {
    expect(escapeXml("Yoga \ud83e at dawn\u007f\u009b")).toBe("Yoga \ufffd at dawn");
    expect(escapeXml("one\u0085two")).toBe("one\ntwo");
  });
});
