import { z } from "zod";

/**
 * The one place that reads process.env. Validated once, on first use, with
 * messages that name the variable that is wrong. Secrets never have defaults.
 */
const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const booleanFlag = (fallback: boolean) =>
  z.preprocess(emptyToUndefined, z.enum(["true", "false", "1", "0"]).optional()).transform((value) =>
    value === undefined ? fallback : value === "true" || value === "1",
  );

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
    /** SMTP server for outgoing mail (smtp://user:pass@host:587). Without it, mail goes to the log and ./data/mail. */
    SMTP_URL: z.preprocess(emptyToUndefined, z.string().refine((value) => /^smtps?:\/\//.test(value), { message: "SMTP_URL must start with smtp:// or smtps://" }).optional()),
    MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default("Zen Bali <no-reply@zenbali.site>")),
    /** Where mail is written when SMTP_URL is not set (default ./data/mail). */
    MAIL_DIR: z.preprocess(emptyToUndefined, z.string().default("./data/mail")),
    /** Set by `npm run demo`: single process, embedded PostgreSQL, no Redis. */
    DEMO_MODE: booleanFlag(false),
  })
  .superRefine((env, ctx) => {
    if (env.UPSTASH_REDIS_REST_URL && !env.UPSTASH_REDIS_REST_TOKEN) {
      ctx.addIssue({ code: "custom", path: ["UPSTASH_REDIS_REST_TOKEN"], message: "UPSTASH_REDIS_REST_TOKEN is required with UPSTASH_REDIS_REST_URL" });
    }
    if (env.NODE_ENV === "production" && !env.DEMO_MODE) {
      if (!env.AUTH_SECRET || env.AUTH_SECRET.length < 32) {
        ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "AUTH_SECRET must be set to at least 32 random characters in production (openssl rand -base64 32)" });
      }
      if (!env.REDIS_URL && !env.UPSTASH_REDIS_REST_URL) {
        ctx.addIssue({ code: "custom", path: ["REDIS_URL"], message: "production needs Redis: set REDIS_URL or UPSTASH_REDIS_REST_URL + UPSTASH_REDIS_REST_TOKEN" });
      }
    }
    if ((env.ADMIN_EMAIL && !env.ADMIN_PASSWORD) || (!env.ADMIN_EMAIL && env.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: "custom", path: ["ADMIN_PASSWORD"], message: "set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither" });
    }
  });

export type TEnv = z.infer<typeof ZEnv>;

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
