/**
 * `npm run bench`: the benchmark of issue 5, rerunnable by anyone.
 *
 * Builds nothing: it needs a production build (`npm run build`) and the
 * benchmark database (`npm run bench:seed`). It starts the production server
 * (`node server.mjs`, NODE_ENV=production) against that database and the local
 * Redis (prefix "zbbench:"), warms up, and drives each scenario with autocannon
 * at 50 connections for a fixed time. Then the same S1–S3, S7 and S8 with CACHE_ENABLED=false.
 * It prints one table with each row's ratio to the static baseline S0 measured
 * in the same run, and writes docs/benchmarks.md and docs/benchmarks.json.
 *
 * Flags: --duration <s> (default 10), --connections <n> (default 50),
 *        --database-url <url> (default BENCH_DATABASE_URL or …/zenbali_bench),
 *        --port <n> (default 3401), --no-queries (skip the query-time part),
 *        --out <dir> (default docs),
 *        --only <ids> (e.g. S0,S1-off: just those scenarios, always with S0; prints the table, writes nothing).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { createRequire } from "node:module";
import pg from "pg";
import { Redis } from "ioredis";
import { itemAt, required } from "./checked";
import { carryOverSections } from "./doc-sections";

/**
 * autocannon appends every response body to a string (a UTF-8 decode per chunk) that this benchmark never reads.
 * Client and server share this machine's two cores, so that decoding alone made a page in Russian (two bytes a
 * letter) about 30% slower than the same page in English (issue 12). The client counts bytes, not text: the same for
 * every scenario, S0 included.
 */
const PipelinedRequestsQueue = createRequire(import.meta.url)("autocannon/lib/pipelinedRequestsQueue.js") as {
  prototype: { addBody: (data: unknown) => void };
};
PipelinedRequestsQueue.prototype.addBody = () => {};

const root = path.resolve(import.meta.dirname, "../..");

const { values: flags } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    "database-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/zenbali_bench" },
    "redis-url": { type: "string", default: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
    port: { type: "string", default: "3401" },
    "no-queries": { type: "boolean", default: false },
    out: { type: "string", default: "docs" },
    only: { type: "string" },
  },
});

const DURATION = Number(flags.duration);
const CONNECTIONS = Number(flags.connections);
const DATABASE_URL = flags["database-url"];
const REDIS_URL = flags["redis-url"];
const PORT = Number(flags.port);
const BASE = `http://127.0.0.1:${PORT}`;
const PREFIX = "zbbench:";
const STATIC_PATH = "/bench/home.html";
const STATIC_FILE = path.join(root, "public", "bench", "home.html");

type TScenario = { id: string; name: string; paths: string[]; cache: "on" | "off"; note?: string; cold?: boolean };
type TMachine = {
  date: string;
  cpu: string;
  memoryGb: number;
  os: string;
  node: string;
  next: string;
  postgres: string;
  redis: string;
  /** One-off events. */
  events: number;
  series: number;
  /** Event rows of the series, one per date, on top of `events`. */
  seriesDates: number;
  connections: number;
  durationSeconds: number;
};
type TResult = {
  id: string;
  name: string;
  cache: "on" | "off";
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  bytesPerRequest: number;
  /** Peak resident memory of the server during this scenario. */
  rssMb?: number;
  ratioToS0?: number;
};

// ─── helpers ────────────────────────────────────────────────────────────────

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 1,000 fake visitor addresses: the server runs with TRUST_PROXY=true, so per-IP limits and unique-visitor stats see many visitors, as in real traffic. */
const IPS = Array.from({ length: 5000 }, (_, index) => `198.18.${Math.floor(index / 250)}.${(index % 250) + 1}`);

async function clearBenchRedis(): Promise<void> {
  const client = new Redis(REDIS_URL);
  for await (const keys of client.scanStream({ match: `${PREFIX}*`, count: 1000 }) as AsyncIterable<string[]>) if (keys.length) await client.del(...keys);
  await client.quit();
}

async function clearCaches(): Promise<void> {
  const client = new Redis(REDIS_URL);
  for await (const keys of client.scanStream({ match: `${PREFIX}cache:*`, count: 1000 }) as AsyncIterable<string[]>) if (keys.length) await client.del(...keys);
  await client.set(`${PREFIX}cache:page-generation`, String(Date.now()));
  await client.quit();
  await sleep(300);
}

type TServer = { process: ChildProcess; rssMaxMb: number; rssWindowMb: number; stop: () => Promise<void> };

async function startServer({ cache }: { cache: boolean }): Promise<TServer> {
  // The same command as `npm start`, V8 heap cap included.
  // BENCH_SERVER_NODE_FLAGS adds flags for a look inside, e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles".
  const extraFlags = process.env.BENCH_SERVER_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn("node", [`--max-old-space-size=${process.env.SERVER_HEAP_MB ?? 384}`, ...extraFlags, "server.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      APP_URL: BASE,
      DATABASE_URL,
      REDIS_URL,
      REDIS_KEY_PREFIX: PREFIX,
      AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123456789",
      PAYMENT_PROVIDER: "none",
      STRIPE_SECRET_KEY: "",
      TRUST_PROXY: "true",
      CACHE_ENABLED: cache ? "true" : "false",
      MAIL_DIR: "./data/bench-mail",
      UPLOAD_DIR: "./data/bench-uploads",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) fail(`The server exited:\n${output}`);
    if (Date.now() > deadline) fail(`The server did not answer /api/health within 60 s:\n${output}`);
    const ok = await fetch(`${BASE}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    await sleep(300);
  }
  const server: TServer = {
    process: child,
    rssMaxMb: 0,
    rssWindowMb: 0,
    stop: async () => {
      clearInterval(sampler);
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
  // The whole server (custom http layer + Next) is this one process: sample its resident memory.
  const sampler = setInterval(() => {
    readFile(`/proc/${child.pid}/status`, "utf8").then(
      (status) => {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        server.rssMaxMb = Math.max(server.rssMaxMb, Math.round(kb / 1024));
        server.rssWindowMb = Math.max(server.rssWindowMb, Math.round(kb / 1024));
      },
      () => {},
    );
  }, 250);
  return server;
}

function cannon(paths: string[], { duration = DURATION, connections = CONNECTIONS } = {}): Promise<autocannon.Result> {
  let index = 0;
  return autocannon({
    url: BASE,
    connections,
    duration,
    requests: [
      {
        setupRequest: (request) => {
          const i = index++;
          return {
            ...request,
            path: itemAt(paths, i % paths.length),
            headers: { ...request.headers, "x-forwarded-for": itemAt(IPS, i % IPS.length), "user-agent": `bench-visitor-${i % 997}` },
          };
        },
      },
    ],
  });
}

function summarise(scenario: TScenario, result: autocannon.Result): TResult {
  const requests = result.requests.total;
  return {
    id: scenario.id,
    name: scenario.name,
    cache: scenario.cache,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests,
    bytesPerRequest: requests ? Math.round(result.throughput.total / requests) : 0,
  };
}

async function warm(paths: string[]): Promise<void> {
  for (const target of paths) await fetch(`${BASE}${target}`, { headers: { "x-forwarded-for": itemAt(IPS, 0) } }).then((response) => response.arrayBuffer());
}

/** Mean server time of one request with one connection (no queueing): what a hit costs beyond the static file. */
async function serverTime(paths: string[]): Promise<number> {
  const result = await cannon(paths, { duration: 3, connections: 1 });
  return Math.round(result.latency.mean * 100) / 100;
}

// ─── data for the scenarios ─────────────────────────────────────────────────

async function benchData() {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect().catch(() => fail(`Cannot reach the benchmark database ${DATABASE_URL}. Run: npm run bench:seed -- --events 100000`));
  const [{ count, series, series_dates }] = (
    await db
      .query<{ count: string; series: string; series_dates: string }>(
        "SELECT count(*) FILTER (WHERE series_id IS NULL) AS count, (SELECT count(*) FROM event_series) AS series," +
          " count(*) FILTER (WHERE series_id IS NOT NULL) AS series_dates FROM events",
      )
      .catch(() => fail("The benchmark database has no events table (or one from before series). Run: npm run bench:seed -- --events 100000"))
  ).rows as [{ count: string; series: string; series_dates: string }];
  if (Number(count) === 0) fail("The benchmark database is empty. Run: npm run bench:seed -- --events 100000");
  const slugs = (
    await db.query<{ slug: string }>(
      "SELECT slug FROM events WHERE status = 'PUBLISHED' AND deleted_at IS NULL AND ends_at > now() ORDER BY starts_at LIMIT 200",
    )
  ).rows.map((row) => row.slug);
  const words = (
    await db.query<{ word: string }>(
      "SELECT word FROM ts_stat($$SELECT to_tsvector('simple', title) FROM events TABLESAMPLE SYSTEM (5)$$) " +
        "WHERE length(word) >= 4 AND word ~ '^[a-z]+$' ORDER BY ndoc DESC LIMIT 400",
    )
  ).rows.map((row) => row.word);
  const locations = (await db.query<{ slug: string }>("SELECT slug FROM locations WHERE is_active ORDER BY sort_order")).rows.map((row) => row.slug);
  const types = (await db.query<{ slug: string }>("SELECT slug FROM event_types WHERE is_active ORDER BY sort_order")).rows.map((row) => row.slug);
  const version = itemAt((await db.query<{ server_version: string }>("SHOW server_version")).rows, 0).server_version;
  // The search times depend on whether the events table (about 150 MB at 100,000 events) fits in shared buffers.
  const sharedBuffers = itemAt((await db.query<{ shared_buffers: string }>("SHOW shared_buffers")).rows, 0).shared_buffers;
  // With the series' dates, plans of the listing cost more than jit_above_cost: JIT compiling can cost more than the query.
  const jit = itemAt((await db.query<{ jit: string }>("SHOW jit")).rows, 0).jit;
  await db.end();
  return {
    events: Number(count),
    series: Number(series),
    seriesDates: Number(series_dates),
    slugs,
    words,
    locations,
    types,
    postgres: `${version}, shared_buffers ${sharedBuffers}, jit ${jit}`,
  };
}

async function redisVersion(): Promise<string> {
  const client = new Redis(REDIS_URL);
  const info = await client.info("server");
  await client.quit();
  return /redis_version:(\S+)/.exec(info)?.[1] ?? "unknown";
}

// ─── the run ────────────────────────────────────────────────────────────────

async function main() {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) fail("No production build found. Run: npm run build");
  const data = await benchData();
  console.log(`Benchmark: ${dataSize(data)}, ${CONNECTIONS} connections, ${DURATION} s per scenario\n`);
  await clearBenchRedis();

  // S0 needs the exact bytes of "/" as a file under public/, present when the server starts.
  await rm(path.dirname(STATIC_FILE), { recursive: true, force: true });
  let server = await startServer({ cache: true });
  // The bytes a visitor gets: the second request is the page cache's copy.
  await fetch(`${BASE}/`).then((response) => response.text());
  const homeHtml = await fetch(`${BASE}/`).then((response) => response.text());
  await server.stop();
  await mkdir(path.dirname(STATIC_FILE), { recursive: true });
  await writeFile(STATIC_FILE, homeHtml);

  const threeFilters = `/?location=${data.locations[0]}&type=${data.types[0]}&when=next30`;
  const searchTerms = data.words.slice(0, 50).map((word) => `/?q=${encodeURIComponent(word)}`);
  // Cold search: many distinct (term, page) pairs, so almost every request is a miss.
  const coldSearches = data.words.flatMap((word) => [1, 2, 3].map((page) => `/?q=${encodeURIComponent(word)}${page > 1 ? `&page=${page}` : ""}`));
  const eventPages = data.slugs.slice(0, 50).map((slug) => `/events/${slug}`);
  const scenarios: TScenario[] = [
    { id: "S0", name: "static baseline: the HTML of / as a file in public/", paths: [STATIC_PATH], cache: "on" },
    { id: "S1", name: "/ anonymous, cache warm", paths: ["/"], cache: "on" },
    { id: "S2", name: "/ with location, type and when filters, cache warm", paths: [threeFilters], cache: "on" },
    { id: "S3w", name: "/?q= search over 50 terms, cache warm", paths: searchTerms, cache: "on" },
    { id: "S3c", name: "/?q= search over 1,200 term/page pairs, cache cold", paths: coldSearches, cache: "on", cold: true },
    { id: "S4", name: "an event page (50 different events)", paths: eventPages, cache: "on" },
    { id: "S5", name: "/api/events", paths: ["/api/events"], cache: "on" },
    { id: "S6", name: "/events.ics", paths: ["/events.ics"], cache: "on" },
    { id: "S7", name: "/calendar (this week, day by day), cache warm", paths: ["/calendar"], cache: "on" },
    { id: "S8", name: "/?dates=all (every date of a series), cache warm", paths: ["/?dates=all"], cache: "on" },
    // Issue 12: the same page in the other languages; their warm ratios to S0 must match S1's within 10%.
    { id: "S9id", name: "/id (Bahasa Indonesia), cache warm", paths: ["/id"], cache: "on" },
    { id: "S9ru", name: "/ru (Russian), cache warm", paths: ["/ru"], cache: "on" },
    {
      id: "S10",
      name: "/, /id and /ru with three filters, the three languages cached at once",
      paths: [threeFilters, `/id${threeFilters.slice(1)}`, `/ru${threeFilters.slice(1)}`],
      cache: "on",
    },
    { id: "S1-off", name: "/ anonymous, caching off", paths: ["/"], cache: "off" },
    { id: "S2-off", name: "/ with three filters, caching off", paths: [threeFilters], cache: "off" },
    { id: "S3-off", name: "/?q= search over 50 terms, caching off", paths: searchTerms, cache: "off" },
    { id: "S7-off", name: "/calendar, caching off", paths: ["/calendar"], cache: "off" },
    { id: "S8-off", name: "/?dates=all, caching off", paths: ["/?dates=all"], cache: "off" },
  ];

  const only = flags.only ? new Set(["S0", ...flags.only.split(",")]) : null;
  if (only) {
    const unknown = [...only].filter((id) => !scenarios.some((scenario) => scenario.id === id));
    if (unknown.length > 0) fail(`Unknown scenario: ${unknown.join(", ")} (known: ${scenarios.map((scenario) => scenario.id).join(", ")})`);
  }
  const selected = only ? scenarios.filter((scenario) => only.has(scenario.id)) : scenarios;

  const results: TResult[] = [];
  const serverTimes: Record<string, number> = {};
  let rssMaxMb = 0;
  const rssByMode: Record<string, number> = {};
  for (const mode of ["on", "off"] as const) {
    if (!selected.some((scenario) => scenario.cache === mode)) continue;
    server = await startServer({ cache: mode === "on" });
    for (const scenario of selected.filter((candidate) => candidate.cache === mode)) {
      if (scenario.cold) await clearCaches();
      else {
        await warm(scenario.paths);
        await cannon(scenario.paths, { duration: 2 }); // warm-up, not measured
      }
      process.stdout.write(`${scenario.id.padEnd(7)} ${scenario.name} … `);
      server.rssWindowMb = 0;
      const result = { ...summarise(scenario, await cannon(scenario.paths)), rssMb: server.rssWindowMb };
      results.push(result);
      console.log(`${result.rps} rps, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors, RSS ${result.rssMb} MB`);
    }
    if (mode === "on" && !only) {
      serverTimes.S0 = await serverTime([STATIC_PATH]);
      serverTimes.S1 = await serverTime(["/"]);
      serverTimes.S2 = await serverTime([threeFilters]);
    }
    rssMaxMb = Math.max(rssMaxMb, server.rssMaxMb);
    rssByMode[`cache ${mode}`] = server.rssMaxMb;
    await server.stop();
  }
  await rm(path.dirname(STATIC_FILE), { recursive: true, force: true });

  const resultOf = (id: string) =>
    required(
      results.find((result) => result.id === id),
      `the ${id} result`,
    );
  const s0 = resultOf("S0").rps;
  for (const result of results) result.ratioToS0 = Math.round((result.rps / s0) * 100) / 100;

  if (only) {
    console.table(
      results.map((r) => ({
        scenario: r.id,
        "req/s": r.rps,
        "p50 ms": r.p50,
        "p99 ms": r.p99,
        errors: r.errors,
        "× S0": r.ratioToS0,
        "KB/req": Math.round(r.bytesPerRequest / 102.4) / 10,
      })),
    );
    return;
  }

  let queries: unknown = null;
  if (!flags["no-queries"]) {
    const modulePath = path.join(root, "scripts", "bench", "query-times.ts");
    if (existsSync(modulePath)) {
      console.log("\nQuery times at this scale (200 random cold queries each)…");
      const { measureQueryTimes } = (await import(modulePath)) as { measureQueryTimes: (options: { databaseUrl: string }) => Promise<unknown> };
      queries = await measureQueryTimes({ databaseUrl: DATABASE_URL });
    }
  }

  const nextVersion = (JSON.parse(await readFile(path.join(root, "node_modules", "next", "package.json"), "utf8")) as { version: string }).version;
  const machine: TMachine = {
    date: new Date().toISOString(),
    cpu: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown"}`,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    next: nextVersion,
    postgres: data.postgres,
    redis: await redisVersion(),
    events: data.events,
    series: data.series,
    seriesDates: data.seriesDates,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
  };
  const targets: Record<string, boolean> = {
    "S1 ≥ 0.5× S0": (resultOf("S1").ratioToS0 ?? 0) >= 0.5,
    "S2 ≥ 0.5× S0": (resultOf("S2").ratioToS0 ?? 0) >= 0.5,
    "S1, S2 p99 < 100 ms": results.filter((r) => r.id === "S1" || r.id === "S2").every((r) => r.p99 < 100),
    "S1, S2 zero errors": results.filter((r) => r.id === "S1" || r.id === "S2").every((r) => r.errors === 0),
    "cache hit ≤ S0 + 2 ms server time":
      required(serverTimes.S1, "S1 server time") - required(serverTimes.S0, "S0 server time") <= 2 &&
      required(serverTimes.S2, "S2 server time") - required(serverTimes.S0, "S0 server time") <= 2,
    "server RSS < 600 MB": rssMaxMb < 600,
    "/id and /ru within 10% of / (× S0)": ["S9id", "S9ru"].every((id) => {
      const [ratio, english] = [resultOf(id).ratioToS0 ?? 0, resultOf("S1").ratioToS0 ?? 0];
      return english > 0 && Math.abs(ratio - english) / english <= 0.1;
    }),
  };
  const kinds = (queries as { kinds?: Record<string, { p95: number }> } | null)?.kinds;
  if (kinds?.search) Object.assign(targets, { "cold search p95 ≤ 25 ms at this scale": kinds.search.p95 <= 25 });
  if (kinds?.filtered) Object.assign(targets, { "cold filtered listing p95 ≤ 25 ms at this scale": kinds.filtered.p95 <= 25 });
  if (kinds?.["series-once"]) Object.assign(targets, { "cold listing, one card per series, p95 ≤ 25 ms at this scale": kinds["series-once"].p95 <= 25 });
  const report = { machine, results, serverTimeMs: serverTimes, rssMaxMb, rssByMode, queries, targets };

  console.log("");
  console.table(
    results.map((r) => ({
      scenario: r.id,
      "req/s": r.rps,
      "p50 ms": r.p50,
      "p99 ms": r.p99,
      errors: r.errors,
      "× S0": r.ratioToS0,
      "KB/req": Math.round(r.bytesPerRequest / 102.4) / 10,
      "RSS MB": r.rssMb,
    })),
  );
  console.log(
    `Server time per request, 1 connection: S0 ${serverTimes.S0} ms, S1 ${serverTimes.S1} ms, S2 ${serverTimes.S2} ms. Max RSS ${rssMaxMb} MB (${Object.entries(
      rssByMode,
    )
      .map(([mode, mb]) => `${mode}: ${mb} MB`)
      .join(", ")}).`,
  );
  for (const [target, met] of Object.entries(targets)) console.log(`${met ? "met   " : "MISSED"} ${target}`);

  const outDir = path.resolve(root, flags.out);
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, "benchmarks.json"), `${JSON.stringify(report, null, 2)}\n`);
  // Sections other scripts own (the fault run's, scripts/bench/faults.ts) are kept as they are.
  const previous = await readFile(path.join(outDir, "benchmarks.md"), "utf8").catch(() => null);
  await writeFile(path.join(outDir, "benchmarks.md"), carryOverSections(previous, markdown(report)));
  console.log(`\nWrote ${path.relative(root, path.join(outDir, "benchmarks.md"))} and benchmarks.json`);
}

/** "100,000 events + 5,000 series (91,667 dates)": the dates are event rows on top of the one-off events. */
function dataSize({ events, series, seriesDates }: { events: number; series: number; seriesDates: number }): string {
  const count = (value: number) => value.toLocaleString("en-US");
  return series > 0 ? `${count(events)} events + ${count(series)} series (${count(seriesDates)} dates)` : `${count(events)} events`;
}

function markdown(report: {
  machine: TMachine;
  results: TResult[];
  serverTimeMs: Record<string, number>;
  rssMaxMb: number;
  rssByMode: Record<string, number>;
  queries: unknown;
  targets: Record<string, boolean>;
}): string {
  const m = report.machine;
  const rows = report.results.map(
    (r) =>
      `| ${r.id} | ${r.name} | ${r.cache} | ${r.rps.toLocaleString("en-US")} | ${r.p50} | ${r.p99} | ${r.errors} | ` +
      `${r.ratioToS0?.toFixed(2)}× | ${(r.bytesPerRequest / 1024).toFixed(1)} | ${r.rssMb ?? ""} |`,
  );
  const queries = report.queries as { kinds?: Record<string, { p50: number; p95: number; max: number; samples: number }>; note?: string } | null;
  const queryRows = queries?.kinds ? Object.entries(queries.kinds).map(([kind, q]) => `| ${kind} | ${q.samples} | ${q.p50} | ${q.p95} | ${q.max} |`) : [];
  const generated =
    `Generated by \`npm run bench\` (scripts/bench/run.ts) on ${m.date.slice(0, 10)}. ` +
    "Rerun it yourself: `npm run build && npm run bench:seed -- --events 100000 && npm run bench`.";
  const setup =
    "**Setup:** production server (`node server.mjs`, NODE_ENV=production) on the same machine as autocannon, PostgreSQL and Redis; " +
    `${dataSize(m)}; ${m.connections} connections; ${m.durationSeconds} s per scenario after a 2 s warm-up; ` +
    "requests carry 5,000 different `X-Forwarded-For` addresses (TRUST_PROXY=true), as real visitors would, so that none of them passes the API's limit of 120 a minute.";
  const serverTime =
    "**Server time per request** (1 connection, mean latency as autocannon measures it, in whole milliseconds per request): " +
    `S0 ${report.serverTimeMs.S0} ms, S1 ${report.serverTimeMs.S1} ms, S2 ${report.serverTimeMs.S2} ms.`;
  const whyS1 = [
    "**Why S1 can beat S0:** S0 goes through Next's static file handler.",
    "A page-cache hit (`lib/page-cache`, decision 006) is answered by `server.mjs` from memory before Next runs at all.",
    "Only the generation check (at most every 200 ms) and the visitor count (at most every second) touch Redis.",
    "Cold and cache-off rows show what a render costs; the render limiter lets at most 8 run at once,",
    "so under 50 connections those rows queue (high p50) instead of running out of memory.",
  ].join(" ");
  const seriesNote =
    m.series > 0
      ? [
          `**Series (issue 11):** besides the one-off events, ${m.series.toLocaleString("en-US")} recurring series (weekly, fortnightly and monthly,`,
          "open-ended and bounded) whose dates are event rows of their own. `/` and `/api/events` show a series once, at its next",
          "matching date (a date on the page checks its series' earlier dates through `events_public_series_idx`; the count counts",
          "other events and series apart); S8 is `/?dates=all`, every date on its own card, without that check. S7 is `/calendar`,",
          'the current week in Bali day by day (at most 50 a day, then "+N more on this day").',
          "The query times below time both listings on the same random queries (series-once, dates-all).",
        ].join(" ")
      : "";
  const querySection = queryRows.length
    ? [
        `## Query time at ${dataSize(m)}`,
        "",
        queries?.note ?? "",
        "",
        "| Query | Samples | p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|",
        ...queryRows,
        "",
        "Plans (`EXPLAIN (ANALYZE, BUFFERS)`): docs/benchmarks/plans/.",
        "",
      ].join("\n")
    : "";
  return `# Benchmarks

${generated}
Numbers on shared machines are noisy: compare the ratios to S0, measured side by side in the same run, not the absolute values.

**Machine:** ${m.cpu}, ${m.memoryGb} GB RAM, ${m.os}. Node ${m.node}, Next ${m.next}, PostgreSQL ${m.postgres}, Redis ${m.redis}.
${setup}

| # | Scenario | Cache | Req/s | p50 ms | p99 ms | Errors | × S0 | KB/response | Server RSS MB |
|---|---|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join("\n")}

${serverTime}

${whyS1}

${seriesNote ? `${seriesNote}\n\n` : ""}**Peak resident memory of the server process:** ${report.rssMaxMb} MB (${Object.entries(report.rssByMode)
    .map(([mode, mb]) => `${mode}: ${mb} MB`)
    .join(", ")}).

${querySection}
## Targets (issue 5)

${Object.entries(report.targets)
  .map(([target, met]) => `- ${met ? "✅" : "❌"} ${target}`)
  .join("\n")}

Raw numbers: docs/benchmarks.json.
`;
}

await main();
process.exit(0);
