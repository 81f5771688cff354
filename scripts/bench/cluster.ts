/**
 * `npm run bench:cluster` — two production instances (`node server.mjs`) on
 * one PostgreSQL and one Redis, and a short demonstration that they behave as
 * one site. The proof is the e2e test (e2e/cluster.spec.ts); this is the same
 * story told from the command line, with the time a change takes to show.
 *
 *   1. page cache: `/` rendered by A is served by B from Redis (same ETag),
 *      then from each instance's memory;
 *   2. a change through one instance (POST /api/v1/events with an API key)
 *      shows on the other: milliseconds until the other's cached listing has it;
 *   3. sessions: signed in on A (Auth.js credentials), valid on B; signed out
 *      on B, dead on A;
 *   4. rate limit: /api/events (120 per minute per IP) asked alternately of A
 *      and B; the 121st request is refused, whichever instance gets it.
 *
 * Needs a production build (`npm run build`, holding the lock:
 * `flock /tmp/zenbali-e2e.lock npm run build`); builds nothing itself.
 * Applies pending migrations to the database and, when it has no reference
 * data, seeds the reference data only (npm run bench:seed fills it properly).
 * A temporary creator, API key and two events are created and removed.
 *
 * Options: --ports 3201,3202, --database-url URL (default BENCH_DATABASE_URL or
 * postgresql://postgres@127.0.0.1:5432/zenbali_bench), --keep (leave both
 * running until Ctrl-C). Environment: BENCH_REDIS_URL (default
 * redis://127.0.0.1:6379). Redis key prefix: zbbench:.
 * Exits 1 when a demonstration does not show what it should.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { Redis } from "ioredis";
import { runMigrations } from "../db/migrate";
import { seedDatabase } from "../db/seed-database";
import { itemAt, required } from "./checked";

const { values: options } = parseArgs({
  options: {
    ports: { type: "string", default: "3201,3202" },
    "database-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/zenbali_bench" },
    keep: { type: "boolean", default: false },
  },
});

const ports = options.ports.split(",").map((value) => Number(value.trim()));
if (ports.length !== 2 || ports.some((port) => !Number.isInteger(port) || port < 1 || port > 65535)) {
  console.error("--ports takes two port numbers, e.g. --ports 3201,3202");
  process.exit(2);
}
const databaseUrl = options["database-url"];
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const redisPrefix = "zbbench:";
/** Both instances must share it: it signs the session cookies and keys the API-key hashes. */
const authSecret = "bench-cluster-secret-bench-cluster-secret-0123";
const root = process.cwd();
const PUBLIC_API_LIMIT = 120; // lib/redis/rate-limit.ts, publicApi

type TInstance = { name: "A" | "B"; url: string; process: ChildProcess; output: () => string };
type TCheck = { what: string; ok: boolean; detail: string };

const checks: TCheck[] = [];
const report = (what: string, ok: boolean, detail: string) => {
  checks.push({ what, ok, detail });
  console.log(`  ${ok ? "✔" : "✘"} ${what}: ${detail}`);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ─── Servers ─────────────────────────────────────────────────────────────────

async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(3_000) }).then(
    () => true,
    () => false,
  );
}

async function startInstance(name: TInstance["name"], port: number): Promise<TInstance> {
  const url = `http://127.0.0.1:${port}`;
  if (await answers(`${url}/api/health`)) throw new Error(`Port ${port} is already in use; stop whatever listens there or pass --ports.`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_URL: url,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: redisPrefix,
    AUTH_SECRET: authSecret,
    TRUST_PROXY: "false",
    UPLOAD_DIR: "./data/bench-uploads",
    MAIL_DIR: "./data/bench-mail",
    SMTP_URL: "",
    JOBS_MODE: "inline",
    PAYMENT_PROVIDER: "none",
    STRIPE_SECRET_KEY: "",
    STRIPE_WEBHOOK_SECRET: "",
    ADMIN_EMAIL: "",
    ADMIN_PASSWORD: "",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const child = spawn(process.execPath, ["server.mjs"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { name, url, process: child, output: () => output };
}

async function waitHealthy(instance: TInstance, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (instance.process.exitCode !== null)
      throw new Error(`${instance.name} (${instance.url}) exited with code ${instance.process.exitCode}:\n${instance.output()}`);
    const response = await fetch(`${instance.url}/api/health`, { signal: AbortSignal.timeout(3_000) }).catch(() => null);
    if (response?.ok) return;
    await sleep(300);
  }
  throw new Error(`${instance.name} did not answer ${instance.url}/api/health with 200 within ${timeoutMs / 1000} s:\n${instance.output()}`);
}

async function stopInstance(instance: TInstance): Promise<void> {
  const child = instance.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

// ─── Database and Redis ──────────────────────────────────────────────────────

async function prepareDatabase(pool: pg.Pool): Promise<void> {
  const { appliedMigrations, createdDatabase } = await runMigrations({ databaseUrl, mode: "deploy", log: () => {} });
  if (createdDatabase || appliedMigrations.length)
    console.log(`  database: ${createdDatabase ? "created, " : ""}${appliedMigrations.length} migration(s) applied`);
  const [row] = (await pool.query<{ count: string }>("SELECT count(*) FROM locations WHERE is_active")).rows;
  if (Number(required(row, "the count row").count) > 0) return;
  console.log("  database: no reference data, seeding it (no demo events; npm run bench:seed fills the calendar)");
  await seedDatabase({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisPrefix, SEED_DEMO: "0", ADMIN_EMAIL: "", ADMIN_PASSWORD: "" });
}

type TRedis = Redis;

async function deleteKeys(redis: TRedis, pattern: string): Promise<void> {
  for await (const keys of redis.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>) if (keys.length) await redis.del(...keys);
}

/** What the app's own invalidation does (lib/cache/public-cache.ts), for rows this script changes behind its back. */
async function invalidatePublicCaches(redis: TRedis): Promise<void> {
  await deleteKeys(redis, `${redisPrefix}cache:*`);
  await redis.incr(`${redisPrefix}cache:page-generation`);
  await sleep(250); // instances re-read the generation at most every 200 ms
}

// ─── HTTP helpers ────────────────────────────────────────────────────────────

async function get(url: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, { headers: { "accept-encoding": "gzip", ...headers }, redirect: "manual" });
  const body = await response.text();
  return {
    status: response.status,
    cache: response.headers.get("x-zenbali-cache") ?? "miss (rendered)",
    etag: response.headers.get("etag") ?? "",
    body,
    ms: performance.now() - started,
  };
}

/** A tiny cookie jar: name → value, from Set-Cookie headers. */
class Jar {
  readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const pair = itemAt(line.split(";"), 0);
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  copy(): Jar {
    const jar = new Jar();
    for (const [name, value] of this.cookies) jar.cookies.set(name, value);
    return jar;
  }
}

async function authRequest(base: string, jar: Jar, pathname: string, form?: Record<string, string>): Promise<Response> {
  const response = await fetch(`${base}${pathname}`, {
    method: form ? "POST" : "GET",
    headers: { cookie: jar.header(), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form) : undefined,
    redirect: "manual",
  });
  jar.take(response);
  return response;
}

async function sessionEmail(base: string, jar: Jar): Promise<string | null> {
  const response = await authRequest(base, jar, "/api/auth/session");
  const body = (await response.json().catch(() => null)) as { user?: { email?: string } } | null;
  return body?.user?.email ?? null;
}

async function csrfToken(base: string, jar: Jar): Promise<string> {
  const response = await authRequest(base, jar, "/api/auth/csrf");
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** Polls `url` until `done(body)`; the milliseconds it took, or null after `timeoutMs`. */
async function msUntil(url: string, done: (body: string) => boolean, timeoutMs = 5_000): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (done((await get(url)).body)) return Math.round(performance.now() - started);
    await sleep(20);
  }
  return null;
}

// ─── The demonstrations ──────────────────────────────────────────────────────

async function demoPageCache(a: TInstance, b: TInstance, redis: TRedis) {
  console.log("\n1. Page cache (anonymous GET /)");
  await invalidatePublicCaches(redis);
  const rows = [
    ["A", a],
    ["A", a],
    ["B", b],
    ["B", b],
  ] as const;
  const seen: Awaited<ReturnType<typeof get>>[] = [];
  for (const [name, instance] of rows) {
    const answer = await get(`${instance.url}/`);
    seen.push(answer);
    console.log(`  ${name} GET / → ${answer.status}, x-zenbali-cache: ${answer.cache}, etag ${answer.etag || "-"}, ${answer.ms.toFixed(1)} ms`);
  }
  const [, aSecond, bFirst] = seen;
  if (!aSecond || !bFirst) throw new Error(`expected 4 answers, got ${seen.length}`);
  report(
    "B serves the page A rendered",
    bFirst.cache === "hit" && bFirst.etag !== "" && bFirst.etag === aSecond.etag,
    `B's first answer: ${bFirst.cache}, same ETag as A: ${bFirst.etag === aSecond.etag}`,
  );
}

async function demoChange(a: TInstance, b: TInstance, pool: pg.Pool) {
  console.log("\n2. A change through one instance, seen on the other (POST /api/v1/events)");
  const word = `cluster${Array.from(randomBytes(8), (byte) => "abcdefghijklmnopqrstuvwxyz"[byte % 26]).join("")}`;
  const email = `${word}@bench.example`;
  const password = randomBytes(18).toString("base64url");
  const { hashPassword } = await import("../../lib/auth/password");
  const [user] = (
    await pool.query<{ id: string }>(
      "INSERT INTO users (id, email, password_hash, email_verified_at, name, updated_at) " +
        "VALUES (gen_random_uuid(), $1, $2, now(), 'Cluster Bench', now()) RETURNING id",
      [email, await hashPassword(password)],
    )
  ).rows;
  if (!user) throw new Error("INSERT INTO users … RETURNING id returned no row");
  const apiKey = `zb_live_${randomBytes(32).toString("base64url")}`;
  await pool.query(
    `INSERT INTO api_keys (id, name, prefix, key_hash, scopes, user_id) VALUES (gen_random_uuid(), 'bench:cluster', $1, $2, ARRAY['events:write'], $3)`,
    [apiKey.slice(0, 12), createHmac("sha256", authSecret).update(apiKey, "utf8").digest("hex"), user.id],
  );
  const slugOf = async (table: string) =>
    (await pool.query<{ slug: string }>(`SELECT slug FROM ${table} WHERE is_active ORDER BY (slug = 'free') DESC, sort_order LIMIT 1`)).rows[0]?.slug;
  const [location, eventType, entranceType] = [await slugOf("locations"), await slugOf("event_types"), await slugOf("entrance_types")];
  const startDate = new Date(Date.now() + 30 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

  for (const [writer, reader, n] of [
    [a, b, 1],
    [b, a, 2],
  ] as const) {
    const search = `${word}${n === 1 ? "a" : "b"}`;
    const title = `Cluster Probe ${search}`;
    const listing = `${reader.url}/?q=${search}`;
    await get(listing);
    const warm = await get(listing);
    const started = performance.now();
    const response = await fetch(`${writer.url}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        title,
        startDate,
        startTime: "10:00",
        durationHours: 1,
        location,
        venueName: "Bench Hall",
        eventType,
        entranceType,
        contactEmail: email,
      }),
    });
    const written = performance.now() - started;
    if (response.status !== 201) {
      report(`${writer.name} → ${reader.name}`, false, `POST /api/v1/events answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      continue;
    }
    const ms = await msUntil(listing, (body) => body.includes(title));
    report(
      `${writer.name} → ${reader.name}`,
      ms !== null && ms <= 1_000,
      ms === null
        ? "not seen within 5 s"
        : `${reader.name}'s cached listing (was: ${warm.cache}) shows the new event ${ms} ms after ${writer.name} answered 201 ` +
            `(the write took ${written.toFixed(0)} ms)`,
    );
  }
  return { userId: user.id, email, password };
}

async function demoSessions(a: TInstance, b: TInstance, account: { email: string; password: string }) {
  console.log("\n3. Sessions (Auth.js credentials sign-in through /api/auth)");
  const jar = new Jar();
  const token = await csrfToken(a.url, jar);
  const signIn = await authRequest(a.url, jar, "/api/auth/callback/credentials", {
    csrfToken: token,
    email: account.email,
    password: account.password,
    callbackUrl: `${a.url}/dashboard`,
  });
  const signedIn = [...jar.cookies.keys()].some((name) => name.includes("session-token"));
  report("signed in on A", signedIn, `POST /api/auth/callback/credentials → ${signIn.status}${signedIn ? ", session cookie set" : ", no session cookie"}`);
  if (!signedIn) return;
  const before = jar.copy();
  const onB = await sessionEmail(b.url, jar);
  report("A's session is valid on B", onB === account.email, `B's /api/auth/session says: ${onB ?? "signed out"}`);
  const signOut = await authRequest(b.url, jar, "/api/auth/signout", { csrfToken: await csrfToken(b.url, jar), callbackUrl: `${b.url}/` });
  const onA = await sessionEmail(a.url, before);
  report(
    "signed out on B, dead on A",
    onA === null,
    `B's sign-out → ${signOut.status}; A's /api/auth/session with the old cookie says: ${onA ?? "signed out"}`,
  );
}

async function demoRateLimit(a: TInstance, b: TInstance, redis: TRedis) {
  console.log(`\n4. Rate limit (/api/events, ${PUBLIC_API_LIMIT} per minute per IP; every request here comes from 127.0.0.1)`);
  await deleteKeys(redis, `${redisPrefix}rl:publicApi*`);
  const counts = { A: { ok: 0, limited: 0 }, B: { ok: 0, limited: 0 } };
  let firstRefused: { n: number; by: string } | null = null;
  const total = PUBLIC_API_LIMIT + 10;
  for (let n = 1; n <= total; n++) {
    const instance = n % 2 === 1 ? a : b;
    const response = await fetch(`${instance.url}/api/events?limit=1`);
    await response.arrayBuffer();
    if (response.status === 429) {
      counts[instance.name].limited++;
      firstRefused ??= { n, by: instance.name };
    } else counts[instance.name].ok++;
  }
  console.log(`  A: ${counts.A.ok} answered, ${counts.A.limited} refused (429); B: ${counts.B.ok} answered, ${counts.B.limited} refused`);
  report(
    "one limit for both",
    firstRefused?.n === PUBLIC_API_LIMIT + 1 && counts.A.limited > 0 && counts.B.limited > 0,
    firstRefused
      ? `request ${firstRefused.n} of ${total} (to ${firstRefused.by}) was the first refused; each instance alone saw only ${total / 2}`
      : "nothing was refused",
  );
  await deleteKeys(redis, `${redisPrefix}rl:publicApi*`);
}

async function cleanUp(pool: pg.Pool, redis: TRedis, userId: string | null) {
  if (!userId) return;
  await pool.query("DELETE FROM event_view_counts WHERE event_id IN (SELECT id FROM events WHERE creator_id = $1)", [userId]).catch(() => {});
  await pool.query("DELETE FROM events WHERE creator_id = $1", [userId]);
  await pool.query("DELETE FROM api_keys WHERE user_id = $1", [userId]);
  await pool.query("DELETE FROM users WHERE id = $1", [userId]);
  await invalidatePublicCaches(redis);
  await deleteKeys(redis, `${redisPrefix}rl:sign*`);
}

async function main() {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("No production build in .next (no BUILD_ID). Build first, holding the lock:\n  flock /tmp/zenbali-e2e.lock npm run build");
    process.exit(1);
  }
  console.log(`Two instances on ports ${ports.join(" and ")}, database ${databaseUrl.replace(/\/\/[^@]*@/, "//")}, Redis ${redisUrl} (prefix ${redisPrefix})`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const redis = new Redis(redisUrl);
  await prepareDatabase(pool);

  const instances: TInstance[] = [];
  let userId: string | null = null;
  try {
    instances.push(await startInstance("A", itemAt(ports, 0)), await startInstance("B", itemAt(ports, 1)));
    const [a, b] = instances as [TInstance, TInstance];
    await Promise.all(instances.map((instance) => waitHealthy(instance)));
    console.log(`  A: ${a.url}  B: ${b.url}  (both /api/health 200)`);

    await demoPageCache(a, b, redis);
    const account = await demoChange(a, b, pool);
    userId = account.userId;
    await demoSessions(a, b, account);
    await demoRateLimit(a, b, redis);
  } catch (error) {
    report("demonstration", false, error instanceof Error ? error.message : String(error));
  } finally {
    await cleanUp(pool, redis, userId).catch((error: unknown) => console.error("clean-up failed:", error));
  }

  const failed = checks.filter((check) => !check.ok);
  console.log(
    `\n${checks.length - failed.length} of ${checks.length} checks passed${failed.length ? `; failed: ${failed.map((check) => check.what).join(", ")}` : ""}.`,
  );

  const [instanceA, instanceB] = instances;
  if (options.keep && instanceA && instanceB) {
    console.log(`\nBoth instances keep running: A ${instanceA.url}, B ${instanceB.url}. Ctrl-C stops them.`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
      for (const instance of instances) instance.process.once("exit", (code) => console.log(`${instance.name} exited (${code})`));
    });
  }
  await Promise.all(instances.map(stopInstance));
  await redis.quit();
  await pool.end();
  process.exit(failed.length ? 1 : 0);
}

await main();
