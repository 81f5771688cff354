/**
 * Payment settings, validated at start-up with lib/env's schema:
 * PAYMENT_PROVIDER defaults from the presence of a Stripe key, and
 * production with Stripe needs both keys.
 */
import { describe, expect, it } from "vitest";
import { formatEnvError, ZEnv } from "@/lib/env";
import { stripeApiConfig } from "@/lib/payments/stripe-client";

const base = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/zenbali_test", NODE_ENV: "test" };
const production = { ...base, NODE_ENV: "production", AUTH_SECRET: "x".repeat(40), REDIS_URL: "redis://127.0.0.1:6379" };
const keys = { STRIPE_SECRET_KEY: "sk_test_abc123", STRIPE_WEBHOOK_SECRET: "whsec_abc123" };

function problems(env: Record<string, string>): string {
  const parsed = ZEnv.safeParse(env);
  return parsed.success ? "" : formatEnvError(parsed.error);
}

describe("PAYMENT_PROVIDER", () => {
  it('is "none" without a Stripe key and "stripe" with one, unless set', () => {
    expect(ZEnv.parse(base).PAYMENT_PROVIDER).toBe("none");
    expect(ZEnv.parse({ ...base, PAYMENT_PROVIDER: "" }).PAYMENT_PROVIDER).toBe("none");
    expect(ZEnv.parse({ ...base, ...keys }).PAYMENT_PROVIDER).toBe("stripe");
    expect(ZEnv.parse({ ...base, ...keys, PAYMENT_PROVIDER: "none" }).PAYMENT_PROVIDER).toBe("none");
    expect(ZEnv.parse({ ...base, ...keys, PAYMENT_PROVIDER: "stripe" }).PAYMENT_PROVIDER).toBe("stripe");
  });

  it("names what is wrong", () => {
    expect(problems({ ...base, PAYMENT_PROVIDER: "paypal" })).toContain('PAYMENT_PROVIDER: PAYMENT_PROVIDER must be "stripe" or "none"');
    expect(problems({ ...base, PAYMENT_PROVIDER: "stripe" })).toContain("STRIPE_SECRET_KEY: PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY");
    expect(problems({ ...base, STRIPE_SECRET_KEY: "pk_test_publishable" })).toContain("STRIPE_SECRET_KEY: STRIPE_SECRET_KEY must be a Stripe secret key");
    expect(problems({ ...base, ...keys, STRIPE_WEBHOOK_SECRET: "secret" })).toContain(
      "STRIPE_WEBHOOK_SECRET: STRIPE_WEBHOOK_SECRET must be the endpoint's signing secret",
    );
    expect(problems({ ...base, ...keys, STRIPE_API_BASE: "localhost:12111" })).toContain("STRIPE_API_BASE");
    expect(problems({ ...base, ...keys, STRIPE_API_BASE: "ftp://127.0.0.1:12111" })).toContain("STRIPE_API_BASE must start with http:// or https://");
  });

  it("production with Stripe needs both keys; without Stripe it needs neither", () => {
    expect(problems(production)).toBe("");
    expect(ZEnv.parse(production).PAYMENT_PROVIDER).toBe("none");
    expect(problems({ ...production, ...keys })).toBe("");
    expect(problems({ ...production, STRIPE_SECRET_KEY: keys.STRIPE_SECRET_KEY })).toContain(
      "STRIPE_WEBHOOK_SECRET: PAYMENT_PROVIDER=stripe in production needs STRIPE_WEBHOOK_SECRET",
    );
    expect(problems({ ...production, PAYMENT_PROVIDER: "stripe", STRIPE_WEBHOOK_SECRET: keys.STRIPE_WEBHOOK_SECRET })).toContain("STRIPE_SECRET_KEY");
    // Outside production the webhook secret may be missing (the webhook then answers 400 to everything).
    expect(problems({ ...base, STRIPE_SECRET_KEY: keys.STRIPE_SECRET_KEY })).toBe("");
  });
});

describe("STRIPE_API_BASE", () => {
  it("points the SDK at another host, port and protocol; unset, the SDK's defaults stay", () => {
    expect(stripeApiConfig(undefined)).toEqual({});
    expect(stripeApiConfig("http://127.0.0.1:12111")).toEqual({ host: "127.0.0.1", port: "12111", protocol: "http" });
    expect(stripeApiConfig("https://stripe-proxy.internal")).toEqual({ host: "stripe-proxy.internal", port: 443, protocol: "https" });
  });
});
