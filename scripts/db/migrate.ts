// Offline database migrations: Prisma's schema engine (WebAssembly) driven by a
// driver adapter, because the native engine cannot be downloaded here. Keeps
// Prisma's layout (prisma/migrations, migration_lock.toml, _prisma_migrations)
// so that the regular `prisma migrate` CLI could take over the same history.
//
//   tsx scripts/db/migrate.ts dev [--name x]   create a migration if the schema changed, apply pending
//   tsx scripts/db/migrate.ts deploy           apply committed migrations only (CI, production)
//   tsx scripts/db/migrate.ts reset            drop everything, re-apply all migrations
//
// DATABASE_URL is postgresql://user:password@host:port/db[?sslmode=…] or
// pglite:<folder> (embedded demo database). If unset, .env.local / .env are
// read. DEBUG_MIGRATE=1 prints the engine's log and full error traces.
//
// Other code imports runMigrations() (demo script, test global setup).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { parseDatabaseUrl, PgliteMigrationAdapterFactory, PgMigrationAdapterFactory, pgClientConfig, quoteIdent, UserError, type PgTarget } from "./adapters";
import { checkLockfile, listMigrations, writeMigration } from "./migrations-dir";
import { createSchemaEngine, noFilters, takePanicMessage, type SchemaEngine } from "./schema-engine";
import { isMainModule } from "../is-main-module";

export type MigrateMode = "deploy" | "reset" | "dev";

export type RunMigrationsOptions = {
  /** postgresql://… or pglite:<folder>. */
  databaseUrl: string;
  mode: MigrateMode;
  /** Name of a migration created in "dev" mode (default "migration"). */
  name?: string;
  /** Defaults: prisma/schema.prisma and prisma/migrations of this project. */
  schemaPath?: string;
  migrationsDir?: string;
  /** An already open PGlite to migrate (for pglite: URLs); it is left open. */
  pglite?: PGlite;
  /** Where progress lines go (default console.log); pass () => {} to silence. */
  log?: (line: string) => void;
};

export type RunMigrationsResult = {
  /** Whether the PostgreSQL database had to be created. */
  createdDatabase: boolean;
  /** Folder name of the migration written in "dev" mode, if the schema had changed. */
  createdMigration: string | null;
  /** Migrations applied by this run, oldest first. */
  appliedMigrations: string[];
};

/** The folder with prisma/schema.prisma above this module: scripts/db/ from source, dist/ (or dist/chunks/) compiled. */
const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "prisma/schema.prisma"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/**
 * Brings the database to the state of the migrations folder; in "dev" mode a
 * new migration is written first if prisma/schema.prisma differs from it.
 * Throws `UserError` (message meant for people) or the engine's error.
 */
export async function runMigrations(options: RunMigrationsOptions): Promise<RunMigrationsResult> {
  const { mode } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const schemaPath = path.resolve(options.schemaPath ?? path.join(projectRoot, "prisma/schema.prisma"));
  const migrationsDir = path.resolve(options.migrationsDir ?? path.join(projectRoot, "prisma/migrations"));
  const relativeMigrationsDir = path.relative(process.cwd(), migrationsDir) || ".";
  const relativeSchemaPath = path.relative(process.cwd(), schemaPath);
  if (!["deploy", "reset", "dev"].includes(mode)) throw new UserError(`Unknown mode "${mode}" (use dev, deploy or reset)`);

  const target = parseDatabaseUrl(options.databaseUrl);
  const schemaFiles = [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }];
  let migrations = await listMigrations(migrationsDir);
  checkLockfile(migrations);

  const result: RunMigrationsResult = { createdDatabase: false, createdMigration: null, appliedMigrations: [] };
  let factory: PgMigrationAdapterFactory | PgliteMigrationAdapterFactory;
  let ownPglite: PGlite | undefined;
  if (target.kind === "postgres") {
    result.createdDatabase = await ensureDatabase(target);
    if (result.createdDatabase) log(`Created database "${target.database}" on ${target.host}:${target.port}`);
    factory = new PgMigrationAdapterFactory(target);
  } else {
    let client = options.pglite;
    if (!client) {
      ownPglite = client = new PGlite(target.dataDir);
    }
    await client.waitReady;
    factory = new PgliteMigrationAdapterFactory(client);
  }
  const where = target.kind === "postgres" ? `"${target.database}" at ${target.host}:${target.port}` : `PGlite at ${target.dataDir}`;

  let engine: SchemaEngine | undefined;
  const panic = watchForEnginePanic();
  // The engine's own timers are unref'd (see schema-engine.ts); this keeps
  // Node running while it works, even with PGlite (which holds no socket).
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    engine = await panic.race(
      createSchemaEngine(schemaFiles, factory, (message) => {
        if (process.env.DEBUG_MIGRATE) console.error(`[schema-engine] ${message}`);
      }),
    );

    if (mode === "reset") {
      await panic.race(engine.reset({ filter: noFilters }));
      log(`Reset ${where}: all data and tables dropped`);
    } else {
      const diagnosis = await panic.race(engine.diagnoseMigrationHistory({ migrationsList: migrations, optInToShadowDatabase: false, filters: noFilters }));
      for (const name of diagnosis.editedMigrationNames) {
        log(`Warning: migration ${name} was edited after it was applied to this database`);
      }
      const history = diagnosis.history;
      if (history?.diagnostic === "migrationsDirectoryIsBehind" || history?.diagnostic === "historiesDiverge") {
        const missing = history.unpersistedMigrationNames.join(", ");
        const message = `The database has migrations that are not in ${relativeMigrationsDir}: ${missing}`;
        if (mode === "dev") throw new UserError(`${message}. Get them (git pull) or start over with npm run db:reset.`);
        log(`Warning: ${message}`);
      }
      if (mode === "dev" && diagnosis.failedMigrationNames.length > 0) {
        throw new UserError(
          `Migration ${diagnosis.failedMigrationNames.join(", ")} failed earlier on this database. ` +
            "Fix it and run npm run db:reset (development data is dropped).",
        );
      }
    }

    const started = engine;
    const applyPending = async (): Promise<void> => {
      if (migrations.migrationDirectories.length === 0) return;
      const { appliedMigrationNames: names } = await panic.race(started.applyMigrations({ migrationsList: migrations, filters: noFilters }));
      if (names.length === 0) return;
      result.appliedMigrations.push(...names);
      log(`Applied ${names.length} migration${names.length === 1 ? "" : "s"} to ${where}: ${names.join(", ")}`);
    };

    if (mode === "dev") {
      // Pending migrations first (e.g. after a git pull), so that a failing one
      // is reported before anything new is written.
      await applyPending();
      // What the schema adds to the migrations folder (replayed in a shadow database).
      const diff = await panic.race(
        engine.diff({
          from: { tag: "migrations", ...migrations },
          to: { tag: "schemaDatamodel", files: schemaFiles },
          script: true,
          exitCode: true,
          filters: noFilters,
        }),
      );
      if (diff.exitCode === 2 && diff.stdout) {
        // The engine's evaluateDataLoss() needs a shadow database it cannot get
        // through an adapter, so destructive steps are spotted in the SQL.
        const warnings = dataLossWarnings(diff.stdout);
        const header = warnings.length > 0 ? `/*\n  Warnings:\n\n${warnings.map((w) => `  - ${w}`).join("\n")}\n\n*/\n` : "";
        const existing = migrations.migrationDirectories.map((dir) => dir.path);
        const folder = await writeMigration(migrationsDir, options.name ?? "migration", header + diff.stdout, existing);
        result.createdMigration = folder;
        log(`Created migration ${path.join(relativeMigrationsDir, folder, "migration.sql")}`);
        for (const warning of warnings) log(`Warning: ${warning}`);
        migrations = await listMigrations(migrationsDir);
      } else {
        log(`No schema changes: ${relativeSchemaPath} matches ${relativeMigrationsDir}`);
      }
    }
    await applyPending();

    if (migrations.migrationDirectories.length === 0) log(`No migrations found in ${relativeMigrationsDir}`);
    else if (result.appliedMigrations.length === 0) log(`Database is up to date (${where})`);
    return result;
  } finally {
    clearInterval(keepAlive);
    panic.stop();
    try {
      engine?.free();
    } catch {
      // already freed
    }
    await factory.close();
    await ownPglite?.close();
  }
}

/** Prisma-style notes for the steps of a generated script that can lose data or fail on existing rows. */
export function dataLossWarnings(sql: string): string[] {
  const warnings: string[] = [];
  let table = "";
  const statement = /ALTER TABLE "([^"]+)"|DROP TABLE "([^"]+)"|DROP COLUMN "([^"]+)"|ALTER COLUMN "([^"]+)" SET DATA TYPE|ADD COLUMN\s+"([^"]+)"([^,;]*)/g;
  for (const match of sql.matchAll(statement)) {
    const [, alteredTable, droppedTable, droppedColumn, retypedColumn, addedColumn, addedDefinition] = match;
    if (alteredTable) table = alteredTable;
    else if (droppedTable) warnings.push(`You are about to drop the \`${droppedTable}\` table. All the data in it will be lost.`);
    else if (droppedColumn) {
      warnings.push(`You are about to drop the column \`${droppedColumn}\` on the \`${table}\` table. All the data in the column will be lost.`);
    } else if (retypedColumn) {
      warnings.push(`The type of column \`${retypedColumn}\` on the \`${table}\` table changes. Existing values must convert, or the migration fails.`);
    } else if (addedColumn && /NOT NULL/.test(addedDefinition ?? "") && !/DEFAULT/.test(addedDefinition ?? "")) {
      warnings.push(
        `Added the required column \`${addedColumn}\` to the \`${table}\` table without a default value. This is not possible if the table is not empty.`,
      );
    }
  }
  return warnings;
}

/**
 * A Rust panic inside the engine surfaces as an uncaught WebAssembly
 * "unreachable" error, outside of the promise that was awaited (which then
 * never settles). While the engine runs, such an error rejects `race()`.
 */
function watchForEnginePanic(): { race<T>(promise: Promise<T>): Promise<T>; stop(): void } {
  let reject: (error: Error) => void = () => {};
  const panicked = new Promise<never>((_, r) => {
    reject = r;
  });
  panicked.catch(() => {}); // rejected only while someone races it
  const listener = (error: Error) => {
    const message = takePanicMessage();
    if (message !== undefined || error instanceof WebAssembly.RuntimeError) {
      reject(new Error(`The schema engine crashed: ${message ?? error.message}`));
      return;
    }
    if (process.listenerCount("uncaughtException") === 1) {
      // Nobody else handles it: behave like Node's default.
      console.error(error);
      process.exit(1);
    }
  };
  process.on("uncaughtException", listener);
  return {
    race: (promise) => Promise.race([promise, panicked]),
    stop: () => process.off("uncaughtException", listener),
  };
}

// ─── Database creation and connection errors ────────────────────────────────

type PgError = Error & { code?: string };

/** A message that says what to do, for errors met while connecting. */
function connectionProblem(target: PgTarget, error: PgError): string | null {
  const at = `${target.host}:${target.port}`;
  switch (error.code) {
    case "ECONNREFUSED":
    case "ECONNRESET":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `Cannot reach PostgreSQL at ${at} — start it (docker compose up -d db)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot resolve the PostgreSQL host "${target.host}" — check DATABASE_URL`;
    case "28P01":
    case "28000":
      return `PostgreSQL at ${at} refused user "${target.user}": ${error.message} — check DATABASE_URL`;
    case "57P03":
      return `PostgreSQL at ${at} is starting up — try again in a few seconds`;
    default:
      if (/timeout|Connection terminated/i.test(error.message)) {
        return `Cannot reach PostgreSQL at ${at} (${error.message}) — start it (docker compose up -d db)`;
      }
      return null;
  }
}

async function tryConnect(target: PgTarget, database: string): Promise<pg.Client> {
  const client = new pg.Client(pgClientConfig(target, database));
  client.on("error", () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

/** Creates the database named in DATABASE_URL if it does not exist; true if it was created. */
export async function ensureDatabase(target: PgTarget): Promise<boolean> {
  try {
    const client = await tryConnect(target, target.database);
    await client.end();
    return false;
  } catch (error) {
    const e = error as PgError;
    if (e.code !== "3D000") throw new UserError(connectionProblem(target, e) ?? `Cannot connect to PostgreSQL: ${e.message}`);
  }
  // The database does not exist: create it from the maintenance database.
  let admin: pg.Client | undefined;
  for (const maintenance of ["postgres", "template1"]) {
    try {
      admin = await tryConnect(target, maintenance);
      break;
    } catch (error) {
      const e = error as PgError;
      const problem = connectionProblem(target, e);
      if (problem) throw new UserError(problem);
    }
  }
  if (!admin) {
    throw new UserError(`Database "${target.database}" does not exist and user "${target.user}" cannot connect to the postgres database to create it`);
  }
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(target.database)}`);
    return true;
  } catch (error) {
    const e = error as PgError;
    if (e.code === "42P04") return false; // created concurrently
    if (e.code === "42501") {
      throw new UserError(`Database "${target.database}" does not exist and user "${target.user}" may not create databases — create it, then run this again`);
    }
    throw new UserError(`Could not create database "${target.database}": ${e.message}`);
  } finally {
    await admin.end().catch(() => {});
  }
}

// ─── CLI ────────────────────────────────────────────────────────────────────

function failedMigrationHint(name: string): string {
  return (
    "\nIts statements were rolled back (each migration runs in one transaction unless it commits itself)." +
    ` Fix prisma/migrations/${name}/migration.sql, then:\n` +
    "  development: npm run db:reset\n" +
    `  elsewhere:   UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '${name}' AND finished_at IS NULL; and deploy again`
  );
}

/** The engine's errors carry a user-facing message, followed by a span trace. */
export function describeError(error: unknown): string {
  if (error instanceof UserError) return error.message;
  const e = error as { message?: unknown; code?: unknown } | null | undefined;
  let message = typeof e?.message === "string" ? e.message : String(error);
  try {
    const parsed = JSON.parse(message) as { message?: string; error_code?: string } | null;
    if (parsed && typeof parsed.message === "string") message = parsed.error_code ? `${parsed.error_code}: ${parsed.message}` : parsed.message;
  } catch {
    // not JSON
  }
  const applying = /Applying migration\s+with migration_name="([^"]+)"/.exec(message)?.[1];
  // Drop the engine's span trace ("   0: schema_engine_wasm::…\n at …") unless debugging.
  if (!process.env.DEBUG_MIGRATE) message = message.replace(/\n\s+0: [\s\S]*$/, "");
  message = message
    .replace(/^external connector error\n/, "")
    .replace(/^Error querying the database: /, "")
    .trim();
  if (applying) return `Migration ${applying} failed: ${message}${failedMigrationHint(applying)}`;
  const failedEarlier = e?.code === "P3009" ? /The `([^`]+)` migration/.exec(message)?.[1] : undefined;
  if (failedEarlier) return `${message}${failedMigrationHint(failedEarlier)}`;
  if (/Can't reach database server|ECONNREFUSED/i.test(message)) {
    message += " — is PostgreSQL running? (docker compose up -d db)";
  }
  return message;
}

function parseArgs(argv: string[]): { mode: string | undefined; name: string | undefined } {
  let mode: string | undefined;
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--name" || arg === "-n") name = argv[++i];
    else if (arg.startsWith("--name=")) name = arg.slice("--name=".length);
    else if (!arg.startsWith("-") && mode === undefined) mode = arg;
    else throw new UserError(`Unknown argument "${arg}". Usage: tsx scripts/db/migrate.ts <dev|deploy|reset> [--name <migration name>]`);
  }
  return { mode, name };
}

async function main(): Promise<void> {
  const { mode, name } = parseArgs(process.argv.slice(2));
  if (mode !== "dev" && mode !== "deploy" && mode !== "reset") {
    throw new UserError("Usage: tsx scripts/db/migrate.ts <dev|deploy|reset> [--name <migration name>]");
  }
  if (!process.env.DATABASE_URL) {
    // Next.js reads .env files itself; this script runs outside it.
    for (const file of [".env.local", ".env"]) {
      if (existsSync(path.join(projectRoot, file))) process.loadEnvFile(path.join(projectRoot, file));
    }
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new UserError("DATABASE_URL is not set (postgresql://user@127.0.0.1:5432/zenbali_dev, or pglite:<folder> for the demo)");
  }
  await runMigrations({ databaseUrl, mode, name });
}

if (isMainModule(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`Migration failed: ${describeError(error)}`);
      if (process.env.DEBUG_MIGRATE && error instanceof Error) console.error(error.stack);
      process.exit(1);
    },
  );
}
