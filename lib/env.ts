import { z } from "zod";

/**
 * The one place that reads process.env. Validated once, on first use, with
 * messages that name the variable that is wrong. Secrets never have defaults.
 */
const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const booleanFlag = (fallback: boolean) =>
  z
    .preprocess(emptyToUndefined, z.enum(["true", "false", "1", "0"]).optional())
    .transform((value) => (value === undefined ? fallback : value === "true" || value === "1"));

/** PAYMENT_PROVIDER as set, or "stripe" when a Stripe secret key is set, otherwise "none". */
function resolvePaymentProvider(env: { PAYMENT_PROVIDER?: "stripe" | "none"; STRIPE_SECRET_KEY?: string }): "stripe" | "none" {
  return env.PAYMENT_PROVIDER ?? (env.STRIPE_SECRET_KEY ? "stripe" : "none");
}

export const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string({ error: "DATABASE_URL is required (postgresql://… or pglite:<folder> for the demo)" })
        .refine((value) => /^(postgres(ql)?:\/\/|pglite:)/.test(value), {
          message: "DATABASE_URL must start with postgresql:// (or pglite: for the demo)",
        }),
    ),
    REDIS_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((value) => /^rediss?:\/\//.test(value), { message: "REDIS_URL must start with redis:// or rediss://" })
        .optional(),
    ),
    /**
     * A separate Redis for the page and data caches (disposable: run it with allkeys-lru and a memory cap).
     * Default: REDIS_URL (or Upstash). Sessions, tokens, rate limits, counters and the job queue stay on REDIS_URL.
     */
    REDIS_CACHE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((value) => /^rediss?:\/\//.test(value), { message: "REDIS_CACHE_URL must start with redis:// or rediss://" })
        .optional(),
    ),
    UPSTASH_REDIS_REST_URL: z.preprocess(emptyToUndefined, z.url({ message: "UPSTASH_REDIS_REST_URL must be a URL" }).optional()),
    UPSTASH_REDIS_REST_TOKEN: optionalString,
    /** Prefix for every Redis key, so that several apps or test runs can share one Redis. */
    REDIS_KEY_PREFIX: z.preprocess(emptyToUndefined, z.string().default("zb:")),
    AUTH_SECRET: optionalString,
    APP_URL: z.preprocess(emptyToUndefined, z.url({ message: "APP_URL must be a URL such as https://zenbali.site" }).default("http://localhost:3000")),
    TRUST_PROXY: booleanFlag(false),
    ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.email({ message: "ADMIN_EMAIL must be an email address" }).optional()),
    ADMIN_PASSWORD: optionalString,
    SEED_DEMO: booleanFlag(true),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
    POSTING_FEE_CENTS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(50).max(100_000).default(300)),
    /** Set to "false" to switch the page and data caches off (benchmarks compare both). */
    CACHE_ENABLED: booleanFlag(true),
    UPLOAD_DIR: z.preprocess(emptyToUndefined, z.string().default("./data/uploads")),
    /** Where uploads are stored: "local" (UPLOAD_DIR) or "s3" (an S3-compatible bucket). Default: "s3" when S3_BUCKET is set. */
    STORAGE_DRIVER: z.preprocess(emptyToUndefined, z.enum(["local", "s3"], { message: "STORAGE_DRIVER must be local or s3" }).optional()),
    S3_BUCKET: optionalString,
    /** e.g. eu-central-1; "auto" for Cloudflare R2. Default us-east-1. */
    S3_REGION: z.preprocess(emptyToUndefined, z.string().default("us-east-1")),
    /** For S3-compatible services (MinIO, R2, …): https://s3.example.com. Unset for AWS. */
    S3_ENDPOINT: z.preprocess(emptyToUndefined, z.url({ message: "S3_ENDPOINT must be a URL such as https://s3.example.com" }).optional()),
    /** Without them the AWS SDK's default credential chain is used (instance role, AWS_* variables…). */
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    /** Public base URL of the bucket (or its CDN); images are then linked there directly. Without it they are served through /uploads. */
    S3_PUBLIC_URL: z.preprocess(emptyToUndefined, z.url({ message: "S3_PUBLIC_URL must be a URL such as https://cdn.zenbali.site/" }).optional()),
    /** Path-style requests (https://host/bucket/key), which MinIO and most self-hosted services need. */
    S3_FORCE_PATH_STYLE: booleanFlag(false),
    /** SMTP server for outgoing mail (smtp://user:pass@host:587). Without it, mail goes to the log and ./data/mail. */
    SMTP_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((value) => /^smtps?:\/\//.test(value), { message: "SMTP_URL must start with smtp:// or smtps://" })
        .optional(),
    ),
    MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default("Zen Bali <no-reply@zenbali.site>")),
    /** Where mail is written when SMTP_URL is not set (default ./data/mail). */
    MAIL_DIR: z.preprocess(emptyToUndefined, z.string().default("./data/mail")),
    /** Background jobs: "auto" (default: a queue in Redis when REDIS_URL is set, except in demo mode), "queue", or "inline" (always in the web process). */
    JOBS_MODE: z.preprocess(emptyToUndefined, z.enum(["auto", "queue", "inline"], { error: 'JOBS_MODE must be "auto", "queue" or "inline"' }).default("auto")),
    /** Set by `npm run demo`: single process, embedded PostgreSQL, no Redis. */
    DEMO_MODE: booleanFlag(false),
    /**
     * "stripe": submitting an event opens Stripe Checkout for the posting fee; "none": submitting publishes at once.
     * Default: "stripe" when STRIPE_SECRET_KEY is set, otherwise "none" (resolved below).
     */
    PAYMENT_PROVIDER: z.preprocess(emptyToUndefined, z.enum(["stripe", "none"], { error: 'PAYMENT_PROVIDER must be "stripe" or "none"' }).optional()),
    STRIPE_SECRET_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((value) => /^(sk|rk)_[A-Za-z0-9_]+$/.test(value), {
          message: "STRIPE_SECRET_KEY must be a Stripe secret key (sk_live_…, sk_test_… or a restricted rk_… key)",
        })
        .optional(),
    ),
    STRIPE_WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((value) => /^whsec_\S+$/.test(value), { message: "STRIPE_WEBHOOK_SECRET must be the endpoint's signing secret (whsec_…)" })
        .optional(),
    ),
    /** Tests only: where the Stripe SDK sends its requests (http://127.0.0.1:12111), instead of https://api.stripe.com. */
    STRIPE_API_BASE: z.preprocess(emptyToUndefined, z.url({ message: "STRIPE_API_BASE must be a URL such as http://127.0.0.1:12111" }).optional()),
  })
  .superRefine((env, ctx) => {
    if (env.UPSTASH_REDIS_REST_URL && !env.UPSTASH_REDIS_REST_TOKEN) {
      ctx.addIssue({ code: "custom", path: ["UPSTASH_REDIS_REST_TOKEN"], message: "UPSTASH_REDIS_REST_TOKEN is required with UPSTASH_REDIS_REST_URL" });
    }
    if (env.NODE_ENV === "production" && !env.DEMO_MODE) {
      if (!env.AUTH_SECRET || env.AUTH_SECRET.length < 32) {
        ctx.addIssue({
          code: "custom",
          path: ["AUTH_SECRET"],
          message: "AUTH_SECRET must be set to at least 32 random characters in production (openssl rand -base64 32)",
        });
      }
      if (!env.REDIS_URL && !env.UPSTASH_REDIS_REST_URL) {
        ctx.addIssue({
          code: "custom",
          path: ["REDIS_URL"],
          message: "production needs Redis: set REDIS_URL or UPSTASH_REDIS_REST_URL + UPSTASH_REDIS_REST_TOKEN",
        });
      }
    }
    if (env.REDIS_CACHE_URL && !env.REDIS_URL && !env.UPSTASH_REDIS_REST_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["REDIS_CACHE_URL"],
        message: "REDIS_CACHE_URL needs REDIS_URL (or Upstash) for the state: sessions, rate limits and the job queue",
      });
    }
    if (env.JOBS_MODE === "queue" && !env.REDIS_URL) {
      ctx.addIssue({ code: "custom", path: ["JOBS_MODE"], message: "JOBS_MODE=queue needs REDIS_URL (a TCP Redis; Upstash REST cannot carry the queue)" });
    }
    if ((env.ADMIN_EMAIL && !env.ADMIN_PASSWORD) || (!env.ADMIN_EMAIL && env.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: "custom", path: ["ADMIN_PASSWORD"], message: "set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither" });
    }
    if (env.STORAGE_DRIVER === "s3" && !env.S3_BUCKET) {
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "STORAGE_DRIVER=s3 needs S3_BUCKET" });
    }
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({ code: "custom", path: ["S3_SECRET_ACCESS_KEY"], message: "set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither" });
    }
    if (resolvePaymentProvider(env) === "stripe") {
      // Without a secret key no Checkout session can be created, in any environment.
      if (!env.STRIPE_SECRET_KEY) {
        ctx.addIssue({
          code: "custom",
          path: ["STRIPE_SECRET_KEY"],
          message: "PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY (or set PAYMENT_PROVIDER=none to publish without payment)",
        });
      }
      if (env.NODE_ENV === "production" && !env.STRIPE_WEBHOOK_SECRET) {
        ctx.addIssue({
          code: "custom",
          path: ["STRIPE_WEBHOOK_SECRET"],
          message: "PAYMENT_PROVIDER=stripe in production needs STRIPE_WEBHOOK_SECRET (the signing secret of the /api/webhooks/stripe endpoint)",
        });
      }
    }
    if (env.STRIPE_API_BASE && !/^https?:\/\//.test(env.STRIPE_API_BASE)) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_API_BASE"], message: "STRIPE_API_BASE must start with http:// or https://" });
    }
  })
  .transform((env) => ({ ...env, STORAGE_DRIVER: env.STORAGE_DRIVER ?? (env.S3_BUCKET ? ("s3" as const) : ("local" as const)) }))
  // PAYMENT_PROVIDER defaults to "stripe" when a Stripe secret key is set, otherwise "none".
  .transform((env) => ({ ...env, PAYMENT_PROVIDER: resolvePaymentProvider(env) }));

export type TEnv = z.output<typeof ZEnv>;

let cached: TEnv | undefined;

export function formatEnvError(error: z.ZodError): string {
  const lines = error.issues.map((issue) => `  - ${issue.path.join(".") || "(env)"}: ${issue.message}`);
  return `Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example for every setting.`;
}

/** Parses process.env once; throws an Error whose message lists every problem. */
export function getEnv(): TEnv {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) throw new Error(formatEnvError(parsed.error));
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** A secret for hashing visitor IPs and similar; stable per deployment. */
export function getHashingSecret(): string {
  const env = getEnv();
  return env.AUTH_SECRET ?? "zenbali-development-only-secret";
}
