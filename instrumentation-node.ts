import { getEnv } from "./lib/env";

try {
  const env = getEnv();
  if (env.DEMO_MODE) console.log("Demo mode: embedded PostgreSQL, no Redis (in-process caches, limits and counters).");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

// The state Redis must not evict keys (sessions, tokens, limits, the queue): warn, in the background, never stop start-up.
void import("./lib/redis/eviction-policy").then(({ warnIfStateRedisEvicts }) => warnIfStateRedisEvicts()).catch(() => {});
