/**
 * `npm run bench:lighthouse` — Lighthouse (mobile profile, simulated
 * throttling: Lighthouse's default config) on `/` and on one event page,
 * against the production server (`node server.mjs`) and a database filled
 * with the demo data. Needs an existing production build (`npm run build`);
 * builds nothing itself. Holding the build lock is the caller's job:
 *
 *   flock /tmp/zenbali-e2e.lock bash -c "npm run build && npx tsx scripts/bench/lighthouse.ts"
 *
 * Writes docs/lighthouse/home.json and docs/lighthouse/event.json (the LHR of
 * the median run by Performance score, without `i18n`, `timing` and the
 * screenshots), prints the four category scores per page and run, the
 * JavaScript a visitor downloads on `/` (gzipped) and the HTML size of `/`.
 * A measuring tool: it exits 0 on missed targets and says which ones it missed.
 *
 * Options: --runs N (Lighthouse runs per page, default 1), --port N (default 3301),
 * --skip-seed (reuse the database as it is), --base-url URL (audit a server that is
 * already running there: no build check, no seed, no server started), --out DIR
 * (where the JSON goes, default docs/lighthouse).
 * Environment: LH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/zenbali_lh),
 * LH_REDIS_URL (default redis://127.0.0.1:6379), CHROME_PATH (default /usr/bin/chromium).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { runMigrations } from "../db/migrate";
import { seedDatabase } from "../db/seed-database";
import { clearRedisPrefix } from "../../tests/support/global-setup";
import { itemAt } from "./checked";

type TResult = { lhr: LighthouseResult };
type LighthouseResult = {
  finalDisplayedUrl: string;
  categories: Record<string, { score: number | null }>;
  audits: Record<
    string,
    {
      score: number | null;
      scoreDisplayMode: string;
      title: string;
      displayValue?: string;
      numericValue?: number;
      details?: { items?: Record<string, unknown>[] };
    }
  >;
  [key: string]: unknown;
};

const TARGETS = { performance: 95, accessibility: 100, "best-practices": 95, seo: 100 } as const;
const CATEGORY_LABELS: Record<keyof typeof TARGETS, string> = {
  performance: "Performance",
  accessibility: "Accessibility",
  "best-practices": "Best Practices",
  seo: "SEO",
};
const JS_TARGET_KB = 100;
/** Removed from the saved LHR to keep each file small; none of it is a score or an audit result. */
const STRIPPED_AUDITS = ["final-screenshot", "screenshot-thumbnails", "full-page-screenshot"];
const STRIPPED_KEYS = ["i18n", "timing", "fullPageScreenshot"];

const { values: options } = parseArgs({
  options: {
    runs: { type: "string", default: "1" },
    port: { type: "string", default: "3301" },
    "skip-seed": { type: "boolean", default: false },
    "base-url": { type: "string" },
    out: { type: "string", default: "docs/lighthouse" },
  },
});
const runs = Math.max(1, Number(options.runs) || 1);
const port = Number(options.port) || 3301;
const external = options["base-url"]?.replace(/\/$/, "");
const baseUrl = external ?? `http://127.0.0.1:${port}`;
const root = process.cwd();
const outDir = path.resolve(root, options.out);
const databaseUrl = process.env.LH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/zenbali_lh";
const redisUrl = process.env.LH_REDIS_URL ?? "redis://127.0.0.1:6379";
const redisPrefix = "zblh:";
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";

const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  HOST: "127.0.0.1",
  APP_URL: baseUrl,
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: redisPrefix,
  AUTH_SECRET: "lighthouse-secret-lighthouse-secret-0123456789",
  UPLOAD_DIR: "./data/lh-uploads",
  MAIL_DIR: "./data/lh-mail",
  PAYMENT_PROVIDER: "none",
  STRIPE_SECRET_KEY: "",
  STRIPE_WEBHOOK_SECRET: "",
  SMTP_URL: "",
  JOBS_MODE: "inline",
  SEED_DEMO: "1",
  NEXT_TELEMETRY_DISABLED: "1",
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Rebuilds the database from the migrations and seeds the reference and demo data, like the e2e preparation. */
async function prepareDatabase(): Promise<void> {
  await runMigrations({ databaseUrl, mode: "reset", log: () => {} });
  await clearRedisPrefix(redisUrl, redisPrefix);
  // As scripts/test/prepare-e2e.ts does: the environment is set before lib/env is first read.
  await seedDatabase({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisPrefix, SEED_DEMO: "1", UPLOAD_DIR: serverEnv.UPLOAD_DIR });
}

async function startServer(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ["server.mjs"], { env: serverEnv, cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited (${server.exitCode}):\n${output}`);
    const healthy = await fetch(`${baseUrl}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) return server;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  server.kill("SIGTERM");
  throw new Error(`The server did not answer ${baseUrl}/api/health within 60 s:\n${output}`);
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** Fills the server's caches (page and data) and Next's own, so Lighthouse measures a warm server. */
async function warm(paths: string[]): Promise<void> {
  for (let round = 0; round < 5; round++) for (const pathname of paths) await fetchText(`${baseUrl}${pathname}`);
}

/** The first event on `/` that has a picture (the common case; its LCP is the picture). */
function pickEventPath(html: string): string {
  const cards = html.split('data-testid="event-card"').slice(1);
  const withImage = cards.find((card) => /^[^]*?<img /.test(card.split("</article>")[0] ?? ""));
  const eventPath = (withImage ?? cards[0] ?? "").match(/href="(\/events\/[a-z0-9-]+)"/)?.[1];
  if (!eventPath) throw new Error("No event link found on /: is the database seeded?");
  return eventPath;
}

/** Bytes of the inline RSC payload (`self.__next_f.push(...)` scripts) in a page. */
function rscPayloadBytes(html: string): number {
  let total = 0;
  for (const match of html.matchAll(/<script>self\.__next_f\.push\([^]*?<\/script>/g)) total += Buffer.byteLength(match[0]);
  return total;
}

/**
 * The page without Next's scripts (bootstrap chunks, their preloads, the inline
 * RSC payload): what a visitor would get if pages that need no JavaScript were
 * served without hydration. JSON-LD is kept.
 */
function withoutNextScripts(html: string): string {
  return html.replace(/<link rel="preload" as="script"[^>]*>/g, "").replace(/<script(?![^>]*type="application\/ld\+json")[^>]*>[^]*?<\/script>/g, "");
}

async function runLighthouse(url: string, chromePort: number): Promise<LighthouseResult> {
  const result = (await lighthouse(url, { port: chromePort, output: "json", logLevel: "error" })) as TResult | undefined;
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  return result.lhr;
}

function scoreOf(lhr: LighthouseResult, category: keyof typeof TARGETS): number {
  return Math.round((lhr.categories[category]?.score ?? 0) * 100);
}

function stripped(lhr: LighthouseResult): LighthouseResult {
  const copy: LighthouseResult = { ...lhr, audits: { ...lhr.audits } };
  for (const key of STRIPPED_KEYS) Reflect.deleteProperty(copy, key);
  for (const audit of STRIPPED_AUDITS) Reflect.deleteProperty(copy.audits, audit);
  return copy;
}

/** Scripts loaded by the page: what went over the wire, and each one's gzipped size measured here. */
async function scriptWeight(lhr: LighthouseResult): Promise<{ count: number; transferred: number; gzipped: number; raw: number }> {
  const items = (lhr.audits["network-requests"]?.details?.items ?? []) as { url: string; resourceType?: string; transferSize?: number }[];
  const scripts = items.filter((item) => item.resourceType === "Script");
  let gzipped = 0;
  let raw = 0;
  for (const script of scripts) {
    const body = Buffer.from(await (await fetch(script.url)).arrayBuffer());
    raw += body.length;
    gzipped += gzipSync(body).length;
  }
  return { count: scripts.length, transferred: scripts.reduce((sum, item) => sum + (item.transferSize ?? 0), 0), gzipped, raw };
}

function failingAudits(lhr: LighthouseResult, category: keyof typeof TARGETS): string[] {
  const refs = ((lhr.categories[category] as unknown as { auditRefs?: { id: string; weight: number }[] } | undefined)?.auditRefs ?? []).filter(
    (ref) => ref.weight > 0,
  );
  return refs.flatMap(({ id }) => {
    const audit = lhr.audits[id];
    if (!audit || audit.score === null || !(audit.score < 1) || audit.scoreDisplayMode === "informative" || audit.scoreDisplayMode === "notApplicable")
      return [];
    return [`${id} (${Math.round(audit.score * 100)}${audit.displayValue ? `, ${audit.displayValue}` : ""})`];
  });
}

async function main() {
  if (!external && !existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error(
      "No production build in .next (no BUILD_ID). Build first, holding the lock:\n" +
        '  flock /tmp/zenbali-e2e.lock bash -c "npm run build && npx tsx scripts/bench/lighthouse.ts"',
    );
    process.exit(1);
  }
  if (!external && !options["skip-seed"]) {
    console.log(`Preparing ${databaseUrl} (migrations + demo seed) and clearing Redis prefix ${redisPrefix}…`);
    await prepareDatabase();
  }
  if (!external) console.log(`Starting the production server on ${baseUrl}…`);
  const server = external ? null : await startServer();
  let chrome: chromeLauncher.LaunchedChrome | null = null;
  const missed: string[] = [];
  try {
    const homeHtml = await fetchText(`${baseUrl}/`);
    const eventPath = pickEventPath(homeHtml);
    await warm(["/", eventPath, "/id", "/ru", `/ru${eventPath}`]);

    const html = Buffer.from(await fetchText(`${baseUrl}/`));
    const htmlGzip = gzipSync(html).length;
    const rsc = rscPayloadBytes(html.toString());
    const cards = html.toString().split('data-testid="event-card"').length - 1;

    chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
    await mkdir(outDir, { recursive: true });
    const pages = [
      { name: "home", label: "/", url: `${baseUrl}/` },
      { name: "event", label: eventPath, url: `${baseUrl}${eventPath}` },
      // Issue 12: the site in Bahasa Indonesia and Russian scores the same.
      { name: "home-id", label: "/id", url: `${baseUrl}/id` },
      { name: "home-ru", label: "/ru", url: `${baseUrl}/ru` },
      { name: "event-ru", label: `/ru${eventPath}`, url: `${baseUrl}/ru${eventPath}` },
    ];
    const kept = new Map<string, LighthouseResult>();
    console.log(`\nLighthouse ${runs} run(s) per page (mobile, simulated throttling)`);
    for (const page of pages) {
      const results: LighthouseResult[] = [];
      for (let index = 0; index < runs; index++) {
        const lhr = await runLighthouse(page.url, chrome.port);
        results.push(lhr);
        const line = (Object.keys(TARGETS) as (keyof typeof TARGETS)[]).map((category) => `${CATEGORY_LABELS[category]} ${scoreOf(lhr, category)}`).join(" · ");
        console.log(`  ${page.label} run ${index + 1}: ${line}`);
      }
      // The run with the median Performance score is the one kept.
      const sorted = [...results].sort((a, b) => scoreOf(a, "performance") - scoreOf(b, "performance"));
      const median = itemAt(sorted, Math.floor((sorted.length - 1) / 2));
      kept.set(page.label, median);
      const file = path.join(outDir, `${page.name}.json`);
      const json = JSON.stringify(stripped(median), null, 1);
      await writeFile(file, json);
      const perf = results.map((lhr) => scoreOf(lhr, "performance"));
      console.log(
        `  ${page.label} Performance spread ${Math.min(...perf)}–${Math.max(...perf)};` +
          ` kept the median run in ${path.relative(root, file)} (${kb(Buffer.byteLength(json))})`,
      );
      for (const category of Object.keys(TARGETS) as (keyof typeof TARGETS)[]) {
        const score = scoreOf(median, category);
        if (score < TARGETS[category])
          missed.push(
            `${page.label} ${CATEGORY_LABELS[category]} ${score} < ${TARGETS[category]}: ${failingAudits(median, category).join(", ") || "see the JSON"}`,
          );
      }
      const metrics = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]
        .map((id) => `${id.replace(/-/g, " ")} ${median.audits[id]?.displayValue ?? "?"}`)
        .join(" · ");
      console.log(`  ${page.label} metrics: ${metrics}`);
    }

    console.log("");
    for (const [label, lhr] of kept) {
      const js = await scriptWeight(lhr);
      console.log(`JavaScript on ${label}: ${js.count} scripts, ${kb(js.gzipped)} gzipped (${kb(js.raw)} raw; ${kb(js.transferred)} transferred as served)`);
      if (js.gzipped > JS_TARGET_KB * 1024) missed.push(`JavaScript on ${label} ${kb(js.gzipped)} gzipped > ${JS_TARGET_KB} KB`);
    }
    console.log(
      `HTML of / (${cards} cards): ${kb(html.length)} raw, ${kb(htmlGzip)} gzipped; inline RSC payload ${kb(rsc)} (${Math.round((rsc / html.length) * 100)}%)`,
    );
    const bare = Buffer.from(withoutNextScripts(html.toString()));
    console.log(`HTML of / without Next's scripts and RSC payload: ${kb(bare.length)} raw, ${kb(gzipSync(bare).length)} gzipped`);
    const eventHtml = Buffer.from(await fetchText(`${baseUrl}${eventPath}`));
    console.log(
      `HTML of ${eventPath}: ${kb(eventHtml.length)} raw, ${kb(gzipSync(eventHtml).length)} gzipped;` +
        ` inline RSC payload ${kb(rscPayloadBytes(eventHtml.toString()))}`,
    );

    console.log(missed.length ? `\nTargets missed:\n${missed.map((line) => `  ✗ ${line}`).join("\n")}` : "\nAll targets met.");
  } finally {
    if (chrome) chrome.kill();
    server?.kill("SIGTERM");
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
