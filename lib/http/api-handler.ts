import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { checkRateLimit, rateLimitHeaders } from "@/lib/redis/rate-limit";
import { getClientIp } from "./client-ip";
import { errorToResponse } from "./respond";

type THandler<TContext> = (request: NextRequest, context: TContext) => Promise<Response>;

/**
 * Wraps a public API route: rate limit per IP (429 with Retry-After), then the
 * handler, with every thrown error mapped to the JSON error shape. Every
 * answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.
 */
export function publicApi<TContext>(handler: THandler<TContext>): THandler<TContext> {
  return async (request, context) => {
    try {
      const limit = await checkRateLimit("publicApi", getClientIp(request.headers));
      const response = limit.success
        ? await handler(request, context)
        : errorToResponse(
            new AppError("RATE_LIMITED", `Too many requests. Please wait ${limit.retryAfterSeconds} seconds and try again.`, {
              retryAfterSeconds: limit.retryAfterSeconds,
            }),
          );
      // One header style everywhere: IETF RateLimit-* (and Retry-After on a 429), as the API-key routes send them.
      for (const [name, value] of Object.entries(rateLimitHeaders(limit))) response.headers.set(name, value);
      return response;
    } catch (error) {
      return errorToResponse(error);
    }
  };
}
