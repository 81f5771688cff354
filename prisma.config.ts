import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI downloads a native schema engine on start-up, which fails
// offline. A stand-in answers `--version` so that `prisma generate` works;
// migrations run through scripts/db/migrate.ts (WASM engine). A real engine,
// where one is installed and configured, still wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("prisma/schema-engine-standin.cjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  // `env("DATABASE_URL")` throws when unset, which would break `postinstall`.
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
