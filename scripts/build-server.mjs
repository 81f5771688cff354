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
 *   dist/build-assets.json   the stylesheets Next's build links from the root layout, for the light render path
 *                            (docs/decisions/010-light-render-path-for-public-pages.md)
 *
 * Our own code is bundled (the `@/` paths of tsconfig.json included); packages
 * stay imports from node_modules, so the runtime dependencies are the same
 * ones Next uses. See docs/architecture.md, "Packaging".
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
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
  // "server-only" guards Next's client bundles; everything compiled here runs on the server, where it is an empty module.
  plugins: [
    {
      name: "server-only",
      setup(esbuild) {
        esbuild.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "server-only" }));
        esbuild.onLoad({ filter: /.*/, namespace: "server-only" }, () => ({ contents: "", loader: "js" }));
      },
    },
  ],
});

/**
 * The stylesheets of the root layout, as Next's build recorded them for `/` (its client reference manifest).
 * An internal file of Next: if a Next upgrade moves it, the build stops here rather than serve unstyled pages.
 */
function layoutStylesheets() {
  const manifestFile = new URL(".next/server/app/page_client-reference-manifest.js", root);
  const sandbox = { self: {}, globalThis: {} };
  sandbox.globalThis = sandbox.self;
  runInNewContext(readFileSync(manifestFile, "utf8"), sandbox);
  const manifest = sandbox.self.__RSC_MANIFEST?.["/page"];
  const files = manifest?.entryCSSFiles?.["[project]/app/layout"];
  if (!Array.isArray(files) || files.length === 0 || files.some((file) => typeof file?.path !== "string" || file.inlined)) {
    throw new Error(`Cannot find the root layout's stylesheets in ${manifestFile.pathname}: did a Next upgrade change its build output?`);
  }
  return files.map((file) => `/_next/${file.path}`);
}
writeFileSync(new URL("build-assets.json", `file://${outdir}`), `${JSON.stringify({ stylesheets: layoutStylesheets() }, null, 2)}\n`);
console.log("Compiled the server runtime, worker, migrations and seed to dist/");
