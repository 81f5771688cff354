import type { NextRequest } from "next/server";
import { buildRssFeed } from "@/lib/feeds/build-feeds";
import { feedLocale, feedQuery, textResponse } from "@/lib/http/feed-response";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  return textResponse(await buildRssFeed(feedQuery(request), feedLocale(request)), "application/rss+xml; charset=utf-8");
}
