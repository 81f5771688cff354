import { Redis as IORedis } from "ioredis";

/**
 * BullMQ's own ioredis connections, never the app's `@upstash/redis` requester
 * (BullMQ blocks connections with BZPOPMIN and runs its Lua scripts).
 *
 * - "worker": `maxRetriesPerRequest: null` (required by BullMQ for blocking
 *   commands), reconnects for ever: a worker waits out a Redis outage.
 * - "producer" (the web app adding jobs, the admin reading counts): fails fast
 *   instead of queueing commands while Redis is away, so the caller can fall
 *   back to running the job in process.
 */
export type TConnectionRole = "worker" | "producer";

export function createBullConnection(url: string, role: TConnectionRole): IORedis {
  const connection =
    role === "worker"
      ? new IORedis(url, {
          maxRetriesPerRequest: null,
          connectionName: "zenbali-worker",
          retryStrategy: (times) => Math.min(250 * 2 ** Math.min(times, 5), 5_000),
        })
      : new IORedis(url, {
          lazyConnect: true,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2_000,
          commandTimeout: 3_000,
          connectionName: "zenbali-producer",
          retryStrategy: (times) => Math.min(200 * times, 2_000),
        });
  // Without a listener ioredis prints every reconnect failure; the owners log what matters (throttled).
  connection.on("error", () => {});
  return connection;
}

/** Logs a repeated error at most once per `everyMs` per message (a Redis outage must not flood the log). */
export function throttledLogger(prefix: string, everyMs = 60_000, log: (message: string) => void = (message) => console.warn(message)) {
  const lastLogged = new Map<string, number>();
  return (error: unknown) => {
    const message = error instanceof Error ? error.message || error.name : String(error);
    const now = Date.now();
    if ((lastLogged.get(message) ?? 0) > now - everyMs) return;
    if (lastLogged.size > 100) lastLogged.clear();
    lastLogged.set(message, now);
    log(`${prefix}: ${message}`);
  };
}
