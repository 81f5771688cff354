/**
 * Is this error "PostgreSQL cannot be reached right now" (restarting, down,
 * out of connections), as opposed to a bug or bad input? Such errors become a
 * 503 with Retry-After (or the "temporarily unavailable" answer of a form),
 * never a 500: nothing is wrong with the request, it can simply be retried.
 *
 * Prisma 7 with a driver adapter wraps the pg error several layers deep
 * (error.meta.driverAdapterError.cause …), and the shape differs between a
 * refused connection (kind "DatabaseNotReachable") and a connection PostgreSQL
 * closes during a restart (SQLSTATE 57P01 / 57P03). So the check walks the
 * error and its causes and looks for any of these markers.
 */

/** SQLSTATE codes: connection exceptions (class 08), shutdown/startup (57P01–57P03), too many connections. */
const UNAVAILABLE_SQLSTATE = /^(08\d{3}|57P0[1-3]|53300)$/;
/** Prisma's own codes for "cannot reach / lost the database" and a pool timeout. */
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Node socket errors and the driver adapter's error kinds. */
const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed"]);
/** PostgreSQL's, pg's and Prisma's messages for the same (any one of them matches, case-insensitively). */
const UNAVAILABLE_MESSAGE = new RegExp(
  [
    String.raw`\b(57P0[1-3])\b`,
    "terminating connection due to administrator command",
    "the database system is (shutting down|starting up|in recovery mode)",
    "Connection terminated",
    "Can't reach database server",
    "connect ECONNREFUSED",
    "timeout exceeded when trying to connect",
  ].join("|"),
  "i",
);

function markers(value: unknown, depth: number, seen: Set<unknown>): boolean {
  if (depth > 6 || value === null || typeof value !== "object" || seen.has(value)) return false;
  seen.add(value);
  const record = value as Record<string, unknown>;
  for (const field of ["code", "originalCode"]) {
    const code = record[field];
    if (typeof code === "string" && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_CODES.has(code))) return true;
  }
  if (typeof record.kind === "string" && UNAVAILABLE_KINDS.has(record.kind)) return true;
  if (typeof record.message === "string" && UNAVAILABLE_MESSAGE.test(record.message)) return true;
  return ["cause", "meta", "driverAdapterError", "errors"].some((field) => {
    const next = record[field];
    return Array.isArray(next) ? next.some((item) => markers(item, depth + 1, seen)) : markers(next, depth + 1, seen);
  });
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return markers(error, 0, new Set());
}

/** Seconds a client should wait before retrying while the database is away (a restart takes a few seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
export const DATABASE_UNAVAILABLE_MESSAGE = "The site is briefly unavailable. Please try again in a few seconds.";
