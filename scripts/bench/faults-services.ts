/**
 * The throwaway services of `npm run bench:faults` (scripts/bench/faults.ts):
 * its own Redis and its own PostgreSQL cluster in a temporary folder, on free
 * ports of 127.0.0.1, so that killing and restarting them never touches the
 * developer's own services; and the app's production server and worker
 * pointed at them. Everything started here is registered in a `Resources`
 * stack and stopped by `releaseAll()` (also on failure and Ctrl-C).
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chown, mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { Redis } from "ioredis";
import { itemAt } from "./checked";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with `promise`, or rejects after `ms` with a message naming `what`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms / 1000} s`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ─── Clean-up ────────────────────────────────────────────────────────────────

/** What was started, stopped in reverse order. Each stop gets at most 20 s; one failing does not keep the others running. */
export class Resources {
  private readonly stack: { name: string; stop: () => unknown }[] = [];
  private releasing: Promise<void> | null = null;

  /** True once the clean-up has begun: nothing may be started any more. */
  get closing(): boolean {
    return this.releasing !== null;
  }

  /** Registers how to stop something; if the clean-up has already begun, stops it at once. */
  add(name: string, stop: () => unknown): void {
    if (this.closing) {
      void Promise.resolve()
        .then(stop)
        .catch(() => {});
      return;
    }
    this.stack.push({ name, stop });
  }

  releaseAll(): Promise<void> {
    this.releasing ??= (async () => {
      for (let entry = this.stack.pop(); entry; entry = this.stack.pop()) {
        const { name, stop } = entry;
        await within(Promise.resolve().then(stop), 20_000, `stopping ${name}`).catch((error: unknown) =>
          console.error(`  clean-up: ${name}: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    })();
    return this.releasing;
  }
}

// ─── Ports and processes ─────────────────────────────────────────────────────

/** A TCP port nothing listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type TLogLine = { at: number; line: string };

/** A child process whose output is kept line by line with the time it arrived. */
export type TChild = {
  name: string;
  process: ChildProcess;
  lines: TLogLine[];
  output: () => string;
  exited: Promise<void>;
  stop: (graceMs?: number) => Promise<void>;
};

export function startChild(name: string, command: string, args: string[], options: SpawnOptions): TChild {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  const lines: TLogLine[] = [];
  let partial = "";
  const take = (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    // Bounded: a server that logs in a loop must not fill this process's memory.
    for (const line of parts) if (lines.length < 50_000) lines.push({ at: Date.now(), line });
  };
  child.stdout.on("data", take);
  child.stderr.on("data", take);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("error", (error) => lines.push({ at: Date.now(), line: `[${name} could not start: ${error.message}]` }));
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { name, process: child, lines, output: () => lines.map((entry) => entry.line).join("\n") + (partial ? `\n${partial}` : ""), exited, stop };
}

/** Runs a command to its end (bounded); rejects with its output when it fails. */
export function run(command: string, args: string[], options: SpawnOptions = {}, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(" ")} ${signal ? `was killed (${signal})` : `exited with ${code}`}:\n${output.trim()}`));
    });
  });
}

// ─── Redis ───────────────────────────────────────────────────────────────────

export type TOwnRedis = {
  url: string;
  port: number;
  version: string;
  /** SIGKILL: no shutdown, no final fsync — what a crash or an OOM kill does. */
  kill: () => Promise<void>;
  /** A new redis-server on the same port and data folder: it loads the append-only file. */
  start: () => Promise<void>;
  /** Milliseconds until it answers PING (bounded). */
  waitReady: (timeoutMs?: number) => Promise<number>;
  isRunning: () => boolean;
};

/** Opens a client, runs `work`, closes it. No reconnection: a Redis that is down fails fast. */
export async function withRedisClient<T>(url: string, work: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2_000, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  client.on("error", () => {});
  try {
    await within(client.connect(), 3_000, `connecting to ${url}`);
    return await within(work(client), 10_000, `Redis at ${url}`);
  } finally {
    await client.quit().catch(() => client.disconnect());
  }
}

/**
 * Its own redis-server, configured like the production state Redis: the
 * append-only file fsynced every second, no eviction. The data folder is
 * `dir`; the server runs in the foreground as our child, so SIGKILL is one call.
 */
export async function startOwnRedis({ dir, resources, appendOnly = true }: { dir: string; resources: Resources; appendOnly?: boolean }): Promise<TOwnRedis> {
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--appendonly",
    appendOnly ? "yes" : "no",
    "--appendfsync",
    "everysec",
    "--maxmemory-policy",
    "noeviction",
    "--save",
    "",
    "--daemonize",
    "no",
    "--logfile",
    path.join(dir, "redis.log"),
  ];
  let child: TChild | null = null;
  const redis: TOwnRedis = {
    url,
    port,
    version: "",
    isRunning: () => child !== null && child.process.exitCode === null && child.process.signalCode === null,
    start: () => {
      if (redis.isRunning()) return Promise.reject(new Error("Redis is already running"));
      if (resources.closing) return Promise.reject(new Error("stopping: Redis is not started again"));
      child = startChild("redis-server", "redis-server", args, {});
      return Promise.resolve();
    },
    kill: async () => {
      if (!child || !redis.isRunning()) return;
      child.process.kill("SIGKILL");
      await child.exited;
    },
    waitReady: async (timeoutMs = 15_000) => {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        if (child && child.process.exitCode !== null) throw new Error(`redis-server exited with ${child.process.exitCode}:\n${child.output()}`);
        const pong = await withRedisClient(url, (client) => client.ping()).catch(() => null);
        if (pong === "PONG") return Date.now() - started;
        await sleep(100);
      }
      throw new Error(`Redis on port ${port} did not answer PING within ${timeoutMs / 1000} s`);
    },
  };
  resources.add(`Redis on port ${port}`, () => child?.stop(5_000));
  await redis.start();
  await redis.waitReady();
  const info = await withRedisClient(url, (client) => client.info("server"));
  redis.version = /redis_version:(\S+)/.exec(info)?.[1] ?? "unknown";
  return redis;
}

// ─── PostgreSQL ──────────────────────────────────────────────────────────────

export type TOwnPostgres = {
  port: number;
  version: string;
  /** postgresql://postgres@127.0.0.1:<port>/<database> */
  urlFor: (database: string) => string;
  /** `pg_ctl restart -m fast`: open connections are dropped, the server is back when it resolves. */
  restart: () => Promise<number>;
};

/** The newest /usr/lib/postgresql/<version>/bin that has initdb (PG_BIN overrides). */
export function findPostgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((name) => /^\d+(\.\d+)?$/.test(name) && existsSync(path.join(base, name, "bin", "initdb"))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions.length)
    throw new Error(
      `No PostgreSQL server binaries under ${base}/<version>/bin (initdb, pg_ctl). Install postgresql, or set PG_BIN to the folder that has them.`,
    );
  return path.join(base, itemAt(versions, 0), "bin");
}

/** initdb refuses to run as root: run PostgreSQL's tools as the "postgres" system user then. */
function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const entry = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((line) => line.startsWith("postgres:"));
  if (!entry) throw new Error('Running as root, and there is no "postgres" user to run initdb and pg_ctl as. Run bench:faults as an ordinary user.');
  const [, , uid, gid] = entry.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** A throwaway cluster: initdb into `dir`, started on a free port, stopped (immediately) and left for deletion at the end. */
export async function startOwnPostgres({ dir, resources }: { dir: string; resources: Resources }): Promise<TOwnPostgres> {
  const bin = findPostgresBin();
  const user = postgresUser();
  await mkdir(dir, { recursive: true });
  if (user) await chown(dir, user.uid, user.gid);
  const data = path.join(dir, "data");
  const port = await freePort();
  const as: SpawnOptions = user ? { uid: user.uid, gid: user.gid, cwd: dir, env: { ...process.env, HOME: dir } } : { cwd: dir };
  await run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], as, 120_000);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60 -c shared_buffers=64MB`;
  const pgCtl = (...args: string[]) => run(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "postgres.log"), "-w", "-t", "60", ...args], as, 90_000);
  await pgCtl("-o", options, "start");
  let restarting: Promise<unknown> = Promise.resolve();
  resources.add(`PostgreSQL on port ${port}`, async () => {
    await restarting.catch(() => {}); // a restart under way would start it again after the stop
    await pgCtl("-m", "immediate", "stop").catch(() => {});
  });
  const version = (await run(path.join(bin, "postgres"), ["--version"], as)).trim().replace(/^postgres \(PostgreSQL\)\s*/, "");
  return {
    port,
    version,
    urlFor: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    restart: async () => {
      if (resources.closing) throw new Error("stopping: PostgreSQL is not restarted");
      const started = Date.now();
      restarting = pgCtl("-m", "fast", "restart");
      await restarting;
      return Date.now() - started;
    },
  };
}

// ─── The app ─────────────────────────────────────────────────────────────────

/** Waits until `url` answers 200 (bounded), or the process exits. */
export async function waitForHttp(child: TChild, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited with ${child.process.exitCode}:\n${child.output().slice(-4_000)}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(3_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await sleep(300);
  }
  throw new Error(`${child.name} did not answer ${url} with 200 within ${timeoutMs / 1000} s:\n${child.output().slice(-4_000)}`);
}

/** Waits until a line of the child's output matches (bounded). */
export async function waitForLine(child: TChild, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.lines.some((entry) => pattern.test(entry.line))) return;
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited with ${child.process.exitCode}:\n${child.output().slice(-4_000)}`);
    await sleep(200);
  }
  throw new Error(`${child.name} did not print ${pattern} within ${timeoutMs / 1000} s:\n${child.output().slice(-4_000)}`);
}
