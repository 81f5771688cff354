import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { getClientIp } from "./client-ip";
import { errorToResponse, jsonError } from "./respond";
import { checkRateLimit, rateLimitHeaders } from "@/lib/redis/rate-limit";
import { authenticateApiKey, type TApiKeyPrincipal } from "@/lib/api-keys/authenticate-api-key";
import type { TApiKeyScope } from "@/lib/api-keys/scopes";

type TApiKeyContext = { principal: TApiKeyPrincipal; ip: string };
type THandler = (request: NextRequest, context: TApiKeyContext) => Promise<Response>;

/** Failed authentications count per IP under the public API policy (so guessing keys is slow too). */
const FAILED_AUTH_IDENTIFIER = "api-key-failure:";

function authenticateHeader(error: AppError, scope: TApiKeyScope, hadCredentials: boolean): string {
  if (error.code === "FORBIDDEN") return `Bearer error="insufficient_scope", scope="${scope}"`;
  return hadCredentials ? 'Bearer error="invalid_token"' : "Bearer";
}

/**
 * Wraps an /api/v1 route that needs an API key with `scope`:
 * 401 (with WWW-Authenticate: Bearer) for a missing, unknown or revoked key
 * (counted per IP, with that limit's RateLimit-* headers),
 * 403 without the scope, 429 with Retry-After over the per-key limit
 * (policy `apiKey`; every authenticated request counts, valid or not), then the
 * handler, with every thrown error mapped to the JSON error shape.
 */
export function withApiKey(scope: TApiKeyScope, handler: THandler): (request: NextRequest) => Promise<Response> {
  return async (request) => {
    const ip = getClientIp(request.headers);
    const authorization = request.headers.get("authorization");
    let principal: TApiKeyPrincipal;
    try {
      principal = await authenticateApiKey({ authorization, scope });
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== "UNAUTHORIZED" && error.code !== "FORBIDDEN")) return errorToResponse(error);
      let failureHeaders: Record<string, string> = {};
      if (error.code === "UNAUTHORIZED") {
        const failures = await checkRateLimit("publicApi", FAILED_AUTH_IDENTIFIER + ip);
        failureHeaders = rateLimitHeaders(failures);
        if (!failures.success) {
          const limited = new AppError(
            "RATE_LIMITED",
            `Too many requests with a missing or invalid API key. Please wait ${failures.retryAfterSeconds} seconds.`,
            { retryAfterSeconds: failures.retryAfterSeconds },
          );
          return jsonError(limited, { headers: failureHeaders });
        }
      }
      return jsonError(error, { headers: { ...failureHeaders, "WWW-Authenticate": authenticateHeader(error, scope, Boolean(authorization?.trim())) } });
    }

    const limit = await checkRateLimit("apiKey", principal.keyId);
    const limitHeaders = rateLimitHeaders(limit);
    if (!limit.success) {
      const error = new AppError("RATE_LIMITED", `Too many requests with this API key. Please wait ${limit.retryAfterSeconds} seconds and try again.`, {
        retryAfterSeconds: limit.retryAfterSeconds,
      });
      return jsonError(error, { headers: limitHeaders });
    }
    let response: Response;
    try {
      response = await handler(request, { principal, ip });
    } catch (error) {
      response = errorToResponse(error);
    }
    for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
    return response;
  };
}
