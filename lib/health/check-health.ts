import "server-only";
import { db } from "@/lib/db";
import { pingRedis } from "@/lib/redis";

export type TDependencyHealth = { status: "up" | "down" | "none"; latencyMs?: number; error?: string };
export type THealth = { status: "ok" | "unavailable"; database: TDependencyHealth; redis: TDependencyHealth; checkedAt: string };

async function pingDatabase(timeoutMs = 2_000): Promise<TDependencyHealth> {
  const started = performance.now();
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { status: "up", latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { status: "down", error: error instanceof Error ? (error.message.split("\n")[0] ?? "unreachable") : "unreachable" };
  }
}

/** PostgreSQL and Redis, checked in parallel. "none" means no Redis is configured (demo mode), which is not a failure. */
export async function checkHealth(): Promise<THealth> {
  const [database, redis] = await Promise.all([pingDatabase(), pingRedis()]);
  const status = database.status === "down" || redis.status === "down" ? "unavailable" : "ok";
  return { status, database, redis, checkedAt: new Date().toISOString() };
}
