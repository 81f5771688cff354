/**
 * `npm run bench:faults` — the fault run of issue 9, rerunnable by anyone.
 *
 * It never touches your own PostgreSQL or Redis: it starts its OWN Redis
 * (redis-server on a free port, append-only file fsynced every second, no
 * eviction, like the production state Redis) and its OWN PostgreSQL (a
 * throwaway initdb cluster), both in a temporary folder; migrates and seeds
 * it (scripts/bench/seed.ts: the migrations, the reference data, a first
 * admin and a few thousand events); and starts the production server
 * (`node server.mjs`, NODE_ENV=production; needs `npm run build`) pointed at
 * them, with a local SMTP sink for mail.
 *
 * Before the faults it creates state that must survive them: creators signed
 * in over HTTP (their cookies are kept), payments completed through the
 * signed Stripe webhook, reports sent through the report form, and the mails
 * those queue in Redis while no worker runs. Then 50 connections (autocannon)
 * hit `/` (with filter variants), `/api/events` and a sign-in mix (the login
 * page and POSTs through next-auth's credentials callback) without a pause
 * through five phases of --duration seconds each:
 *
 *   1. baseline
 *   2. Redis killed (SIGKILL)
 *   3. Redis restarted (same data folder: the append-only file is loaded)
 *   4. PostgreSQL restarted (pg_ctl restart -m fast)
 *   5. recovery (the worker is started and delivers the queued mail)
 *
 * Per phase it prints requests, req/s, 2xx/3xx/4xx/5xx per target, socket
 * errors, p50/p99, what /api/health said and the server's error lines. After
 * recovery it checks that every session cookie still opens /dashboard, every
 * payment and report row is there and every queued mail was delivered (or is
 * still queued), prints the verdict, writes the section "Faults: Redis and
 * PostgreSQL restarts under load" of docs/benchmarks.md, stops everything it
 * started (also on failure or Ctrl-C) and exits 1 unless there were 0 public
 * 5xx while Redis was down and nothing was lost.
 *
 * Flags: --duration <s> per phase (default 10), --connections <n> (50),
 *        --events <n> seeded (3000), --out <dir> (docs), --no-write (print only),
 *        --no-aof (Redis without its append-only file: shows that the checks
 *        do see a loss — sessions and queued mail die with the kill; implies --no-write).
 * Environment: PG_BIN (folder with initdb/pg_ctl; default the newest
 * /usr/lib/postgresql/<version>/bin), KEEP_FAULTS_TMP=1 (keep the temporary
 * folder with the Redis, PostgreSQL, server and worker logs).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { startSmtpCapture } from "../../tests/support/smtp-capture";
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET } from "../../tests/support/fake-stripe";
import { FAULTS_SECTION, replaceSection } from "./doc-sections";
import {
  freePort,
  Resources,
  sleep,
  startChild,
  startOwnPostgres,
  startOwnRedis,
  waitForHttp,
  waitForLine,
  within,
  type TChild,
  type TLogLine,
} from "./faults-services";
import {
  completePaymentsByWebhook,
  countSessionKeys,
  createCreators,
  csrfPair,
  dashboardFor,
  queuedMails,
  sendReports,
  signIn,
  signInOutcome,
  type TQueuedMail,
  type TSession,
  type TSignInOutcome,
} from "./faults-state";
import { itemAt } from "./checked";
import { seedBenchDatabase } from "./seed";

const root = path.resolve(import.meta.dirname, "../..");

const { values: flags } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    events: { type: "string", default: "3000" },
    out: { type: "string", default: "docs" },
    "no-write": { type: "boolean", default: false },
    "no-aof": { type: "boolean", default: false },
  },
});

const DURATION = Number(flags.duration);
const CONNECTIONS = Number(flags.connections);
const EVENTS = Number(flags.events);
for (const [name, value, max] of [
  ["--duration", DURATION, 120],
  ["--connections", CONNECTIONS, 500],
  ["--events", EVENTS, 200_000],
] as const) {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`${name} must be a whole number from 1 to ${max}`);
    process.exit(2);
  }
}

const PREFIX = "zbfaults:";
const BULL_PREFIX = `${PREFIX}bull`; // lib/jobs/policies.ts bullPrefix()
const AUTH_SECRET = "faults-secret-faults-secret-faults-secret-0123456789";
const ADMIN = { email: "admin@faults.example", password: "faults admin password, this run only" };
const STATE = { creators: 4, payments: 4, reports: 4 };
/** 1,000 visitor addresses (TRUST_PROXY=true): per-IP limits and visitor stats see many visitors. */
const IPS = Array.from({ length: 1000 }, (_, index) => `198.18.${Math.floor(index / 250)}.${(index % 250) + 1}`);
/** The whole run, set-up and checks included, stops after this even if something hangs. */
const WATCHDOG_MS = 10 * 60_000 + 5 * DURATION * 1000;

type TPhase = { id: string; title: string };
const PHASES: TPhase[] = [
  { id: "baseline", title: "Baseline" },
  { id: "redis-down", title: "Redis killed (SIGKILL), load continues" },
  { id: "redis-back", title: "Redis restarted (same data folder, AOF), load continues" },
  { id: "postgres-restart", title: "PostgreSQL restarted (pg_ctl restart -m fast), load continues" },
  { id: "recovery", title: "Recovery (the worker is started)" },
];
const REDIS_DOWN = 1;

// ─── Load: targets and per-phase figures ─────────────────────────────────────

const T_HOME = "GET / (6 filter variants)";
const T_API = "GET /api/events (3 variants)";
const T_LOGIN = "GET /login";
const T_SIGN_IN = "POST sign-in (credentials)";
const TARGETS = [T_HOME, T_API, T_LOGIN, T_SIGN_IN] as const;
type TTarget = (typeof TARGETS)[number];
/** Pages anyone can open: none of them may answer 5xx while Redis is down. */
const PUBLIC_TARGETS: readonly TTarget[] = [T_HOME, T_API, T_LOGIN];

type TTargetFigures = { requests: number; byClass: [number, number, number, number]; latencies: number[] };
type TPhaseFigures = {
  startedAt: number;
  endedAt: number;
  targets: Record<TTarget, TTargetFigures>;
  errors: Record<string, number>;
  signIns: Record<TSignInOutcome, number>;
  health: Record<string, number>;
  dashboard: Record<string, number>;
  fiveHundreds: string[];
  notes: string[];
  logLines: { count: number; samples: string[] };
};

function emptyPhase(): TPhaseFigures {
  const targets = Object.fromEntries(TARGETS.map((target) => [target, { requests: 0, byClass: [0, 0, 0, 0], latencies: [] }])) as unknown as Record<
    TTarget,
    TTargetFigures
  >;
  return {
    startedAt: 0,
    endedAt: 0,
    targets,
    errors: {},
    signIns: {},
    health: {},
    dashboard: {},
    fiveHundreds: [],
    notes: [],
    logLines: { count: 0, samples: [] },
  };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return itemAt(sorted, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1));
}

function summary(figures: TTargetFigures[], seconds: number) {
  const latencies = figures.flatMap((figure) => figure.latencies).sort((a, b) => a - b);
  const requests = figures.reduce((sum, figure) => sum + figure.requests, 0);
  const byClass = figures.reduce<[number, number, number, number]>(
    (sum, figure) => [sum[0] + figure.byClass[0], sum[1] + figure.byClass[1], sum[2] + figure.byClass[2], sum[3] + figure.byClass[3]],
    [0, 0, 0, 0],
  );
  return {
    requests,
    rps: Math.round(requests / Math.max(seconds, 0.001)),
    byClass,
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
  };
}

const stripAnsi = (line: string) => line.replace(/\x1b\[[0-9;]*m/g, "");
const sumValues = (record: Record<string, number>) => Object.values(record).reduce((sum, value) => sum + value, 0);
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
const elapsed = (from: number) => `${((Date.now() - from) / 1000).toFixed(1)} s`;

// ─── The run ─────────────────────────────────────────────────────────────────

const resources = new Resources();

async function main(): Promise<number> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("No production build in .next (no BUILD_ID). Run: npm run build");
    return 1;
  }
  const runStarted = Date.now();
  const loadAverage = itemAt(os.loadavg(), 0).toFixed(1);
  const runId = Date.now().toString(36);
  const tmp = await mkdtemp(path.join(os.tmpdir(), "zb-faults-"));
  await chmod(tmp, 0o755); // PostgreSQL runs as the "postgres" user when we are root
  resources.add(`temporary folder ${tmp}`, async () => {
    if (process.env.KEEP_FAULTS_TMP === "1") console.log(`  kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  });
  console.log(
    `Fault run: ${CONNECTIONS} connections, ${PHASES.length} phases of ${DURATION} s, ${EVENTS.toLocaleString("en-US")} events. Temporary folder ${tmp}\n`,
  );

  // 1. Own services.
  const smtp = await startSmtpCapture();
  resources.add("SMTP sink", () => smtp.close());
  const redis = await startOwnRedis({ dir: path.join(tmp, "redis"), resources, appendOnly: !flags["no-aof"] });
  console.log(
    `  Redis ${redis.version} on ${redis.url}` +
      ` (${flags["no-aof"] ? "appendonly NO (--no-aof): a kill loses everything" : "appendonly yes, appendfsync everysec"}, noeviction)`,
  );
  const postgres = await startOwnPostgres({ dir: path.join(tmp, "pg"), resources });
  const databaseUrl = postgres.urlFor("zenbali_faults");
  console.log(`  PostgreSQL ${postgres.version} on 127.0.0.1:${postgres.port} (initdb in ${path.join(tmp, "pg")})`);

  // 2. Migrations, reference data, the first admin, events (the seed reads these from the environment).
  const uploadDir = path.join(tmp, "uploads");
  Object.assign(process.env, {
    REDIS_URL: redis.url,
    BENCH_REDIS_PREFIX: PREFIX,
    UPLOAD_DIR: uploadDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    STORAGE_DRIVER: "local",
  });
  const seeded = await seedBenchDatabase({ databaseUrl, events: EVENTS, creators: Math.max(20, Math.round(EVENTS / 15)), log: () => {} });
  console.log(
    `  seeded: ${seeded.events.toLocaleString("en-US")} events (${seeded.upcomingPublic.toLocaleString("en-US")} upcoming and public),` +
      ` ${seeded.creators} creators, 1 admin, in ${seeded.totalSeconds} s`,
  );
  const db = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  db.on("error", () => {}); // idle clients die with the PostgreSQL restart
  resources.add("database pool", () => db.end());

  // 3. The production server and, later, the worker.
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_URL: base,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    REDIS_CACHE_URL: redis.url, // a separate cache Redis where the app supports one; the same one here
    REDIS_KEY_PREFIX: PREFIX,
    AUTH_SECRET,
    TRUST_PROXY: "true",
    CACHE_ENABLED: "true",
    JOBS_MODE: "auto",
    SMTP_URL: smtp.url,
    MAIL_FROM: "Zen Bali <hello@faults.example>",
    MAIL_DIR: path.join(tmp, "mail"),
    UPLOAD_DIR: uploadDir,
    STORAGE_DRIVER: "local",
    PAYMENT_PROVIDER: "stripe",
    STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
    STRIPE_API_BASE: `http://127.0.0.1:${await freePort()}`, // nothing listens: the app must not need Stripe here
    ADMIN_EMAIL: "",
    ADMIN_PASSWORD: "",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const server = startChild("server", process.execPath, [`--max-old-space-size=${process.env.SERVER_HEAP_MB ?? 384}`, "server.mjs"], {
    cwd: root,
    env: appEnv,
  });
  resources.add("production server", async () => {
    await server.stop();
    await writeFile(path.join(tmp, "server.log"), server.output()).catch(() => {}); // kept with KEEP_FAULTS_TMP=1
  });
  await waitForHttp(server, `${base}/api/health`, 90_000);
  console.log(`  production server on ${base} (node server.mjs, NODE_ENV=production)`);
  let worker: TChild | null = null;
  const startWorker = async () => {
    worker = startChild("worker", process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts", "--exit-with-parent"], {
      cwd: root,
      env: appEnv,
    });
    resources.add("worker", async () => {
      await worker?.stop();
      if (worker) await writeFile(path.join(tmp, "worker.log"), worker.output()).catch(() => {});
    });
    await waitForLine(worker, /Zen Bali worker:/, 60_000);
  };

  // 4. The load's URLs, and a warm-up (not measured).
  const reference = async (table: string) =>
    (await db.query<{ slug: string }>(`SELECT slug FROM ${table} WHERE is_active ORDER BY sort_order LIMIT 3`)).rows.map((row) => row.slug);
  const [locations, types] = [await reference("locations"), await reference("event_types")];
  const homes = [
    "/",
    `/?location=${locations[0]}`,
    `/?type=${types[0]}`,
    "/?when=weekend",
    `/?location=${locations[1]}&type=${types[1]}&when=next30`,
    "/?q=yoga",
  ];
  const apis = ["/api/events", `/api/events?location=${locations[0]}`, "/api/events?page=2"];
  const csrf = await csrfPair(base);

  // 5. The state that must survive.
  const setupStarted = Date.now();
  const accounts = await createCreators(db, runId, STATE.creators);
  const sessions: TSession[] = [];
  for (const [index, account] of accounts.entries()) sessions.push(await signIn(base, account, `203.0.113.${index + 10}`));
  for (const session of sessions) {
    const dashboard = await dashboardFor(base, session);
    if (!dashboard.open)
      throw new Error(`a fresh session of ${session.account.email} does not open /dashboard (${dashboard.detail}): the session check would prove nothing`);
  }
  const payments = await completePaymentsByWebhook(base, db, accounts, STATE.payments);
  const reports = await sendReports(base, db, runId, STATE.reports, (n) => `203.0.113.${n + 100}`);
  const queued = await queuedMails(redis.url, BULL_PREFIX);
  const expectedMails = STATE.payments * 2 + STATE.reports; // receipt + "your event is live" per payment, one per report to the one admin
  if (queued.length === 0) throw new Error("no mail is queued in Redis: the mail check would prove nothing");
  const sessionKeysBefore = await countSessionKeys(redis.url, PREFIX);
  console.log(
    `  state: ${sessions.length} sessions, ${payments.length} payments (webhook), ${reports.length} reports (form),` +
      ` ${queued.length} mails queued (${expectedMails} expected) — ${elapsed(setupStarted)}`,
  );

  const signInBodies = accounts.map((account) =>
    new URLSearchParams({ csrfToken: csrf.token, email: account.email, password: account.password, callbackUrl: `${base}/dashboard` }).toString(),
  );
  for (const target of [...homes, ...apis, "/login"]) await fetch(`${base}${target}`).then((response) => response.arrayBuffer());
  await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: 2,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          path: itemAt(homes, Math.floor(Math.random() * homes.length)),
          headers: { ...request.headers, "x-forwarded-for": itemAt(IPS, Math.floor(Math.random() * IPS.length)) },
        }),
      },
    ],
  });
  // The append-only file is fsynced every second: give it two before the kill.
  await sleep(2_500);

  // 6. Load through the five phases, faults on the way.
  const figures = PHASES.map(() => emptyPhase());
  let phase = 0;
  let counter = 0;
  type TContext = { target?: TTarget; path?: string; started?: number };
  const instance = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION * PHASES.length,
    timeout: 10,
    requests: [
      {
        setupRequest: (request, rawContext) => {
          const context = rawContext as TContext;
          const i = counter++;
          const slot = i % 50;
          const headers = { ...request.headers, "x-forwarded-for": itemAt(IPS, Math.floor(i / 50) % IPS.length), "user-agent": `faults-visitor-${i % 997}` };
          context.started = performance.now();
          if (slot === 0) {
            context.target = T_SIGN_IN;
            context.path = "/api/auth/callback/credentials";
            return {
              ...request,
              method: "POST",
              path: context.path,
              headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookie },
              body: itemAt(signInBodies, Math.floor(i / 50) % signInBodies.length),
            };
          }
          const [target, requestPath]: [TTarget, string] =
            slot <= 4 ? [T_LOGIN, "/login"] : slot <= 29 ? [T_HOME, itemAt(homes, i % homes.length)] : [T_API, itemAt(apis, i % apis.length)];
          Object.assign(context, { target, path: requestPath });
          return { ...request, method: "GET", path: requestPath, headers, body: undefined };
        },
        onResponse: (status, _body, rawContext, headers) => {
          const context = rawContext as TContext;
          if (!context.target) return;
          const current = itemAt(figures, phase);
          const target = current.targets[context.target];
          target.requests++;
          target.byClass[Math.min(3, Math.max(0, Math.floor(status / 100) - 2)) as 0 | 1 | 2 | 3]++; // 2xx, 3xx, 4xx, 5xx
          if (context.started !== undefined) target.latencies.push(performance.now() - context.started);
          if (status >= 500 && current.fiveHundreds.length < 8)
            current.fiveHundreds.push(`${status} ${context.path} at +${((Date.now() - current.startedAt) / 1000).toFixed(1)} s`);
          if (context.target === T_SIGN_IN) {
            const location = Object.entries(headers as Record<string, string>).find(([name]) => name.toLowerCase() === "location")?.[1];
            const outcome = signInOutcome(status, location);
            current.signIns[outcome] = (current.signIns[outcome] ?? 0) + 1;
          }
        },
      },
    ],
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  instance.on("reqError", (error: { code?: string; message?: string }) => {
    const key = error.code ?? error.message ?? "error";
    const { errors } = itemAt(figures, phase);
    errors[key] = (errors[key] ?? 0) + 1;
  });
  const loadStarted = Date.now();
  const loadDone = Promise.resolve(instance);

  // /api/health, and /dashboard with the first creator's cookie, one pair at a time with a 1 s pause (slower when the
  // server is: they wait for their answers); counted under the phase they were answered in.
  const stopSampling = new AbortController();
  const probeSession = itemAt(sessions, 0);
  const healthSampler = (async () => {
    while (!stopSampling.signal.aborted) {
      const [health, dashboard] = await Promise.all([
        fetch(`${base}/api/health`, { signal: AbortSignal.timeout(3_000) }).then(
          async (response) => {
            // Readiness: { status, database: "up" | "down", redis: "up" | "down" | "none" }.
            const body = (await response.json().catch(() => ({}))) as { status?: string; database?: string; redis?: string };
            return `${response.status} ${body.status ?? "?"} (database ${body.database ?? "?"}, Redis ${body.redis ?? "?"})`;
          },
          (error: unknown) => `no answer (${describe(error)})`,
        ),
        dashboardFor(base, probeSession).then(
          (answer) => (answer.open ? "200 (the dashboard)" : answer.detail.replace(base, "")),
          (error: unknown) => `no answer (${describe(error)})`,
        ),
      ]);
      const current = itemAt(figures, phase);
      current.health[health] = (current.health[health] ?? 0) + 1;
      current.dashboard[dashboard] = (current.dashboard[dashboard] ?? 0) + 1;
      await sleep(1_000);
    }
  })();

  let mailsAfterRestart = null as TQueuedMail[] | null; // set by the "redis-back" action (TypeScript does not follow assignments in callbacks)
  const actionErrors: string[] = [];
  const actions: Record<string, () => Promise<void>> = {
    "redis-down": async () => {
      await redis.kill();
      note("Redis killed with SIGKILL");
    },
    "redis-back": async () => {
      await redis.start();
      note(`Redis answered PING ${(await redis.waitReady()) / 1000} s after its start`);
      mailsAfterRestart = await queuedMails(redis.url, BULL_PREFIX);
      note(`mail jobs in the queue after the restart: ${mailsAfterRestart.length}`);
    },
    "postgres-restart": async () => {
      note(`pg_ctl restart -m fast took ${((await postgres.restart()) / 1000).toFixed(1)} s`);
    },
    recovery: async () => {
      await startWorker();
      note("the worker, started at the beginning of this phase, is ready");
    },
  };
  const note = (text: string) => {
    const current = itemAt(figures, phase);
    current.notes.push(`+${((Date.now() - current.startedAt) / 1000).toFixed(1)} s: ${text}`);
  };
  const pending: Promise<void>[] = [];
  for (const [index, each] of PHASES.entries()) {
    await sleep(loadStarted + index * DURATION * 1000 - Date.now());
    if (resources.closing) break;
    if (index > 0) itemAt(figures, index - 1).endedAt = Date.now();
    phase = index;
    itemAt(figures, index).startedAt = Date.now();
    console.log(`\n▶ ${index + 1}. ${each.title}`);
    const action = actions[each.id];
    if (action)
      pending.push(
        within(action(), DURATION * 1000 * (PHASES.length - index) + 30_000, each.title).catch(
          (error: unknown) => void actionErrors.push(`${each.title}: ${describe(error)}`),
        ),
      );
  }
  await within(Promise.resolve(loadDone), DURATION * 1000 + 30_000, "the load");
  itemAt(figures, PHASES.length - 1).endedAt = Date.now();
  stopSampling.abort();
  await healthSampler;
  await Promise.all(pending);

  // Server log lines that look like trouble, per phase.
  const trouble = /error|⨯|failed|unavailable|ECONNREFUSED|timed? ?out/i;
  for (const figure of figures) {
    const lines = server.lines.filter((entry: TLogLine) => entry.at >= figure.startedAt && entry.at < figure.endedAt && trouble.test(entry.line));
    figure.logLines.count = lines.length;
    const readable = lines.map((entry) => stripAnsi(entry.line).trim().replaceAll(`${root}/`, "")).filter((line) => !/^at\s/.test(line));
    figure.logLines.samples = [...new Set(readable.map((line) => line.slice(0, 220)))].slice(0, 4);
  }

  // 7. Nothing lost?
  const checksStarted = Date.now();
  const mailDeadline = Date.now() + 30_000;
  const delivered = (mail: TQueuedMail) => smtp.messages.some((message) => message.raw.includes(mail.messageId));
  while (Date.now() < mailDeadline && !queued.every(delivered)) await sleep(250);
  const stillQueued = await queuedMails(redis.url, BULL_PREFIX).catch(() => [] as TQueuedMail[]);
  const lostMails = queued.filter((mail) => !delivered(mail) && !stillQueued.some((other) => other.messageId === mail.messageId));
  const dashboards = await Promise.all(
    sessions.map((session) => dashboardFor(base, session).catch((error: unknown) => ({ open: false, detail: describe(error) }))),
  );
  const lostSessions = sessions.flatMap((session, index) => {
    const dashboard = itemAt(dashboards, index);
    return dashboard.open ? [] : [`${session.account.email} (${dashboard.detail})`];
  });
  const paymentRows = (
    await db.query<{ id: string }>(`SELECT id FROM payments WHERE id = ANY($1::uuid[]) AND status = 'COMPLETED'`, [payments.map((payment) => payment.id)])
  ).rows.map((row) => row.id);
  const lostPayments = payments.filter((payment) => !paymentRows.includes(payment.id)).map((payment) => payment.id);
  const reportRows = (await db.query<{ details: string }>(`SELECT details FROM reports WHERE details LIKE $1`, [`faults-${runId} report %`])).rows.map(
    (row) => row.details,
  );
  const lostReports = reports.filter((report) => !reportRows.some((details) => details.startsWith(`${report.marker}:`))).map((report) => report.slug);
  const sessionKeysAfter = await countSessionKeys(redis.url, PREFIX).catch(() => -1);

  // 8. Verdict.
  const seconds = (figure: TPhaseFigures) => (figure.endedAt - figure.startedAt) / 1000;
  const redisDown = itemAt(figures, REDIS_DOWN);
  const public5xx = PUBLIC_TARGETS.reduce((sum, target) => sum + redisDown.targets[target].byClass[3], 0);
  const signIn5xx = redisDown.targets[T_SIGN_IN].byClass[3];
  const redisDownErrors = sumValues(redisDown.errors);
  const lost = { sessions: lostSessions.length, payments: lostPayments.length, reports: lostReports.length, mails: lostMails.length };
  const passed = public5xx === 0 && signIn5xx === 0 && redisDownErrors === 0 && sumValues(lost) === 0 && actionErrors.length === 0;

  const phaseRows = figures.map((figure, index) => ({ phase: itemAt(PHASES, index), seconds: seconds(figure), figure }));
  for (const { phase: each, seconds: span, figure } of phaseRows) {
    console.log(`\n${each.title} (${span.toFixed(1)} s)`);
    console.table(
      Object.fromEntries(
        [
          ...TARGETS.map((target) => [target, summary([figure.targets[target]], span)] as const),
          ["all", summary(Object.values(figure.targets), span)] as const,
        ].map(([name, s]) => [
          name,
          {
            requests: s.requests,
            "req/s": s.rps,
            "2xx": s.byClass[0],
            "3xx": s.byClass[1],
            "4xx": s.byClass[2],
            "5xx": s.byClass[3],
            "p50 ms": s.p50,
            "p99 ms": s.p99,
          },
        ]),
      ),
    );
    console.log(
      `  socket errors: ${sumValues(figure.errors)}${
        sumValues(figure.errors)
          ? ` (${Object.entries(figure.errors)
              .map(([key, count]) => `${key} ${count}`)
              .join(", ")})`
          : ""
      }`,
    );
    console.log(
      `  sign-ins: ${
        Object.entries(figure.signIns)
          .map(([outcome, count]) => `${outcome} ${count}`)
          .join(", ") || "none"
      }`,
    );
    console.log(
      `  /api/health: ${
        Object.entries(figure.health)
          .map(([seen, count]) => `${seen} ×${count}`)
          .join("; ") || "not asked"
      }`,
    );
    console.log(
      `  /dashboard with a session from before the faults: ${
        Object.entries(figure.dashboard)
          .map(([seen, count]) => `${seen} ×${count}`)
          .join("; ") || "not asked"
      }`,
    );
    for (const line of figure.notes) console.log(`  ${line}`);
    if (figure.fiveHundreds.length) console.log(`  5xx: ${figure.fiveHundreds.join("; ")}`);
    console.log(`  server log lines with errors: ${figure.logLines.count}${figure.logLines.samples.map((sample) => `\n    ${sample}`).join("")}`);
  }

  const verdict: { ok: boolean; line: string }[] = [
    {
      ok: public5xx === 0 && redisDownErrors === 0,
      line: `public 5xx while Redis down: ${public5xx}${redisDownErrors ? ` (and ${redisDownErrors} socket errors)` : ""}`,
    },
    {
      ok: signIn5xx === 0,
      line: `sign-in 5xx while Redis down: ${signIn5xx} (refused as "temporarily unavailable": ${redisDown.signIns["temporarily unavailable"] ?? 0})`,
    },
    { ok: sumValues(lost) === 0, line: `lost: ${lost.sessions} sessions, ${lost.payments} payments, ${lost.reports} reports, ${lost.mails} mails` },
  ];
  const details = [
    `sessions: ${sessions.length} signed in before the faults, ${sessions.length - lostSessions.length} still open /dashboard` +
      (lostSessions.length ? ` — lost: ${lostSessions.join(", ")}` : "") +
      `; session records in Redis ${sessionKeysBefore} before, ${sessionKeysAfter} after (the sign-in mix adds some)`,
    `payments: ${payments.length} completed through the webhook, ${paymentRows.length} COMPLETED rows after recovery`,
    `reports: ${reports.length} sent through the form, ${reportRows.length} rows after recovery`,
    `mails: ${queued.length} queued before the kill,` +
      ` ${mailsAfterRestart === null ? "not read" : mailsAfterRestart.length} in the queue after the Redis restart,` +
      ` ${queued.filter(delivered).length} delivered to the SMTP sink after the worker started, ${stillQueued.length} still queued` +
      (lostMails.length ? ` — lost: ${lostMails.map((mail) => `${mail.subject} → ${mail.to}`).join(", ")}` : ""),
    // 5xx outside the Redis outage are not part of the issue's target, but they are evidence: list them.
    ...phaseRows.flatMap(({ phase: each, figure }, index) => {
      const byTarget = TARGETS.filter((target) => figure.targets[target].byClass[3] > 0).map((target) => `${target} ${figure.targets[target].byClass[3]}`);
      const dashboard500 = Object.entries(figure.dashboard)
        .filter(([seen]) => seen.startsWith("5"))
        .reduce((sum, [, n]) => sum + n, 0);
      if (index === REDIS_DOWN || (!byTarget.length && !dashboard500)) return [];
      return [
        `5xx during "${each.title}" (recorded; the issue's target is the Redis outage): ` +
          [...byTarget, ...(dashboard500 ? [`/dashboard probe ${dashboard500}`] : [])].join(", "),
      ];
    }),
    ...actionErrors.map((error) => `fault step failed: ${error}`),
  ];
  console.log(`\nChecks after recovery (${elapsed(checksStarted)}):`);
  for (const line of details) console.log(`  ${line}`);
  console.log("");
  for (const { ok, line } of verdict) console.log(`${ok ? "✔" : "✘"} ${line}`);
  console.log(passed ? "\nVerdict: PASS" : "\nVerdict: FAIL");

  // 9. The doc.
  if (!flags["no-write"] && !flags["no-aof"]) {
    const file = path.join(path.resolve(root, flags.out), "benchmarks.md");
    const document = await readFile(file, "utf8").catch(() => "# Benchmarks\n");
    const section = markdown({
      phaseRows,
      verdict,
      details,
      passed,
      machine: {
        date: new Date().toISOString(),
        commit: gitCommit(),
        cpu: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown"}`,
        memoryGb: Math.round(os.totalmem() / 1024 ** 3),
        os: `${os.type()} ${os.release()}`,
        node: process.version,
        next: (JSON.parse(await readFile(path.join(root, "node_modules", "next", "package.json"), "utf8")) as { version: string }).version,
        postgres: postgres.version,
        redis: redis.version,
        events: seeded.events,
        runSeconds: Math.round((Date.now() - runStarted) / 1000),
        loadAverage,
      },
    });
    await writeFile(file, replaceSection(document, FAULTS_SECTION, section));
    console.log(`Wrote the section "Faults: Redis and PostgreSQL restarts under load" of ${path.relative(root, file)}`);
  }
  return passed ? 0 : 1;
}

function gitCommit(): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" }).trim() !== "";
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return "unknown";
  }
}

type TPhaseRow = { phase: TPhase; seconds: number; figure: TPhaseFigures };

function markdown({
  phaseRows,
  verdict,
  details,
  passed,
  machine: m,
}: {
  phaseRows: TPhaseRow[];
  verdict: { ok: boolean; line: string }[];
  details: string[];
  passed: boolean;
  machine: Record<string, string | number>;
}): string {
  const count = (value: number) => value.toLocaleString("en-US");
  const tables = phaseRows.map(({ phase: each, seconds, figure }, index) => {
    const rows = [
      ...TARGETS.map((target) => [target, summary([figure.targets[target]], seconds)] as const),
      ["**all**", summary(Object.values(figure.targets), seconds)] as const,
    ].map(
      ([name, s]) =>
        `| ${name} | ${count(s.requests)} | ${count(s.rps)} |` +
        ` ${count(s.byClass[0])} | ${count(s.byClass[1])} | ${count(s.byClass[2])} | ${count(s.byClass[3])} | ${s.p50} | ${s.p99} |`,
    );
    const lines = [
      `- socket errors: ${sumValues(figure.errors)}${
        sumValues(figure.errors)
          ? ` (${Object.entries(figure.errors)
              .map(([key, n]) => `${key} ${n}`)
              .join(", ")})`
          : ""
      }`,
      `- sign-ins: ${
        Object.entries(figure.signIns)
          .map(([outcome, n]) => `${outcome} ${n}`)
          .join(", ") || "none"
      }`,
      `- \`/api/health\` (asked in a loop with 1 s pauses): ${
        Object.entries(figure.health)
          .map(([seen, n]) => `${seen} ×${n}`)
          .join("; ") || "not asked"
      }`,
      `- \`/dashboard\` with a session cookie from before the faults (same loop): ${
        Object.entries(figure.dashboard)
          .map(([seen, n]) => `${seen} ×${n}`)
          .join("; ") || "not asked"
      }`,
      ...figure.notes.map((note) => `- ${note}`),
      ...(figure.fiveHundreds.length ? [`- 5xx: ${figure.fiveHundreds.join("; ")}`] : []),
      `- server log lines with errors: ${figure.logLines.count}` +
        (figure.logLines.samples.length ? `, e.g. ${figure.logLines.samples.map((sample) => `\`${sample.replace(/`/g, "'")}\``).join(", ")}` : ""),
    ];
    return [
      `### ${index + 1}. ${each.title} (${seconds.toFixed(1)} s)`,
      "",
      "| Target | Requests | Req/s | 2xx | 3xx | 4xx | 5xx | p50 ms | p99 ms |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
      rows.join("\n"),
      "",
      lines.join("\n"),
    ].join("\n");
  });
  const generated =
    `Generated by \`npm run bench:faults\` (scripts/bench/faults.ts) on ${String(m.date).slice(0, 10)} at commit ${m.commit}, in ${m.runSeconds} s.` +
    " Rerun it yourself: `npm run build && npm run bench:faults` (`-- --duration 20` for longer phases)." +
    " `npm run bench` keeps this section when it rewrites the rest of this file.";
  const machine =
    `**Machine:** ${m.cpu}, ${m.memoryGb} GB RAM, ${m.os}; load average ${m.loadAverage} when the run began` +
    " (the machine may be shared: compare the phases of one run with each other, not runs with runs)." +
    ` Node ${m.node}, Next ${m.next}, PostgreSQL ${m.postgres}, Redis ${m.redis}.`;
  const setup =
    "**Setup:** the run's own Redis (append-only file, `appendfsync everysec`, `maxmemory-policy noeviction`, like the production state Redis)" +
    " and its own PostgreSQL cluster (initdb in a temporary folder), both on 127.0.0.1 and thrown away afterwards;" +
    ` ${count(Number(m.events))} seeded events; the production server (\`node server.mjs\`, NODE_ENV=production, TRUST_PROXY=true,` +
    " 1,000 `X-Forwarded-For` addresses); mail over SMTP to a local sink." +
    ` ${CONNECTIONS} connections (autocannon) without a pause through ${phaseRows.length} phases of ${DURATION} s:` +
    " per 50 requests, 25 `/` (plain and 5 filter or search variants), 20 `/api/events` (3 variants), 4 `/login`" +
    " and 1 sign-in POST through next-auth's credentials callback (a real argon2 check)." +
    ' Latencies are per request as the client saw them; "socket errors" are connections refused or reset and 10 s timeouts.';
  const before =
    `Before the faults: ${STATE.creators} creators signed in over HTTP (cookies kept),` +
    ` ${STATE.payments} payments completed through the signed Stripe webhook, ${STATE.reports} reports sent through the report form,` +
    " and the mails these queued in Redis with no worker running; then 2.5 s so that the append-only file is on disk.";
  return `## Faults: Redis and PostgreSQL restarts under load

${generated}

${machine}
${setup}

${before}

${tables.join("\n\n")}

### Verdict: ${passed ? "pass" : "FAIL"}

${verdict.map(({ ok, line }) => `- ${ok ? "✅" : "❌"} ${line}`).join("\n")}

${details.map((line) => `- ${line}`).join("\n")}
`;
}

// ─── Clean-up on every way out ───────────────────────────────────────────────

let exiting = false;
async function exitAfterCleanUp(code: number): Promise<void> {
  // A second way out (Ctrl-C reaches us twice: from the terminal and relayed by tsx) waits for the first clean-up.
  if (exiting) return;
  exiting = true;
  console.log("\nStopping everything this run started…");
  await resources.releaseAll();
  process.exit(code);
}

let signals = 0;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    signals++;
    if (signals >= 4) {
      console.error(`\n${signal} again: exiting without finishing the clean-up (the temporary PostgreSQL may still run).`);
      process.exit(130);
    }
    if (signals === 1) console.error(`\n${signal}: stopping.`);
    void exitAfterCleanUp(130);
  });
}
const watchdog = setTimeout(() => {
  console.error(`\nThe fault run took longer than ${WATCHDOG_MS / 60_000} minutes: stopping.`);
  void exitAfterCleanUp(1);
}, WATCHDOG_MS);
watchdog.unref();

main().then(
  (code) => exitAfterCleanUp(code),
  (error: unknown) => {
    console.error(`\nbench:faults failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return exitAfterCleanUp(1);
  },
);
