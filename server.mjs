/**
 * The production server: Next.js behind a plain Node HTTP server, so that the
 * visitor's socket address can be handed to the app in a header no client can
 * forge (Next's own server keeps a client-sent X-Forwarded-For as it is).
 * See docs/decisions/002-custom-server-for-client-ip.md.
 */
import { createServer } from "node:http";
import next from "next";

const SOCKET_IP_HEADER = "x-zenbali-client-ip";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const dev = process.argv.includes("--dev");

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  request.headers[SOCKET_IP_HEADER] = request.socket.remoteAddress ?? "unknown";
  handle(request, response);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  const url = process.env.APP_URL || `http://localhost:${port}`;
  console.log(`Zen Bali is ready on ${url}`);
});

function shutdown(signal) {
  console.log(`${signal} received, closing the server`);
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
