import { NextResponse } from "next/server";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { AppError, type TAppErrorCode } from "@/lib/errors";

/** The public JSON error shape: { error: { code, message, fields? } }. */
export type TErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const PUBLIC_CODE: Record<TAppErrorCode, string> = {
  BAD_REQUEST: "bad_request",
  INVALID_INPUT: "invalid_input",
  UNAUTHORIZED: "unauthorized",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not_found",
  CONFLICT: "conflict",
  PAYLOAD_TOO_LARGE: "payload_too_large",
  UNSUPPORTED_MEDIA_TYPE: "unsupported_media_type",
  RATE_LIMITED: "rate_limited",
  SERVICE_UNAVAILABLE: "service_unavailable",
  INTERNAL: "internal_error",
};

export function jsonError(error: AppError, init: { headers?: HeadersInit } = {}): NextResponse<TErrorBody> {
  const headers = new Headers(init.headers);
  if (error.retryAfterSeconds !== undefined) headers.set("Retry-After", String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  headers.set("Cache-Control", "no-store");
  const body: TErrorBody = { error: { code: PUBLIC_CODE[error.code], message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
  return NextResponse.json(body, { status: error.status, headers });
}

let databaseUnavailableLoggedAt = 0;

/** Once per 10 s at most: during an outage every request fails the same way. */
function logDatabaseUnavailable(error: unknown): void {
  if (Date.now() - databaseUnavailableLoggedAt < 10_000) return;
  databaseUnavailableLoggedAt = Date.now();
  const message = error instanceof Error ? error.message.trim().split("\n").at(-1)?.slice(0, 200) : String(error);
  console.warn(`Database unavailable, answering 503: ${message}`);
}

/**
 * Maps any thrown value to a response: AppErrors as they are, PostgreSQL being
 * away (a restart, an outage) as 503 with Retry-After, anything else as a
 * logged, generic 500.
 */
export function errorToResponse(error: unknown): NextResponse<TErrorBody> {
  if (error instanceof AppError) return jsonError(error);
  if (isDatabaseUnavailable(error)) {
    logDatabaseUnavailable(error);
    return jsonError(new AppError("SERVICE_UNAVAILABLE", DATABASE_UNAVAILABLE_MESSAGE, { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS }));
  }
  console.error("Unhandled error in route handler", error);
  return jsonError(new AppError("INTERNAL", "Something went wrong on our side. Please try again."));
}
