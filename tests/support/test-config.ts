/**
 * Where tests run: a dedicated database and Redis key prefix, so that tests
 * never touch development data. Override with TEST_DATABASE_URL / TEST_REDIS_URL.
 */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const baseDatabaseUrl = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : "postgresql://postgres@127.0.0.1:5432/postgres";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? withDatabase(baseDatabaseUrl, "zenbali_test");
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? withDatabase(baseDatabaseUrl, "zenbali_e2e");
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const TEST_REDIS_PREFIX = process.env.TEST_REDIS_PREFIX ?? "zbtest:";
export const E2E_REDIS_PREFIX = process.env.E2E_REDIS_PREFIX ?? "zbe2e:";
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3107);
/** The e2e suite's own SMTP server (scripts/test/smtp-sink.ts). */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2597);
export const TEST_AUTH_SECRET = "test-secret-test-secret-test-secret-0123456789";
