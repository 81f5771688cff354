import "server-only";
import { db } from "@/lib/db";
import { pingRedis } from "@/lib/redis";
import { healthStatus, type TDependencyHealth, type THealth } from "./readiness";

export type { TDependencyHealth, THealth, THealthStatus } from "./readiness";

async function pingDatabase(timeoutMs = 2_000): Promise<TDependencyHealth> {
  const started = performance.now();
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { status: "up", latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { status: "down", error: firstLine(error) };
  }
}

/** The first non-empty line of an error's message (Prisma's start with a blank line), for the log and the admin page. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return (
    (message
      .split("\n")
      .map((line) => line.trim())
      .find(Boolean) ?? "unreachable") + cause
  );
}

/**
 * PostgreSQL and Redis, checked in parallel, with the reasons (for the admin
 * System page; /api/health sends no reasons, see check-readiness.ts). "none"
 * means no Redis is configured (demo mode), which is not a failure.
 */
export async function checkHealth(): Promise<THealth> {
  const [database, redis] = await Promise.all([pingDatabase(), pingRedis()]);
  return { status: healthStatus(database, redis), database, redis, checkedAt: new Date().toISOString() };
}
