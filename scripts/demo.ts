/**
 * `npm run demo`: the whole site with nothing installed but Node — an embedded
 * PostgreSQL (PGlite) in ./.demo, migrated and seeded, no Redis (in-process
 * caches, limits and counters), a production build, and the URL printed.
 * Data is kept in ./.demo (git-ignored), so a second run starts where the
 * first stopped. `npm run demo -- --reset` starts from scratch.
 *
 * Every role to try: on first run an admin and the demo organiser get
 * generated passwords, kept in .demo/logins.json and printed on every run.
 * Mail is written to .demo/mail and shown at /demo/mail (no SMTP needed).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { newDemoLogins, type TDemoLogins } from "../lib/demo/demo-accounts";
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

const demoEnv = {
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
  MAIL_DIR: path.join(demoDir, "mail"),
  SMTP_URL: "",
  NEXT_TELEMETRY_DISABLED: "1",
} satisfies Record<string, string>;
Object.assign(process.env, demoEnv);

// The demo's logins: made on first run, kept (readable only by you) and printed on every run.
const loginsFile = path.join(demoDir, "logins.json");
const firstRun = !existsSync(loginsFile);
const logins = (firstRun ? newDemoLogins() : JSON.parse(readFileSync(loginsFile, "utf8"))) as TDemoLogins;
process.env.ADMIN_EMAIL = logins.admin.email;
process.env.ADMIN_PASSWORD = logins.admin.password;

console.log("Zen Bali demo: preparing the embedded database in .demo/ …");
await runMigrations({ databaseUrl: demoEnv.DATABASE_URL, mode: "deploy" });
const { seed } = await import("../prisma/seed");
const { disconnectDb } = await import("../lib/db");
const { setDemoOrganiserPassword } = await import("../lib/demo/demo-logins");
await seed(); // creates the admin from ADMIN_EMAIL / ADMIN_PASSWORD on first run
if (firstRun) {
  await setDemoOrganiserPassword(logins.creator);
  writeFileSync(loginsFile, `${JSON.stringify(logins, null, 2)}\n`, { mode: 0o600 });
}
await disconnectDb(); // PGlite allows one process at a time: release it for the server.

const printLogins = () => {
  console.log(
    [
      "",
      "Demo logins (kept in .demo/logins.json):",
      `  admin:   ${logins.admin.email}  password: ${logins.admin.password}  → ${appUrl}/admin`,
      `  creator: ${logins.creator.email}  password: ${logins.creator.password}  → ${appUrl}/dashboard`,
      `Mail the app sends (verification, password reset, receipts): ${appUrl}/demo/mail`,
      "",
    ].join("\n"),
  );
};
printLogins();

console.log("Building the site (npm run build) …");
const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", env: process.env });
if (build.status !== 0) {
  console.error("The build failed; see above.");
  process.exit(build.status ?? 1);
}

console.log(`Starting Zen Bali on ${appUrl} (demo mode: no Redis, single process). Press Ctrl+C to stop.`);
const server = spawn("node", ["server.mjs"], { cwd: root, stdio: ["inherit", "pipe", "inherit"], env: process.env });
// The server's output goes on to the terminal; once it is ready, the logins are printed again below it.
server.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (chunk.toString().includes("is ready on")) printLogins();
});
const stop = () => server.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => process.exit(code ?? 0));
