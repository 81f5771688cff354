/**
 * Prepares the end-to-end database: rebuilt from the migrations, seeded with
 * the reference data and the demo events, and its Redis key prefix cleared.
 * Run by Playwright's webServer command before the production server starts.
 */
import { runMigrations } from "../db/migrate";
import { clearRedisPrefix } from "../../tests/support/global-setup";
import { E2E_DATABASE_URL, E2E_REDIS_PREFIX, TEST_REDIS_URL } from "../../tests/support/test-config";

await runMigrations({ databaseUrl: E2E_DATABASE_URL, mode: "reset", log: () => {} });
await clearRedisPrefix(TEST_REDIS_URL, E2E_REDIS_PREFIX);
Object.assign(process.env, {
  DATABASE_URL: E2E_DATABASE_URL,
  REDIS_URL: TEST_REDIS_URL,
  REDIS_KEY_PREFIX: E2E_REDIS_PREFIX,
  SEED_DEMO: "1",
  UPLOAD_DIR: "./data/e2e-uploads",
});
const { seed } = await import("../../prisma/seed");
const { disconnectDb } = await import("../../lib/db");
const { closeRedis } = await import("../../lib/redis");
await seed();
await disconnectDb();
await closeRedis();
process.exit(0);
