/**
 * PostgreSQL away (restarting, refusing connections) is "try again in a few
 * seconds" — a 503 with Retry-After in the JSON error shape — never a 500.
 * Found by `npm run bench:faults`: /api/events answered 500 with SQLSTATE 57P01
 * while PostgreSQL restarted. The errors here are real ones, made by a real
 * PostgreSQL: a refused connection and a connection terminated mid-query.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { db, disconnectDb, PrismaClient } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { resetEnvForTests } from "@/lib/env";
import { errorToResponse } from "@/lib/http/respond";
import { TEST_DATABASE_URL } from "../support/test-config";

afterAll(async () => {
  await disconnectDb();
});

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the query to fail");
}

describe("a database that cannot be reached", () => {
  it("is recognised when the connection is refused, and answered 503 with Retry-After", async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.port = "1"; // nothing listens there
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), connectionTimeoutMillis: 2_000 }) });
    const error = await caught(() => client.$queryRaw`SELECT 1`);
    await client.$disconnect();
    expect(isDatabaseUnavailable(error)).toBe(true);

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error500 = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorToResponse(error);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("service_unavailable");
    expect(body.error.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|prisma/i); // no raw error text
    expect(error500).not.toHaveBeenCalled();
    warn.mockRestore();
    error500.mockRestore();
  });

  it("is recognised when PostgreSQL terminates the connection mid-query (a restart: SQLSTATE 57P01)", async () => {
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: TEST_DATABASE_URL, max: 1 }) });
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const rows = await client.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      const pid = rows[0]!.pid;
      const sleeping = caught(() => client.$queryRaw`SELECT pg_sleep(10)`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await admin.query("SELECT pg_terminate_backend($1)", [pid]);
      const error = await sleeping;
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(errorToResponse(error).status).toBe(503);
    } finally {
      await admin.end();
      await client.$disconnect();
    }
  });

  it("is not claimed for ordinary errors: a constraint violation or a plain bug stays a 500", async () => {
    const email = `dup-${Date.now()}@example.test`;
    await db.user.create({ data: { email, name: "One", passwordHash: "x" } });
    const duplicate = await caught(() => db.user.create({ data: { email, name: "Two", passwordHash: "x" } }));
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(errorToResponse(new TypeError("boom")).status).toBe(500);
    error.mockRestore();
    await db.user.delete({ where: { email } });
  });
});

describe("signing in while PostgreSQL is away", () => {
  it("answers 'temporarily unavailable' (as during a Redis outage), not an error", async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.port = "1";
    await disconnectDb();
    process.env.DATABASE_URL = url.toString();
    resetEnvForTests();
    try {
      const result = signInWithPassword({
        email: "someone@example.test",
        password: "a long enough password",
        headers: new Headers({ "x-zenbali-client-ip": "198.51.100.77" }),
      });
      await expect(result).rejects.toMatchObject({
        code: "SERVICE_UNAVAILABLE",
        message: "Signing in is temporarily unavailable. Please try again in a minute.",
      });
    } finally {
      await disconnectDb();
      process.env.DATABASE_URL = TEST_DATABASE_URL;
      resetEnvForTests();
    }
  });
});
