import "server-only";
import Stripe from "stripe";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type { Stripe };

/** The Stripe API as the SDK reaches it: api.stripe.com, or STRIPE_API_BASE (tests point it at a local fake). */
export function stripeApiConfig(apiBase: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!apiBase) return {};
  const url = new URL(apiBase);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

let cached: { key: string; client: Stripe } | undefined;

/**
 * The Stripe client for this deployment, created on first use (importing this
 * module never needs a key). Throws SERVICE_UNAVAILABLE when no
 * STRIPE_SECRET_KEY is configured.
 */
export function getStripe(): Stripe {
  const env = getEnv();
  if (!env.STRIPE_SECRET_KEY) throw new AppError("SERVICE_UNAVAILABLE", "Payments are not configured on this server.");
  const cacheKey = `${env.STRIPE_SECRET_KEY}|${env.STRIPE_API_BASE ?? ""}`;
  if (cached?.key !== cacheKey) {
    cached = {
      key: cacheKey,
      client: new Stripe(env.STRIPE_SECRET_KEY, {
        ...stripeApiConfig(env.STRIPE_API_BASE),
        maxNetworkRetries: 2,
        timeout: 20_000,
        telemetry: false,
        appInfo: { name: "Zen Bali" },
      }),
    };
  }
  return cached.client;
}

/** For tests that change the Stripe settings between cases. */
export function resetStripeForTests(): void {
  cached = undefined;
}

/** True for the SDK's own errors (network trouble, Stripe answering 4xx/5xx). */
export function isStripeError(error: unknown): error is Stripe.errors.StripeError {
  return error instanceof Stripe.errors.StripeError;
}
