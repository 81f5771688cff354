/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite (the demo's embedded PostgreSQL) loads its own WASM files at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "sharp", "bullmq", "ioredis"],
  poweredByHeader: false,
  // Cover images up to 5 MB travel through server actions (default limit 1 MB).
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  reactStrictMode: true,
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
