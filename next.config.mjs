import { readdirSync } from "node:fs";

// The languages other than English, one per catalogue in lib/i18n/messages (docs/decisions/013-languages-with-use-intl.md).
const otherLanguages = readdirSync(new URL("./lib/i18n/messages/", import.meta.url))
  .map((file) => /^([a-z]{2})\.json$/.exec(file)?.[1])
  .filter((code) => code && code !== "en");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite (the demo's embedded PostgreSQL) loads its own WASM files at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "sharp", "bullmq", "ioredis"],
  poweredByHeader: false,
  // Cover images up to 5 MB travel through server actions (default limit 1 MB).
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  reactStrictMode: true,
  // Metadata is never streamed: every visitor (a browser, WhatsApp's or Telegram's link preview, a crawler) gets the
  // description, Open Graph and canonical in the <head> of a page complete in one pass, which the page cache can keep
  // script-free. (Next streams metadata after the page for user agents not on its bot list by default.)
  htmlLimitedBots: /.*/,
  // /id/… and /ru/… are the English routes in another language (proxy.ts tells the page which). Admin pages stay
  // English: /id/admin is not rewritten, so it is not found.
  async rewrites() {
    const languages = otherLanguages.join("|");
    return {
      beforeFiles: [
        // A subscriber's calendar feed, /saved/<token>.ics: the app router cannot name a folder "[token].ics", so the
        // route is app/saved/[token]/calendar.ics (lib/subscriptions/subscriber-token.ts: tokens are 43 characters).
        { source: "/saved/:token([A-Za-z0-9_-]{43})\\.ics", destination: "/saved/:token/calendar.ics" },
        { source: `/:language(${languages})`, destination: "/" },
        { source: `/:language(${languages})/:path((?!admin(?:/|$)).*)`, destination: "/:path" },
      ],
    };
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
