/**
 * Seeds a database from a script or a test setup (not from the app): points
 * the app's environment at it BEFORE lib/env is first read, runs prisma/seed.ts
 * quietly, and closes the connections it opened.
 */
export async function seedDatabase(
  env: { DATABASE_URL: string; REDIS_URL: string; REDIS_KEY_PREFIX: string; SEED_DEMO: "0" | "1" } & Record<string, string | undefined>,
): Promise<void> {
  Object.assign(process.env, env);
  const { seed } = await import("../../prisma/seed");
  const { disconnectDb } = await import("../../lib/db");
  const { closeRedis } = await import("../../lib/redis");
  const log = console.log;
  console.log = () => {};
  try {
    await seed();
  } finally {
    console.log = log;
  }
  await disconnectDb();
  await closeRedis();
}
