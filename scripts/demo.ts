/**
 * `npm run demo`: the whole site with nothing installed but Node — an embedded
 * PostgreSQL (PGlite) in ./.demo, migrated and seeded, no Redis (in-process
 * caches, limits and counters), a production build, and the URL printed.
 * Data is kept in ./.demo (git-ignored), so a second run starts where the
 * first stopped. `npm run demo -- --reset` starts from scratch.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runMigrations } from "./db/migrate";

const root = path.resolve(import.meta.dirname, "..");
const demoDir = path.join(root, ".demo");
const port = Number(process.env.PORT || 3000);
const appUrl = `http://localhost:${port}`;

if (process.argv.includes("--reset")) rmSync(demoDir, { recursive: true, force: true });
mkdirSync(demoDir, { recursive: true });

// A secret of its own for this demo folder (hashes visitor ids; sessions later).
const secretFile = path.join(demoDir, "auth-secret");
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });

const demoEnv: Record<string, string> = {
  NODE_ENV: "production",
  DEMO_MODE: "true",
  DATABASE_URL: `pglite:${path.join(demoDir, "pgdata")}`,
  REDIS_URL: "",
  UPSTASH_REDIS_REST_URL: "",
  UPSTASH_REDIS_REST_TOKEN: "",
  AUTH_SECRET: readFileSync(secretFile, "utf8").trim(),
  APP_URL: appUrl,
  PORT: String(port),
  UPLOAD_DIR: path.join(demoDir, "uploads"),
  NEXT_TELEMETRY_DISABLED: "1",
};
Object.assign(process.env, demoEnv);

console.log("Zen Bali demo: preparing the embedded database in .demo/ …");
await runMigrations({ databaseUrl: demoEnv.DATABASE_URL!, mode: "deploy" });
const { seed } = await import("../prisma/seed");
const { disconnectDb } = await import("../lib/db");
await seed();
await disconnectDb(); // PGlite allows one process at a time: release it for the server.

console.log("Building the site (next build) …");
const build = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit", env: process.env });
if (build.status !== 0) {
  console.error("The build failed; see above.");
  process.exit(build.status ?? 1);
}

console.log(`Starting Zen Bali on ${appUrl} (demo mode: no Redis, single process). Press Ctrl+C to stop.`);
const server = spawn("node", ["server.mjs"], { cwd: root, stdio: "inherit", env: process.env });
const stop = () => server.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => process.exit(code ?? 0));
