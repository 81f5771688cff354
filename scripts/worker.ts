/**
 * `npm run worker`: runs the background jobs (mail, stats roll-up) from the
 * BullMQ queues in Redis (REDIS_URL). The web server does not need it to serve
 * pages, but mail only goes out while a worker runs. Several workers may run
 * at once (they share the queues).
 *
 *   node --conditions=react-server dist/worker.mjs [--exit-with-parent]   (npm run worker, after npm run build)
 *   node --conditions=react-server --import tsx scripts/worker.ts            (npm run worker:dev, from source)
 *
 * --conditions=react-server lets it load the app's server-only modules
 * (the stats roll-up). --exit-with-parent stops the worker when the process
 * that started it ends (the end-to-end tests start it next to the server).
 * SIGTERM / SIGINT: stops taking jobs, lets running ones finish (≤ 10 s), exits.
 */
import "./load-env";

try {
  await import("server-only");
} catch {
  console.error("The worker must run with the react-server condition: node --conditions=react-server dist/worker.mjs (npm run worker).");
  process.exit(1);
}

const { getEnv } = await import("../lib/env");
let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
if (env.DEMO_MODE || !env.REDIS_URL) {
  console.error(
    "The worker needs a TCP Redis: set REDIS_URL (redis://…). Without one (npm run demo, Upstash REST only) jobs run inside the app and no worker is needed.",
  );
  process.exit(1);
}

const { startWorkers } = await import("../lib/jobs/worker");
const { closeQueues } = await import("../lib/jobs/queues");
const { closeMailTransports } = await import("../lib/mail/deliver-mail");
const { closeRedis } = await import("../lib/redis");
const { disconnectDb } = await import("../lib/db");

// The queue lives in the state Redis, which must not evict keys: warn (never stop) if it may.
void (await import("../lib/redis/eviction-policy")).warnIfStateRedisEvicts();

const handle = await startWorkers();
console.log(
  `Zen Bali worker: queues ${[...handle.workers.keys()].join(", ")} (Redis keys ${handle.prefix}:…);` +
    ` mail ${env.SMTP_URL ? "via SMTP" : `to ${env.MAIL_DIR} and the log (no SMTP_URL)`}`,
);

let stopping = false;
async function stop(reason: string) {
  if (stopping) return;
  stopping = true;
  console.log(`Worker: ${reason}, stopping`);
  const hardStop = setTimeout(() => process.exit(1), 20_000);
  hardStop.unref();
  await handle.close();
  await Promise.allSettled([closeQueues(), closeRedis(), disconnectDb()]);
  closeMailTransports();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM received"));
process.on("SIGINT", () => void stop("SIGINT received"));

if (process.argv.includes("--exit-with-parent")) {
  const parent = process.ppid;
  setInterval(() => {
    let alive = process.ppid === parent;
    if (alive) {
      try {
        process.kill(parent, 0);
      } catch {
        alive = false;
      }
    }
    if (!alive) void stop("the parent process ended");
  }, 500).unref();
}
