import { siteUrl } from "@/lib/site";

export const dynamic = "force-dynamic";

export function GET() {
  const body = ["User-agent: *", "Allow: /", "Disallow: /dashboard", "Disallow: /admin", "Disallow: /api", "", `Sitemap: ${siteUrl("/sitemap.xml")}`, ""].join(
    "\n",
  );
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
