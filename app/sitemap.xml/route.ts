import { buildSitemap } from "@/lib/feeds/build-feeds";
import { textResponse } from "@/lib/http/feed-response";

export const dynamic = "force-dynamic";

export async function GET() {
  return textResponse(await buildSitemap(), "application/xml; charset=utf-8");
}
