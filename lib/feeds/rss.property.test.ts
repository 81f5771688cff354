/**
 * Issue 9, item 10 (RSS side): any title or description gives a well-formed
 * feed that carries each item's text.
 *
 * No XML parser is installed, so `readXml` below checks well-formedness for
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
import { escapeXml } from "./xml";

const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const NAME = "[A-Za-z_:][A-Za-z0-9._:-]*";
const REFERENCE = "&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);";
const START_TAG = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*"(?:[^<&"]|${REFERENCE})*")*)\\s*(/?)>`);
const END_TAG = new RegExp(`^</(${NAME})\\s*>`);
const CHAR_DATA = new RegExp(`^(?:[^<&]|${REFERENCE})*$`);

type TElement = { name: string; text: string; children: TElement[] };

function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g, (_, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[entity]!;
  });
}

/** The root element of a well-formed document (in the subset above), or an error saying where it is not. */
function readXml(document: string): TElement {
  if (!XML_CHARS.test(document)) throw new Error("a character XML 1.0 does not allow");
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>';
  if (!document.startsWith(declaration)) throw new Error("no XML declaration");
  let rest = document.slice(declaration.length);
  const stack: TElement[] = [];
  let root: TElement | null = null;
  while (rest.length > 0) {
    const lt = rest.indexOf("<");
    const data = lt === -1 ? rest : rest.slice(0, lt);
    if (data) {
      if (stack.length === 0 && data.trim() !== "") throw new Error(`text outside the root: ${JSON.stringify(data.slice(0, 80))}`);
      if (!CHAR_DATA.test(data)) throw new Error(`bad character data: ${JSON.stringify(data.slice(0, 80))}`);
      if (data.includes("]]>")) throw new Error("]]> in character data");
      if (stack.length > 0) stack.at(-1)!.text += unescapeXml(data);
    }
    if (lt === -1) break;
    rest = rest.slice(lt);
    const end = END_TAG.exec(rest);
    if (end) {
      const open = stack.pop();
      if (!open || open.name !== end[1]) throw new Error(`</${end[1]}> closes <${open?.name}>`);
      if (stack.length === 0) root = open;
      rest = rest.slice(end[0].length);
      continue;
    }
    const start = START_TAG.exec(rest);
    if (!start) throw new Error(`not a tag: ${JSON.stringify(rest.slice(0, 80))}`);
    if (stack.length === 0 && root) throw new Error("a second root element");
    const attributes = [...start[2]!.matchAll(new RegExp(`(${NAME})\\s*=`, "g"))].map((match) => match[1]);
    if (new Set(attributes).size !== attributes.length) throw new Error("an attribute twice");
    const element: TElement = { name: start[1]!, text: "", children: [] };
    stack.at(-1)?.children.push(element);
    if (start[3] === "/") {
      if (stack.length === 0) root = element;
    } else stack.push(element);
    rest = rest.slice(start[0].length);
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)!.name}> is not closed`);
  if (!root) throw new Error("no root element");
  return root;
}

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
