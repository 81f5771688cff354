/**
 * `npm run bench:digest` — the weekly digest at scale (issue 13's quality bar): 10,000 confirmed subscribers with
 * 3 alerts each, against the 100,000-event benchmark data (`npm run bench:seed -- --events 100000` first), plus a
 * week of newly published events, one digest run with ONE worker (this process, the digest queue's own concurrency)
 * against a local SMTP sink. Reports the total time, mails sent, skipped and failed, and the most mails any one
 * subscriber received (must be at most 1). Bar: within 5 minutes. Exits 1 when a bar is missed.
 *
 * The week: "the last digest" is taken to have run right after the benchmark data was made (its cutoff is the latest
 * published_at there); since then, until now (the cutoff of this run), were published N one-off events (copies of
 * existing ones, dated over the next three months), S new weekly series of 12 dates each, and one more date of every
 * existing series (what the hourly job adds, which must not count as news). Rows of an earlier bench:digest run are
 * removed first, so it can run again on the same database.
 *
 * Alerts: a realistic mix, weighted towards the busy places — a location (30%), an event type (20%), both (20%),
 * a search word, sometimes in a place (10%), a language, sometimes in a place (5%), free events in a place (5%),
 * an organiser (10%, half of them organisers who posted this week). Subscribers' languages: 70% English, 15%
 * Indonesian, 15% Russian.
 *
 * Flags: --database-url URL (default $BENCH_DATABASE_URL or …/zenbali_bench), --subscribers N (10000),
 *        --alerts N (3 per subscriber), --new-events N (1000), --new-series N (40), --json (a JSON line at the end).
 * Environment: BENCH_REDIS_URL (default redis://127.0.0.1:6379); Redis keys under "zbbench:digest:".
 *
 *   node --conditions=react-server --import tsx scripts/bench/digest.ts     (npm run bench:digest)
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import pg from "pg";
import { runMigrations } from "../db/migrate";
import { startSmtpCapture } from "../../tests/support/smtp-capture";
import { itemAt, required } from "./checked";
import { prng, type TRandom } from "./vocabulary";

const { values: flags } = parseArgs({
  options: {
    "database-url": { type: "string", default: process.env.BENCH_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/zenbali_bench" },
    subscribers: { type: "string", default: "10000" },
    alerts: { type: "string", default: "3" },
    "new-events": { type: "string", default: "1000" },
    "new-series": { type: "string", default: "40" },
    json: { type: "boolean", default: false },
  },
});

const DATABASE_URL = flags["database-url"];
const SUBSCRIBERS = Number(flags.subscribers);
const ALERTS = Number(flags.alerts);
const NEW_EVENTS = Number(flags["new-events"]);
const NEW_SERIES = Number(flags["new-series"]);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const REDIS_PREFIX = "zbbench:digest:";
const BAR_MS = 5 * 60_000;
const MARK = "bench-digest";

function fail(message: string): never {
  console.error(`bench:digest: ${message}`);
  process.exit(1);
}

for (const [name, value, max] of [
  ["--subscribers", SUBSCRIBERS, 1_000_000],
  ["--alerts", ALERTS, 10],
  ["--new-events", NEW_EVENTS, 100_000],
  ["--new-series", NEW_SERIES, 10_000],
] as const) {
  if (!Number.isInteger(value) || value < 0 || value > max) fail(`${name} must be a whole number from 0 to ${max}`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
function log(line: string): void {
  console.log(line);
}

// ─── The week's data ─────────────────────────────────────────────────────────

/** Removes what an earlier bench:digest run added. */
async function removeEarlierRun(client: pg.Client): Promise<void> {
  await client.query("DELETE FROM digest_runs");
  await client.query(`DELETE FROM subscribers WHERE email LIKE '%@${MARK}.test'`);
  await client.query(`DELETE FROM events WHERE slug LIKE '${MARK}-%'`);
  await client.query(`DELETE FROM event_series WHERE slug LIKE '${MARK}-%'`);
}

/** The columns copied from a template event into a new one (everything that says what it is). */
const COPIED = `title, description, duration_minutes, location_id, venue_name, venue_address, event_type_id, entrance_type_id, entrance_fee_idr,
  participant_group_id, led_by, contact_email, contact_phone, booking_url, languages, creator_id`;

/** A week of publishing, between the last digest (`since`) and this one (`cutoff`). */
async function publishWeek(client: pg.Client, since: Date, cutoff: Date): Promise<{ oneOff: number; seriesDates: number; rolledDates: number }> {
  await client.query("SELECT setseed(0.13)");
  const span = `(${client.escapeLiteral(cutoff.toISOString())}::timestamptz - ${client.escapeLiteral(since.toISOString())}::timestamptz)`;
  const publishedAt = `${client.escapeLiteral(since.toISOString())}::timestamptz + ${span} * (0.001 + 0.998 * random())`;
  const templates = `SELECT * FROM events WHERE series_id IS NULL AND deleted_at IS NULL AND status = 'PUBLISHED' AND duration_minutes <= 600 ORDER BY random()`;
  const oneOff = await client.query(
    `INSERT INTO events (id, slug, starts_at, ends_at, status, is_featured, published_at, created_at, updated_at, ${COPIED})
     SELECT gen_random_uuid(), '${MARK}-' || t.n || '-' || substr(md5(random()::text), 1, 6),
            s.starts, s.starts + make_interval(mins => t.duration_minutes), 'PUBLISHED', false, ${publishedAt}, now(), now(), ${COPIED.replace(/(\w+)/g, "t.$1")}
     FROM (SELECT x.*, row_number() OVER () AS n FROM (${templates} LIMIT $1) x) t
     CROSS JOIN LATERAL (SELECT date_trunc('hour', now() + make_interval(days => 1 + (t.n % 90)::int, hours => (random() * 12)::int)) AS starts) s`,
    [NEW_EVENTS],
  );
  // New weekly series: 12 dates each, all published together this week.
  await client.query(
    `INSERT INTO event_series (id, slug, creator_id, frequency, weekdays, start_date, start_time, duration_minutes, created_at, updated_at)
     SELECT gen_random_uuid(), '${MARK}-series-' || t.n, t.creator_id, 'WEEKLY', ARRAY[]::varchar[], (now() + make_interval(days => 1 + (t.n % 7)::int))::date,
            '18:00', least(t.duration_minutes, 240), now(), now()
     FROM (SELECT x.*, row_number() OVER () AS n FROM (${templates} LIMIT $1) x) t`,
    [NEW_SERIES],
  );
  const seriesDates = await client.query(
    `INSERT INTO events (id, slug, starts_at, ends_at, series_id, series_date, status, is_featured, published_at, created_at, updated_at, ${COPIED})
     SELECT gen_random_uuid(), r.slug || '-' || d.day, d.starts, d.starts + make_interval(mins => r.duration_minutes), r.id, d.day, 'PUBLISHED', false, p.at,
            now(), now(), ${COPIED.replace(/(\w+)/g, (column) => (column === "duration_minutes" ? "r.duration_minutes" : column === "creator_id" ? "r.creator_id" : `t.${column}`))}
     FROM event_series r
     CROSS JOIN LATERAL (${templates.replace("SELECT *", "SELECT *, r.id AS for_series")} LIMIT 1) t
     CROSS JOIN LATERAL (SELECT ${publishedAt} AS at) p
     CROSS JOIN LATERAL (SELECT (r.start_date + 7 * w)::date AS day, ((r.start_date + 7 * w)::date + time '18:00') AT TIME ZONE 'Asia/Makassar' AS starts
                         FROM generate_series(0, 11) w) d
     WHERE r.slug LIKE '${MARK}-series-%'`,
  );
  // The hourly job's new date of every existing series: published now, but not news.
  const rolled = await client.query(
    `UPDATE events SET published_at = ${publishedAt}
     WHERE id IN (SELECT DISTINCT ON (series_id) id FROM events
                  WHERE series_id IS NOT NULL AND deleted_at IS NULL AND status = 'PUBLISHED' AND slug NOT LIKE '${MARK}-%'
                  ORDER BY series_id, starts_at DESC)`,
  );
  await client.query("ANALYZE events");
  return { oneOff: oneOff.rowCount ?? 0, seriesDates: seriesDates.rowCount ?? 0, rolledDates: rolled.rowCount ?? 0 };
}

// ─── Subscribers and alerts ──────────────────────────────────────────────────

type TRef = { id: string | number; slug: string };

/** Busy places first: the index's weight is higher for the first ones. */
function weighted<T>(items: readonly T[], random: TRandom): T {
  const index = Math.floor(items.length * random() ** 2);
  return itemAt(items, Math.min(index, items.length - 1));
}

const SEARCH_WORDS = [
  "yoga",
  "dance",
  "breath",
  "sound",
  "meditation",
  "kirtan",
  "cacao",
  "healing",
  "retreat",
  "market",
  "music",
  "sunset",
  "vinyasa",
  "tantra",
];

function alertFor(
  random: TRandom,
  { locations, types, creators, newCreators }: { locations: TRef[]; types: TRef[]; creators: string[]; newCreators: string[] },
): { query: string } | { creatorId: string } {
  const roll = random();
  const place = () => weighted(locations, random).slug;
  const type = () => itemAt(types, Math.floor(random() * types.length)).slug;
  const params = new URLSearchParams();
  if (roll < 0.3) params.set("location", place());
  else if (roll < 0.5) params.set("type", type());
  else if (roll < 0.7) {
    params.set("location", place());
    params.set("type", type());
  } else if (roll < 0.8) {
    params.set("q", itemAt(SEARCH_WORDS, Math.floor(random() * SEARCH_WORDS.length)));
    if (random() < 0.5) params.set("location", place());
  } else if (roll < 0.85) {
    if (random() < 0.5) params.set("location", place());
    params.set("lang", random() < 0.6 ? "ru" : "id");
  } else if (roll < 0.9) {
    params.set("location", place());
    params.set("price", "free");
  } else {
    const pool = random() < 0.5 && newCreators.length > 0 ? newCreators : creators;
    return { creatorId: itemAt(pool, Math.floor(random() * pool.length)) };
  }
  return { query: params.toString() };
}

async function addSubscribers(client: pg.Client, since: Date): Promise<{ alerts: number; distinctQueries: number }> {
  const random = prng(20261213);
  const locations = (await client.query<TRef>("SELECT id, slug FROM locations ORDER BY sort_order, id")).rows;
  const types = (await client.query<TRef>("SELECT id, slug FROM event_types ORDER BY sort_order, id")).rows;
  const creators = (await client.query<{ id: string }>("SELECT DISTINCT creator_id AS id FROM events WHERE status = 'PUBLISHED' LIMIT 2000")).rows.map(
    (row) => row.id,
  );
  const newCreators = (await client.query<{ id: string }>(`SELECT DISTINCT creator_id AS id FROM events WHERE slug LIKE '${MARK}-%'`)).rows.map(
    (row) => row.id,
  );
  const ids: string[] = [];
  const tokens: string[] = [];
  const languages: string[] = [];
  const alertRows = { subscriber: [] as string[], kind: [] as string[], query: [] as (string | null)[], creator: [] as (string | null)[], key: [] as string[] };
  const queries = new Set<string>();
  for (let index = 0; index < SUBSCRIBERS; index++) {
    const id = randomUUID();
    ids.push(id);
    tokens.push(randomBytes(32).toString("base64url"));
    const roll = random();
    languages.push(roll < 0.7 ? "en" : roll < 0.85 ? "id" : "ru");
    const keys = new Set<string>();
    for (let attempt = 0; keys.size < ALERTS && attempt < ALERTS * 10; attempt++) {
      const alert = alertFor(random, { locations, types, creators, newCreators });
      const key = "query" in alert ? `query:${alert.query}` : `creator:${alert.creatorId}`;
      if (keys.has(key)) continue;
      keys.add(key);
      alertRows.subscriber.push(id);
      alertRows.kind.push("query" in alert ? "QUERY" : "CREATOR");
      alertRows.query.push("query" in alert ? alert.query : null);
      alertRows.creator.push("query" in alert ? null : alert.creatorId);
      alertRows.key.push(key);
      if ("query" in alert) queries.add(alert.query);
    }
  }
  const confirmed = new Date(since.getTime() - 30 * 86_400_000);
  for (let start = 0; start < ids.length; start += 5_000) {
    const slice = (values: string[]) => values.slice(start, start + 5_000);
    await client.query(
      `INSERT INTO subscribers (id, email, token, language, confirmed_at, digested_until, created_at, updated_at)
       SELECT s.id, 'subscriber-' || ($6::int + s.n) || '@${MARK}.test', s.token, s.language, $4, $5, $4, now()
       FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS s(id, token, language, n)`,
      [slice(ids), slice(tokens), slice(languages), confirmed, since, start],
    );
  }
  for (let start = 0; start < alertRows.key.length; start += 10_000) {
    const end = start + 10_000;
    await client.query(
      `INSERT INTO alerts (id, subscriber_id, kind, query, creator_id, key, confirmed_at, created_at)
       SELECT gen_random_uuid(), a.subscriber_id, a.kind::"AlertKind", a.query, a.creator_id, a.key, $6, $6
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[]) AS a(subscriber_id, kind, query, creator_id, key)`,
      [
        alertRows.subscriber.slice(start, end),
        alertRows.kind.slice(start, end),
        alertRows.query.slice(start, end),
        alertRows.creator.slice(start, end),
        alertRows.key.slice(start, end),
        confirmed,
      ],
    );
  }
  await client.query("ANALYZE subscribers");
  await client.query("ANALYZE alerts");
  return { alerts: alertRows.key.length, distinctQueries: queries.size };
}

async function clearRedisPrefix(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    for await (const keys of redis.scanStream({ match: `${REDIS_PREFIX}*`, count: 1_000 }) as AsyncIterable<string[]>) {
      if (keys.length) await redis.del(...keys);
    }
  } finally {
    await redis.quit();
  }
}

// ─── The run ─────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect().catch(() => fail(`cannot reach the benchmark database ${DATABASE_URL}. Run: npm run bench:seed -- --events 100000`));
  const { rows: counted } = await client
    .query<{ count: string }>("SELECT count(*) FROM events WHERE series_id IS NULL")
    .catch(() => ({ rows: [{ count: "0" }] }));
  if (Number(counted[0]?.count ?? 0) < 50_000) fail(`${DATABASE_URL} has no benchmark data. Run: npm run bench:seed -- --events 100000`);
  await client.end();
  // A benchmark database made before the digest's migration gets it (nothing else changes).
  await runMigrations({ databaseUrl: DATABASE_URL, mode: "deploy", log: () => {} });

  const smtp = await startSmtpCapture();
  const mailDir = await mkdtemp(path.join(tmpdir(), "zenbali-bench-digest-"));
  Object.assign(process.env, {
    NODE_ENV: "production",
    DATABASE_URL,
    REDIS_URL,
    REDIS_KEY_PREFIX: REDIS_PREFIX,
    JOBS_MODE: "queue",
    SMTP_URL: smtp.url,
    MAIL_DIR: mailDir,
    APP_URL: "https://zenbali.site",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-digest-secret-bench-digest-secret-0123456789",
    CACHE_ENABLED: "true",
    PAYMENT_PROVIDER: "none",
  });
  await clearRedisPrefix();

  const seed = new pg.Client({ connectionString: DATABASE_URL });
  await seed.connect();
  const started = performance.now();
  await removeEarlierRun(seed);
  const { rows: last } = await seed.query<{ at: Date }>("SELECT max(published_at) AS at FROM events");
  const since = required(last[0], "the latest published_at").at;
  const cutoff = new Date();
  const week = await publishWeek(seed, since, cutoff);
  const people = await addSubscribers(seed, since);
  log(
    `Benchmark data: ${SUBSCRIBERS.toLocaleString("en-US")} subscribers × ${ALERTS} alerts (${people.alerts.toLocaleString("en-US")} alerts,` +
      ` ${people.distinctQueries.toLocaleString("en-US")} distinct queries); this week: ${week.oneOff} new events, ${NEW_SERIES} new series` +
      ` (${week.seriesDates} dates), ${week.rolledDates.toLocaleString("en-US")} new dates of older series (set up in ${seconds(performance.now() - started)})`,
  );

  const [{ startWorkers }, { enqueue, closeQueues }, { openDigestRun }, { matchDigestEvents }, { db, disconnectDb }, { closeRedis }, { closeMailTransports }] =
    await Promise.all([
      import("../../lib/jobs/worker"),
      import("../../lib/jobs/queues"),
      import("../../lib/digest/run-digest"),
      import("../../lib/digest/match-digest-events"),
      import("../../lib/db"),
      import("../../lib/redis"),
      import("../../lib/mail/deliver-mail"),
    ]);

  // The matching alone, measured apart (the run job does it again below, on the same run: opening it is idempotent).
  const { run } = await openDigestRun({ now: cutoff });
  const matchStarted = performance.now();
  const matches = await matchDigestEvents({ runId: run.id, cutoff: run.cutoff });
  const matchMs = performance.now() - matchStarted;
  const withMatches = matches.filter((match) => match.total > 0).length;
  log(
    `Matching: ${seconds(matchMs)} for ${matches.length.toLocaleString("en-US")} subscribers (${withMatches.toLocaleString("en-US")} with news,` +
      ` ${Math.round(matches.reduce((sum, match) => sum + match.total, 0) / Math.max(1, withMatches))} events each on average)`,
  );

  let runJobMs = 0;
  const workers = await startWorkers({
    queues: ["digest"],
    schedule: false,
    logger: { info: () => {}, warn: (line) => log(`  worker: ${line}`), error: (line) => log(`  worker: ${line}`) },
  });
  const worker = required(workers.workers.get("digest"), "the digest worker");
  worker.on("completed", (job) => {
    if (job.name === "run") runJobMs = performance.now() - runStarted;
  });
  const runStarted = performance.now();
  await enqueue("digest", "run", { at: cutoff.toISOString() });
  let counts: Record<string, number> = {};
  for (;;) {
    const rows = await db.$queryRaw<{ status: string; count: number }[]>`
      SELECT status::text AS status, count(*)::int AS count FROM digest_deliveries WHERE run_id = ${run.id}::uuid GROUP BY status`;
    counts = Object.fromEntries(rows.map((row) => [row.status, row.count]));
    const finished = await db.digestRun.findUnique({ where: { id: run.id }, select: { finishedAt: true } });
    if (finished?.finishedAt && !counts.PENDING) break;
    if (performance.now() - runStarted > 15 * 60_000) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const totalMs = performance.now() - runStarted;
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // a late duplicate would show here

  const perRecipient = new Map<string, number>();
  for (const mail of smtp.messages) for (const to of mail.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
  const maxPerSubscriber = Math.max(0, ...perRecipient.values());
  const result = {
    subscribers: SUBSCRIBERS,
    alerts: people.alerts,
    distinctQueries: people.distinctQueries,
    newEvents: week.oneOff + week.seriesDates,
    totalSeconds: Number((totalMs / 1000).toFixed(1)),
    runJobSeconds: Number((runJobMs / 1000).toFixed(1)),
    matchingSeconds: Number((matchMs / 1000).toFixed(1)),
    sent: counts.SENT ?? 0,
    skipped: counts.SKIPPED ?? 0,
    failed: counts.FAILED ?? 0,
    pending: counts.PENDING ?? 0,
    mailsReceived: smtp.messages.length,
    maxMailsPerSubscriber: maxPerSubscriber,
    mailsPerSecond: Number(((counts.SENT ?? 0) / (totalMs / 1000)).toFixed(1)),
  };
  log(
    [
      `Digest run with one worker (concurrency ${worker.concurrency}):`,
      `  total            ${seconds(totalMs)} (bar: ${seconds(BAR_MS)})`,
      `  run job          ${seconds(runJobMs)} (the run, its deliveries, the matching and ${matches.length.toLocaleString("en-US")} jobs queued)`,
      `  sent             ${result.sent.toLocaleString("en-US")} (${result.mailsPerSecond} a second; the SMTP sink received ${result.mailsReceived.toLocaleString("en-US")})`,
      `  skipped          ${result.skipped.toLocaleString("en-US")} (nothing new for them)`,
      `  failed           ${result.failed.toLocaleString("en-US")}`,
      `  max per subscriber ${maxPerSubscriber}`,
    ].join("\n"),
  );
  if (flags.json) log(`@@bench-digest@@${JSON.stringify(result)}`);

  await workers.close();
  await closeQueues();
  closeMailTransports();
  await smtp.close();
  await Promise.allSettled([disconnectDb(), closeRedis(), seed.end(), rm(mailDir, { recursive: true, force: true })]);
  const problems = [
    totalMs > BAR_MS && `took ${seconds(totalMs)}, over the bar of ${seconds(BAR_MS)}`,
    maxPerSubscriber > 1 && `a subscriber got ${maxPerSubscriber} mails`,
    result.mailsReceived !== result.sent && `${result.mailsReceived} mails received for ${result.sent} sent`,
    (result.failed > 0 || result.pending > 0) && `${result.failed} failed and ${result.pending} pending deliveries`,
  ].filter(Boolean);
  if (problems.length) fail(problems.join("; "));
}

await main().then(
  () => process.exit(0),
  (error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
