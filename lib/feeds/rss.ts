import { escapeXml } from "./xml";

/**
 * RSS 2.0 writer: every text value goes through escapeXml, so any title or
 * description gives a well-formed document (see rss.property.test.ts).
 */
export type TRssItem = { title: string; link: string; description: string; category: string; pubDate: Date };
/** `language`: the channel's language code ("en", "id", "ru"). */
export type TRssChannel = { title: string; link: string; description: string; language?: string; selfLink: string; items: TRssItem[]; now?: Date };

export function buildRss({ title, link, description, language = "en", selfLink, items, now = new Date() }: TRssChannel): string {
  const itemLines = items.map((item) =>
    [
      "    <item>",
      `      <title>${escapeXml(item.title)}</title>`,
      `      <link>${escapeXml(item.link)}</link>`,
      `      <guid isPermaLink="true">${escapeXml(item.link)}</guid>`,
      `      <description>${escapeXml(item.description)}</description>`,
      `      <category>${escapeXml(item.category)}</category>`,
      `      <pubDate>${item.pubDate.toUTCString()}</pubDate>`,
      "    </item>",
    ].join("\n"),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "  <channel>",
    `    <title>${escapeXml(title)}</title>`,
    `    <link>${escapeXml(link)}</link>`,
    `    <description>${escapeXml(description)}</description>`,
    `    <language>${escapeXml(language)}</language>`,
    `    <atom:link href="${escapeXml(selfLink)}" rel="self" type="application/rss+xml"/>`,
    `    <lastBuildDate>${now.toUTCString()}</lastBuildDate>`,
    ...itemLines,
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}
