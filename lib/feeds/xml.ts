/** Lone surrogates are not XML characters (nor UTF-8): U+FFFD instead, as an encoder would write. */
const LONE_SURROGATE = /\p{Surrogate}/gu;
/**
 * Characters XML 1.0 forbids (§2.2 Char: C0 except TAB, LF and CR; U+FFFE,
 * U+FFFF) and the ones it discourages (DEL and C1, which XML 1.1 only allows
 * escaped and feed readers show as garbage) are removed; NEL (U+0085), a line
 * end in XML 1.1, becomes "\n" first so its line break is kept.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

/** Text as XML 1.0 can hold it (see NOT_XML), not yet escaped. */
function cleanXmlText(value: string): string {
  return value
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(/\u0085/g, "\n")
    .replace(NOT_XML, "");
}

/** Escapes text for XML element content and attribute values, after cleanXmlText. */
export function escapeXml(value: string): string {
  return cleanXmlText(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
