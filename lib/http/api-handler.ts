import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { checkRateLimit } from "@/lib/redis/rate-limit";
import { getClientIp } from "./client-ip";
import { errorToResponse } from "./respond";

type THandler<TContext> = (request: NextRequest, context: TContext) => Promise<Response>;

/**
 * Wraps a public API route: rate limit per IP (429 with Retry-After), then the
 * handler, with every thrown error mapped to the JSON error shape.
 */
export function publicApi<TContext>(handler: THandler<TContext>): THandler<TContext> {
  return async (request, context) => {
    try {
      const limit = await checkRateLimit("publicApi", getClientIp(request.headers));
      if (!limit.success) {
        throw new AppError("RATE_LIMITED", `Too many requests. Please wait ${limit.retryAfterSeconds} seconds and try again.`, {
          retryAfterSeconds: limit.retryAfterSeconds,
        });
      }
      const response = await handler(request, context);
      response.headers.set("X-RateLimit-Limit", String(limit.limit));
      response.headers.set("X-RateLimit-Remaining", String(Math.max(0, limit.remaining)));
      return response;
    } catch (error) {
      return errorToResponse(error);
    }
  };
}
