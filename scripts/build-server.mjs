/**
 * The second half of `npm run build` (after `next build`): compiles the
 * TypeScript that runs outside Next's bundle to plain JavaScript in dist/, so
 * that production needs no TypeScript loader (`npm ci --omit=dev` after a
 * build, then `npm start`):
 *
 *   dist/server-runtime.mjs  what server.mjs loads: page cache, security headers, body cap
 *   dist/worker.mjs          `npm run worker`: mail and stats jobs
 *   dist/migrate.mjs         `npm run db:deploy`: applies the committed migrations
 *   dist/seed.mjs            `npm run db:seed`: reference data and the first admin
 *
 * Our own code is bundled (the `@/` paths of tsconfig.json included); packages
 * stay imports from node_modules, so the runtime dependencies are the same
 * ones Next uses. See docs/architecture.md, "Packaging".
 */
import { rmSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("..", import.meta.url);
const outdir = new URL("dist/", root).pathname;
rmSync(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root.pathname,
  entryPoints: {
    "server-runtime": "lib/http/server-runtime.ts",
    worker: "scripts/worker.ts",
    migrate: "scripts/db/migrate.ts",
    seed: "prisma/seed.ts",
  },
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20.19",
  packages: "external",
  tsconfig: "tsconfig.json",
  legalComments: "none",
  logLevel: "warning",
});
console.log("Compiled the server runtime, worker, migrations and seed to dist/");
