import type { NextRequest } from "next/server";
import { buildSitemapFile } from "@/lib/feeds/sitemap";
import { textResponse } from "@/lib/http/feed-response";

export const dynamic = "force-dynamic";

/** One file of the sitemap index: /sitemaps/pages.xml, /sitemaps/events-<n>.xml; any other name is a 404. */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const body = await buildSitemapFile(file);
  if (body === null) return new Response("Sitemap not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return textResponse(body, "application/xml; charset=utf-8");
}
