/**
 * Once per integration run: check the services, rebuild the test database
 * from the migrations, seed the reference data (no demo events), and clear
 * the test key prefix in Redis.
 */
import { Redis } from "ioredis";
import { preflight } from "../../scripts/test/preflight";
import { runMigrations } from "../../scripts/db/migrate";
import { seedDatabase } from "../../scripts/db/seed-database";
import { TEST_DATABASE_URL, TEST_REDIS_PREFIX, TEST_REDIS_URL } from "./test-config";

export async function clearRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const client = new Redis(redisUrl);
  for await (const keys of client.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
    if (keys.length) await client.del(...keys);
  }
  await client.quit();
}

export default async function setup() {
  const problems = await preflight();
  if (problems.length) throw new Error(`The integration tests need PostgreSQL and Redis.\n\n${problems.join("\n\n")}`);
  await runMigrations({ databaseUrl: TEST_DATABASE_URL, mode: "reset", log: () => {} });
  await clearRedisPrefix(TEST_REDIS_URL, TEST_REDIS_PREFIX);
  await seedDatabase({ DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: TEST_REDIS_PREFIX, SEED_DEMO: "0", NODE_ENV: "test" });
}
