import type { NextRequest } from "next/server";
import { buildRssFeed } from "@/lib/feeds/build-feeds";
import { feedQuery, textResponse } from "@/lib/http/feed-response";
import { requestLocale } from "../request-locale";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  return textResponse(await buildRssFeed(feedQuery(request), await requestLocale()), "application/rss+xml; charset=utf-8");
}
