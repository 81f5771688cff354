/**
 * Server-side query time of search and filtered listing at benchmark scale.
 *
 *   tsx scripts/bench/query-times.ts [--samples 200] [--database-url URL] [--plans-dir docs/benchmarks/plans] [--json FILE]
 *                                    [--listing-module FILE]   (another listPublicEvents, to compare side by side)
 *                                    [--kinds series-once,dates-all]   (only these kinds; default all)
 *
 * Against the benchmark database (npm run bench:seed), runs `samples` random
 * cold queries of each kind and reports p50 / p95 / max in ms:
 *   - search:   `q` over words of the seeded vocabulary (one word, two words, or a prefix);
 *   - filtered: random location / type / when combinations, sometimes price or entrance;
 *   - home:     the unfiltered listing, pages 1 to 10 (what "/" asks for);
 *   - series-once: "/" as visitors use it, with and without filters (when, type, location, …), one card per
 *               series (the default: each date of a series is checked against its series' earlier dates);
 *   - dates-all: the same queries with `dates=all`, every date of a series on its own card.
 * What is timed is the app's own function: `listPublicEvents({ query })` with
 * CACHE_ENABLED=false, wall time in this process, so every SQL round trip it
 * makes (and Prisma's work around them) is included. Every statement it sends
 * is recorded at the `pg` level; for a typical (nearest the median) and the
 * slowest call of each kind, those statements are run again under
 * `EXPLAIN (ANALYZE, BUFFERS)` and saved as text under `plansDir`.
 *
 * `measureQueryTimes()` is imported by scripts/bench/run.ts. It runs the work
 * in a child Node process with the "react-server" export condition, because
 * the app's server modules import "server-only".
 */
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { pick, prng, searchVocabulary, type TRandom } from "./vocabulary";
import { isMainModule } from "../is-main-module";
import { itemAt } from "./checked";

export const QUERY_KINDS = ["search", "filtered", "home", "series-once", "dates-all", "language"] as const;
export type TQueryKind = (typeof QUERY_KINDS)[number];

export type TQuerySample = { query: Record<string, string | number>; ms: number; statements: number; total: number };

export type TQueryKindResult = {
  kind: TQueryKind;
  description: string;
  samples: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  max: number;
  mean: number;
  /** SQL statements per listPublicEvents() call (the most seen). */
  statementsPerCall: number;
  typical: TQuerySample & { planFile: string | null };
  slowest: TQuerySample & { planFile: string | null };
  /** Every sample, in the order run. */
  runs: TQuerySample[];
};

export type TQueryTimesResult = {
  date: string;
  database: string;
  /** One-off events. */
  events: number;
  series: number;
  /** Event rows of the series, one per date, on top of `events`. */
  seriesDates: number;
  upcomingPublic: number;
  postgres: string;
  /** What was timed, in a sentence (scripts/bench/run.ts prints it above the table). */
  note: string;
  kinds: Partial<Record<TQueryKind, TQueryKindResult>>;
};

export type TQueryTimesOptions = {
  databaseUrl?: string;
  samples?: number;
  plansDir?: string;
  /** PRNG seed for the random queries (the same seed, the same queries). */
  seed?: number;
  /**
   * Another module exporting `listPublicEvents`, to time an older version side
   * by side (e.g. one saved with `git show`); default: the app's own.
   */
  listingModule?: string;
  /** Only these kinds (default: all). */
  kinds?: TQueryKind[];
};

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const thisFile = fileURLToPath(import.meta.url);
const RESULT_MARKER = "@@query-times@@";
/** The same default as scripts/bench/seed.ts. */
const DEFAULT_BENCH_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/zenbali_bench";

/** Runs the measurement in a child process (see the header) and returns its result. */
export async function measureQueryTimes({
  databaseUrl = process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL,
  samples = 200,
  plansDir = "docs/benchmarks/plans",
  seed = 5,
  listingModule = "lib/events/list-public-events.ts",
  kinds = [...QUERY_KINDS],
}: TQueryTimesOptions = {}): Promise<TQueryTimesResult> {
  const worker = JSON.stringify({ databaseUrl, samples, plansDir, seed, listingModule: path.resolve(projectRoot, listingModule), kinds });
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", thisFile, "--worker", worker], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: databaseUrl,
      CACHE_ENABLED: "false",
      REDIS_KEY_PREFIX: "zbbench:",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    stdout += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const line = stdout.split("\n").find((entry) => entry.startsWith(RESULT_MARKER));
  if (code !== 0 || !line) throw new Error(`query-times worker failed (exit code ${code})${stdout ? `:\n${stdout}` : ""}`);
  return JSON.parse(line.slice(RESULT_MARKER.length)) as TQueryTimesResult;
}

// ─── Worker (child process) ────────────────────────────────────────────────

type TStatement = { text: string; values: unknown[] };

/** Records every statement sent through `pg` (which Prisma's adapter uses) while `capture` is set. */
function recordStatements(): { start(): void; stop(): TStatement[] } {
  let capture: TStatement[] | null = null;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original method, called back below with .apply(this) on the same client
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function patchedQuery(this: pg.Client, ...args: unknown[]) {
    if (capture) {
      const [first, second] = args;
      if (typeof first === "string") capture.push({ text: first, values: Array.isArray(second) ? second : [] });
      else if (typeof first === "object" && first !== null && "text" in first && typeof first.text === "string") {
        capture.push({ text: first.text, values: "values" in first && Array.isArray(first.values) ? first.values : [] });
      }
    }
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return {
    start: () => {
      capture = [];
    },
    stop: () => {
      const statements = capture ?? [];
      capture = null;
      return statements;
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return itemAt(sorted, Math.max(0, Math.ceil(p * sorted.length) - 1));
}

const round = (value: number) => Math.round(value * 100) / 100;

const WHENS = ["today", "tomorrow", "weekend", "week", "next30"] as const;

function searchQuery(random: TRandom, vocabulary: string[]): Record<string, string | number> {
  const roll = random();
  const word = pick(random, vocabulary);
  if (roll < 0.65) return { q: word };
  if (roll < 0.9) return { q: `${word} ${pick(random, vocabulary)}` };
  // Someone still typing: a prefix of three to five letters.
  return { q: word.slice(0, 3 + Math.floor(random() * 3)) };
}

function filteredQuery(random: TRandom, slugs: { locations: string[]; types: string[]; entrances: string[] }): Record<string, string | number> {
  for (;;) {
    const query: Record<string, string | number> = {};
    if (random() < 0.75) query.location = pick(random, slugs.locations);
    if (random() < 0.75) query.type = pick(random, slugs.types);
    if (random() < 0.6) query.when = pick(random, WHENS);
    if (random() < 0.2) query.price = random() < 0.5 ? "free" : "paid";
    if (random() < 0.15) query.entrance = pick(random, slugs.entrances);
    if (random() < 0.1) query.sort = "newest";
    if (random() < 0.1) query.page = 2;
    if (query.location || query.type || query.when) return query;
  }
}

/** "/" as visitors use it: a third unfiltered (pages 1 to 10), the rest with when, type or location, sometimes price or page 2. */
function listingQuery(random: TRandom, slugs: { locations: string[]; types: string[] }): Record<string, string | number> {
  if (random() < 0.3) return { page: 1 + Math.floor(random() * 10) };
  for (;;) {
    const query: Record<string, string | number> = {};
    if (random() < 0.7) query.when = pick(random, WHENS);
    if (random() < 0.5) query.type = pick(random, slugs.types);
    if (random() < 0.4) query.location = pick(random, slugs.locations);
    if (random() < 0.15) query.price = random() < 0.5 ? "free" : "paid";
    if (random() < 0.1) query.page = 2;
    if (query.location || query.type || query.when) return query;
  }
}

async function explainToFile(client: pg.Client, file: string, heading: string, statements: TStatement[]): Promise<void> {
  const parts = [heading, ""];
  for (const [index, statement] of statements.entries()) {
    if (!/^\s*(SELECT|WITH)\b/i.test(statement.text)) continue;
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
    parts.push(
      `-- Statement ${index + 1} of ${statements.length}`,
      statement.text.trim(),
      `-- Parameters: ${JSON.stringify(statement.values)}`,
      "",
      ...rows.map((row) => row["QUERY PLAN"]),
      "",
    );
  }
  await writeFile(file, `${parts.join("\n")}\n`);
}

async function runWorker({ databaseUrl, samples, plansDir, seed, listingModule, kinds: only }: Required<TQueryTimesOptions>): Promise<TQueryTimesResult> {
  const recorder = recordStatements();
  const { listPublicEvents } = (await import(listingModule)) as typeof import("../../lib/events/list-public-events");
  const { disconnectDb } = await import("../../lib/db");
  const { getEnv } = await import("../../lib/env");
  if (getEnv().CACHE_ENABLED) throw new Error("CACHE_ENABLED must be false to time cold queries");

  // The plans are read with the app's connection settings (lib/db: JIT off), or they would show JIT's compile time.
  const client = new pg.Client({ connectionString: databaseUrl, options: "-c jit=off" });
  await client.connect();
  try {
    const names = async (table: string) =>
      (await client.query<{ slug: string; name: string }>(`SELECT slug, name FROM ${table} WHERE is_active ORDER BY sort_order`)).rows;
    const [locations, types, entrances] = [await names("locations"), await names("event_types"), await names("entrance_types")];
    const counts = itemAt(
      (
        await client.query<{ events: string; series: string; series_dates: string; upcoming: string; version: string }>(
          `SELECT count(*) FILTER (WHERE series_id IS NULL) AS events,
                  (SELECT count(*) FROM event_series) AS series,
                  count(*) FILTER (WHERE series_id IS NOT NULL) AS series_dates,
                  count(*) FILTER (WHERE deleted_at IS NULL AND status IN ('PUBLISHED', 'CANCELLED') AND ends_at > now()) AS upcoming,
                  current_setting('server_version') AS version
           FROM events`,
        )
      ).rows,
      0,
    );
    if (Number(counts.events) + Number(counts.series_dates) === 0) throw new Error(`${databaseUrl} has no events: run npm run bench:seed first`);
    const vocabulary = searchVocabulary(
      locations.map((row) => row.name),
      types.map((row) => row.name),
    );
    const slugs = { locations: locations.map((row) => row.slug), types: types.map((row) => row.slug), entrances: entrances.map((row) => row.slug) };

    const random = prng(seed);
    // The series-once and dates-all kinds time the same queries, from their own sequence (the other kinds' stay as they were).
    const listingRandom = prng(seed + 1);
    const listingQueries = Array.from({ length: samples }, () => listingQuery(listingRandom, slugs));
    const makers: Record<TQueryKind, { description: string; make: (index: number) => Record<string, string | number> }> = {
      search: {
        description: `q over ${vocabulary.length} words of the seeded vocabulary (one word, two words, or a 3–5 letter prefix)`,
        make: () => searchQuery(random, vocabulary),
      },
      filtered: { description: "random location / type / when, sometimes price, entrance, sort=newest or page 2", make: () => filteredQuery(random, slugs) },
      home: { description: "no filter, page 1 to 10", make: () => ({ page: 1 + Math.floor(random() * 10) }) },
      "series-once": {
        description: "one card per series (the default): no filter, page 1 to 10, or when / type / location, sometimes price or page 2",
        make: (index) => itemAt(listingQueries, index),
      },
      "dates-all": {
        description: "the series-once queries with dates=all (every date of a series on its own card)",
        make: (index) => ({ ...itemAt(listingQueries, index), dates: "all" }),
      },
      language: {
        description: "the series-once queries held in a language (lang=ru, id or en in turn)",
        make: (index) => ({ ...itemAt(listingQueries, index), lang: itemAt(["ru", "id", "en"], index % 3) }),
      },
    };

    // Warm-up: connections, Prisma's query compiler, PostgreSQL's catalog caches.
    for (let i = 0; i < 10; i++) await listPublicEvents({ query: makers.search.make(i) });

    await mkdir(path.resolve(projectRoot, plansDir), { recursive: true });
    const kinds: Partial<Record<TQueryKind, TQueryKindResult>> = {};
    for (const kind of QUERY_KINDS.filter((each) => only.includes(each))) {
      const runs: (TQuerySample & { sql: TStatement[] })[] = [];
      for (let i = 0; i < samples; i++) {
        const query = makers[kind].make(i);
        recorder.start();
        const started = performance.now();
        const listing = await listPublicEvents({ query });
        const ms = performance.now() - started;
        const sql = recorder.stop();
        runs.push({ query, ms: round(ms), statements: sql.length, total: listing.total, sql });
      }
      const times = runs.map((run) => run.ms).sort((a, b) => a - b);
      const p50 = percentile(times, 0.5);
      const typical = runs.reduce((best, run) => (Math.abs(run.ms - p50) < Math.abs(best.ms - p50) ? run : best));
      const slowest = runs.reduce((worst, run) => (run.ms > worst.ms ? run : worst));
      const statementCounts = new Map<number, number>();
      for (const run of runs) statementCounts.set(run.statements, (statementCounts.get(run.statements) ?? 0) + 1);
      const planFor = async (which: "typical" | "slowest", run: (typeof runs)[number]) => {
        const file = path.join(plansDir, `${kind}-${which}.txt`);
        const heading = [
          `-- ${kind} listing, ${which} of ${samples} random cold queries (${makers[kind].description})`,
          `-- Query: ${new URLSearchParams(Object.entries(run.query).map(([k, v]) => [k, String(v)])).toString()}` +
            `  →  ${run.total.toLocaleString("en-US")} matches`,
          `-- listPublicEvents() took ${run.ms} ms (CACHE_ENABLED=false), ${run.statements} SQL statements;` +
            " re-run below under EXPLAIN (ANALYZE, BUFFERS), so buffers are warmer than on the timed call.",
          `-- ${Number(counts.events).toLocaleString("en-US")} events + ${Number(counts.series).toLocaleString("en-US")} series` +
            ` (${Number(counts.series_dates).toLocaleString("en-US")} dates), ${Number(counts.upcoming).toLocaleString("en-US")} upcoming and public;` +
            ` PostgreSQL ${counts.version}; ${new Date().toISOString()}`,
        ].join("\n");
        await explainToFile(client, path.resolve(projectRoot, file), heading, run.sql);
        return file;
      };
      const strip = ({ sql: _sql, ...run }: (typeof runs)[number]) => run;
      kinds[kind] = {
        kind,
        description: makers[kind].description,
        samples,
        p50,
        p95: percentile(times, 0.95),
        max: itemAt(times, times.length - 1),
        mean: round(times.reduce((sum, value) => sum + value, 0) / times.length),
        statementsPerCall: itemAt(
          [...statementCounts.entries()].sort((a, b) => b[1] - a[1]),
          0,
        )[0],
        typical: { ...strip(typical), planFile: await planFor("typical", typical) },
        slowest: { ...strip(slowest), planFile: await planFor("slowest", slowest) },
        runs: runs.map(strip),
      };
    }
    return {
      date: new Date().toISOString(),
      database: databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@"),
      events: Number(counts.events),
      series: Number(counts.series),
      seriesDates: Number(counts.series_dates),
      upcomingPublic: Number(counts.upcoming),
      postgres: counts.version,
      note:
        "Server-side query time: in-process wall time of the app's own `listPublicEvents({ query })` with CACHE_ENABLED=false, " +
        "every SQL round trip it makes included; 200 random cold queries per kind (scripts/bench/query-times.ts).",
      kinds,
    };
  } finally {
    await client.end();
    await disconnectDb();
  }
}

// ─── CLI ────────────────────────────────────────────────────────────────────

export function formatQueryTimes(result: TQueryTimesResult): string {
  const lines = [
    `Query times at ${result.events.toLocaleString("en-US")} events + ${result.series.toLocaleString("en-US")} series` +
      ` (${result.seriesDates.toLocaleString("en-US")} dates)` +
      ` (${result.upcomingPublic.toLocaleString("en-US")} upcoming and public), PostgreSQL ${result.postgres}`,
    result.note,
    "",
    "| Kind | Samples | p50 ms | p95 ms | max ms | SQL statements per call | Plans |",
    "|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const kind of Object.values(result.kinds)) {
    lines.push(
      `| ${kind.kind} | ${kind.samples} | ${kind.p50.toFixed(1)} | ${kind.p95.toFixed(1)} | ${kind.max.toFixed(1)} |` +
        ` ${kind.statementsPerCall} | ${kind.typical.planFile}, ${kind.slowest.planFile} |`,
    );
  }
  return lines.join("\n");
}

function parseArgs(argv: string[]): TQueryTimesOptions & { json?: string } {
  const options: TQueryTimesOptions & { json?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = itemAt(argv, i).split("=", 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "--samples") options.samples = Number(value());
    else if (flag === "--database-url") options.databaseUrl = value();
    else if (flag === "--plans-dir") options.plansDir = value();
    else if (flag === "--seed") options.seed = Number(value());
    else if (flag === "--json") options.json = value();
    else if (flag === "--listing-module") options.listingModule = value();
    else if (flag === "--kinds") {
      const kinds = value().split(",");
      const unknown = kinds.filter((kind) => !(QUERY_KINDS as readonly string[]).includes(kind));
      if (unknown.length > 0) throw new Error(`Unknown kind: ${unknown.join(", ")} (known: ${QUERY_KINDS.join(", ")})`);
      options.kinds = kinds as TQueryKind[];
    } else
      throw new Error(
        `Unknown argument "${argv[i]}". Usage: tsx scripts/bench/query-times.ts` +
          " [--samples N] [--database-url URL] [--plans-dir DIR] [--seed N] [--json FILE] [--listing-module FILE] [--kinds KIND,…]",
      );
  }
  if (options.samples !== undefined && (!Number.isInteger(options.samples) || options.samples < 1))
    throw new Error("--samples must be a whole number of 1 or more");
  return options;
}

if (isMainModule(import.meta.url)) {
  const worker = process.argv[2] === "--worker";
  const main = worker
    ? async () => {
        const result = await runWorker(JSON.parse(itemAt(process.argv, 3)) as Required<TQueryTimesOptions>);
        process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
      }
    : async () => {
        const { json, ...options } = parseArgs(process.argv.slice(2));
        const result = await measureQueryTimes(options);
        console.log(formatQueryTimes(result));
        if (json) {
          await writeFile(json, `${JSON.stringify(result, null, 2)}\n`);
          console.log(`\nRaw numbers: ${json}`);
        }
      };
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
