// No "server-only": server.mjs loads this module outside Next's bundle.
import { COVER_IMAGE_MAX_BYTES } from "@/lib/images/cover-image-rules";

const KB = 1024;
const MB = 1024 * KB;

/**
 * How many bytes a request body may have, by kind of request. server.mjs
 * refuses anything bigger with 413 before Next reads a byte of it
 * (lib/http/body-limit.ts). Every cap sits well above what the app itself
 * sends: a cap that refused a real form would lose someone's input.
 */
export const BODY_LIMITS = {
  /** Stripe's webhook: events are a few KB; the route itself refuses more than 256 KB as unverifiable. */
  stripeWebhook: { bytes: 1 * MB, label: "1 MB" },
  /** Auth.js endpoints (credentials sign-in, sign-out, CSRF): a few fields. */
  auth: { bytes: 64 * KB, label: "64 KB" },
  /** The JSON API (POST /api/v1/events, admin reference data). */
  jsonApi: { bytes: 256 * KB, label: "256 KB" },
  /** The event form with its cover image: the image limit plus 1 MB for the other fields and the multipart framing. */
  upload: { bytes: COVER_IMAGE_MAX_BYTES + 1 * MB, label: `${COVER_IMAGE_MAX_BYTES / MB + 1} MB` },
  /** Everything else: forms without files (urlencoded posts, server actions), and bodies nobody expects. */
  form: { bytes: 64 * KB, label: "64 KB" },
} as const satisfies Record<string, { bytes: number; label: string }>;

export type TBodyLimitName = keyof typeof BODY_LIMITS;
export type TBodyLimit = { name: TBodyLimitName; bytes: number; label: string };

/** Pages whose form carries a cover image (components/event-form.tsx): its server action posts multipart/form-data with the file. */
const UPLOAD_PAGES = [/^\/dashboard\/events\/new$/, /^\/dashboard\/events\/[^/]+\/edit$/, /^\/admin\/events\/[^/]+\/edit$/];

type TRequestLike = { url?: string; headers: Record<string, string | string[] | undefined> };

function headerValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** The cap for this request's body, from its path and content type. */
export function bodyLimitFor(request: TRequestLike): TBodyLimit {
  const pathname = (request.url ?? "/").split("?")[0] ?? "/";
  const contentType = headerValue(request.headers["content-type"]).toLowerCase();
  const pick = (name: TBodyLimitName): TBodyLimit => ({ name, ...BODY_LIMITS[name] });
  if (pathname === "/api/webhooks/stripe") return pick("stripeWebhook");
  if (pathname.startsWith("/api/auth/")) return pick("auth");
  if (pathname.startsWith("/api/")) return pick("jsonApi");
  if (contentType.startsWith("multipart/form-data") && UPLOAD_PAGES.some((pattern) => pattern.test(pathname))) return pick("upload");
  return pick("form");
}
