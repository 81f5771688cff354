/**
 * A reader for the XML our feeds and sitemaps write, for tests (no XML parser is installed). It checks
 * well-formedness for the subset of XML 1.0 the writers produce (an XML declaration, then elements, attributes in
 * double quotes and character data; no comments, CDATA, processing instructions or DTD — any of those fails the
 * check, which is stricter than XML). In that subset a document is well-formed when (XML 1.0): every character is a
 * Char (§2.2); character data holds no "<" and no "&" except a predefined entity or a character reference (§2.4,
 * §4.6); tags are Name (S Attribute)* with unique names and values free of "<" and unescaped "&" or '"' (§3.1); end
 * tags match start tags, and there is exactly one root element (§2.1).
 */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const NAME = "[A-Za-z_:][A-Za-z0-9._:-]*";
const REFERENCE = "&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);";
const START_TAG = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*"(?:[^<&"]|${REFERENCE})*")*)\\s*(/?)>`);
const END_TAG = new RegExp(`^</(${NAME})\\s*>`);
const CHAR_DATA = new RegExp(`^(?:[^<&]|${REFERENCE})*$`);

export type TElement = { name: string; text: string; attributes: Record<string, string>; children: TElement[] };

function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g, (_, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[entity]!;
  });
}

/** The root element of a well-formed document (in the subset above), or an error saying where it is not. */
export function readXml(document: string): TElement {
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
    const attributes = [...start[2]!.matchAll(new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, "g"))].map((match) => [match[1]!, unescapeXml(match[2]!)] as const);
    if (new Set(attributes.map(([name]) => name)).size !== attributes.length) throw new Error("an attribute twice");
    const element: TElement = { name: start[1]!, text: "", attributes: Object.fromEntries(attributes), children: [] };
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
