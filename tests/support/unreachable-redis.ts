import { resetEnvForTests } from "@/lib/env";
import { resetRedisForTests } from "@/lib/redis";

/**
 * Runs `work` with the app's (state) Redis pointed at a port where nothing
 * listens, as during an outage, then puts the configured Redis back. The
 * "Redis: unavailable" warnings of that time are kept out of the output.
 */
export async function withUnreachableRedis<T>(work: () => Promise<T>): Promise<T> {
  const previous = process.env.REDIS_URL;
  process.env.REDIS_URL = "redis://127.0.0.1:1";
  resetEnvForTests();
  await resetRedisForTests();
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await work();
  } finally {
    console.warn = warn;
    process.env.REDIS_URL = previous;
    resetEnvForTests();
    await resetRedisForTests();
  }
}
