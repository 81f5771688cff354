// No "server-only": this is the entry point `npm run build` compiles for server.mjs (dist/server-runtime.mjs),
// which runs outside Next's bundle.
/**
 * Everything server.mjs needs from lib/, in one module: the security headers
 * every answer gets, the request-body cap, and the page cache in front of Next.
 * scripts/build-server.mjs compiles it (and what it imports) to plain
 * JavaScript, so the production server never loads TypeScript at run time.
 */
export { applyBaselineSecurityHeaders, applySecurityHeaders } from "@/lib/http/security-headers";
export { admitRequestBody } from "@/lib/http/body-limit";
export { createPageCache } from "@/lib/page-cache/page-cache";

/**
 * The light render path for anonymous pages (docs/decisions/010-light-render-path-for-public-pages.md), loaded
 * only by the production server: it brings the data layer and react-dom/server along.
 */
export async function loadLightRenderer(assets: { stylesheets: string[] }) {
  const { createLightRenderer } = await import("@/lib/public-pages/listing-document");
  return createLightRenderer(assets);
}
