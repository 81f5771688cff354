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
