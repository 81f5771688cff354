/**
 * The production server: Next.js behind a plain Node HTTP server, so that the
 * visitor's socket address can be handed to the app in a header no client can
 * forge (Next's own server keeps a client-sent X-Forwarded-For as it is).
 * See docs/decisions/002-custom-server-for-client-ip.md.
 *
 * Before Next (or the page cache) sees a request, it also gets:
 * - its security headers: Content-Security-Policy (with a per-request nonce
 *   for pages Next renders), and HSTS over HTTPS (lib/http/security-headers.ts);
 * - its body cap: over it, 413 before a byte is buffered (lib/http/body-limit.ts).
 *
 * That code is TypeScript in lib/; `npm run build` compiles it to plain
 * JavaScript (dist/server-runtime.mjs, by scripts/build-server.mjs), so this
 * server runs with the runtime dependencies alone. `--dev` (next dev behind
 * this server) loads the TypeScript itself through tsx, a dev dependency.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import next from "next";

const SOCKET_IP_HEADER = "x-zenbali-client-ip";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const dev = process.argv.includes("--dev");

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
// Loaded after prepare(): Next has read the .env files by then.
const runtime = dev
  ? await (await import("tsx/esm/api")).tsImport("./lib/http/server-runtime.ts", import.meta.url)
  : await import("./dist/server-runtime.mjs").catch((error) => {
      throw new Error("dist/server-runtime.mjs is missing or broken: run `npm run build` first.", { cause: error });
    });
const { applyBaselineSecurityHeaders, applySecurityHeaders, admitRequestBody, createPageCache, loadLightRenderer } = runtime;

// What reaches Next gets its headers and nonce here (and loses any CSP request header a client sent: a client never
// picks the nonce); page-cache hits never reach Next and never pay for one.
const handleWithNonce = (request, response) => {
  applySecurityHeaders(request, response, { dev });
  return handle(request, response);
};
const buildId = dev ? "" : readFileSync(new URL("./.next/BUILD_ID", import.meta.url), "utf8").trim();
// The page cache answers anonymous requests for public pages from a stored
// copy, without rendering (docs/decisions/006-page-cache-in-front-of-next.md).
// Its misses of `/` are rendered without Next, from the same components
// (docs/decisions/010-light-render-path-for-public-pages.md).
const lightRender = dev ? undefined : await loadLightRenderer(JSON.parse(readFileSync(new URL("./dist/build-assets.json", import.meta.url), "utf8")));
const pageCache = dev ? null : createPageCache({ handle: handleWithNonce, buildId, lightRender });
const serve = pageCache ? pageCache.handle : handleWithNonce;

const server = createServer((request, response) => {
  request.headers[SOCKET_IP_HEADER] = request.socket.remoteAddress ?? "unknown";
  // A request with a body may be answered right here (413): it gets its headers now. GET and HEAD get them where
  // they are answered (the page cache's serve(), or just before Next), so that a cache hit writes all its headers
  // in one writeHead (a header set earlier sends Node's writeHead down its slow path, on every hit).
  if (request.method !== "GET" && request.method !== "HEAD") applyBaselineSecurityHeaders(request, response, { dev });
  // true (go on), false (refused with 413: Next never sees it) or, for a chunked body, a promise of either.
  const failed = (error) => {
    console.error("request failed", error);
    if (!response.headersSent) {
      response.statusCode = 500;
      applyBaselineSecurityHeaders(request, response, { dev });
      response.end("Internal Server Error");
    }
  };
  try {
    const admitted = admitRequestBody(request, response);
    // A page-cache hit is answered synchronously (undefined): no promise is made for it.
    const answered = admitted === true ? serve(request, response) : Promise.resolve(admitted).then((ok) => (ok ? serve(request, response) : undefined));
    if (answered && typeof answered.then === "function") answered.then(undefined, failed);
  } catch (error) {
    failed(error);
  }
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  const url = process.env.APP_URL || `http://localhost:${port}`;
  console.log(`Zen Bali is ready on ${url}`);
});

function shutdown(signal) {
  console.log(`${signal} received, closing the server`);
  server.close(() => Promise.resolve(pageCache?.flushViews()).finally(() => process.exit(0)));
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
