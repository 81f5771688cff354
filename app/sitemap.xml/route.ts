import { textResponse } from "@/lib/http/feed-response";
import { buildSitemapIndex } from "@/lib/feeds/sitemap";

export const dynamic = "force-dynamic";

/** The sitemap index: /sitemaps/pages.xml and /sitemaps/events-<n>.xml, each with its lastmod (lib/feeds/sitemap.ts). */
export async function GET() {
  return textResponse(await buildSitemapIndex(), "application/xml; charset=utf-8");
}
