// Driver adapters for the WASM schema engine: PostgreSQL (pg) and PGlite.
//
// Both wrap the stock Prisma adapters and fix what the schema engine needs
// that they do not do out of the box:
// - `executeScript` must send a migration as ONE script: @prisma/adapter-pg
//   splits it on ";" (which breaks PL/pgSQL bodies) and pglite-prisma-adapter
//   does not await it (errors would be lost).
// - adapter-pg cannot describe PostgreSQL's internal `"char"` type (OID 18),
//   which the engine's catalogue queries return (see CatalogueClient).
// - The shadow database (used to replay the migrations folder when diffing)
//   is created and dropped here, by name, on the right server and database.
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlQueryable,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

/** OIDs of PostgreSQL's internal single-byte `"char"` type and of `text`. */
const CHAR_OID = 18;
const TEXT_OID = 25;

// ─── Connection settings ────────────────────────────────────────────────────

export type PgTarget = {
  kind: "postgres";
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  /** PostgreSQL schema (`?schema=` in the URL); only "public" is supported. */
  schema: string;
  ssl: pg.ClientConfig["ssl"];
};

export type PgliteTarget = { kind: "pglite"; dataDir: string };

export type DbTarget = PgTarget | PgliteTarget;

/**
 * Parses `postgresql://user:pass@host:port/db?schema=…&sslmode=…` into discrete
 * fields (a `connectionString` would win over any `database` override in pg,
 * so the shadow database could never be addressed), or `pglite:<folder>`.
 */
export function parseDatabaseUrl(databaseUrl: string): DbTarget {
  if (databaseUrl.startsWith("pglite:")) {
    const dataDir = databaseUrl.slice("pglite:".length);
    if (!dataDir) throw new UserError("DATABASE_URL=pglite:<folder> needs a folder, e.g. pglite:./.demo/db");
    return { kind: "pglite", dataDir };
  }
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UserError("DATABASE_URL must start with postgresql:// (or pglite:<folder> for the embedded demo database)");
  }
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new UserError("DATABASE_URL is not a valid URL (expected postgresql://user:password@host:5432/database)");
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!database) throw new UserError("DATABASE_URL has no database name (expected postgresql://user@host:5432/<database>)");
  const schema = url.searchParams.get("schema") ?? "public";
  if (schema !== "public") {
    // The app's client (lib/db) and the migrations use the default search_path.
    throw new UserError(`DATABASE_URL asks for ?schema=${schema}; only the public schema is supported`);
  }
  const sslmode = url.searchParams.get("sslmode");
  let ssl: pg.ClientConfig["ssl"] = undefined;
  if (sslmode === "disable") ssl = false;
  else if (sslmode === "require" || sslmode === "prefer" || sslmode === "no-verify") ssl = { rejectUnauthorized: false };
  else if (sslmode === "verify-ca" || sslmode === "verify-full") ssl = { rejectUnauthorized: true };
  return {
    kind: "postgres",
    host: decodeURIComponent(url.hostname.replace(/^\[(.*)\]$/, "$1")) || "localhost",
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || process.env.PGUSER || process.env.USER || "postgres",
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
    schema,
    ssl,
  };
}

/** An error whose message is meant for the person running the command (no stack trace). */
export class UserError extends Error {
  override name = "UserError";
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

// ─── PostgreSQL ─────────────────────────────────────────────────────────────

type QueryResultLike = { fields?: Array<{ dataTypeID: number }>; rows?: unknown[] };

/** Result rows (by identity) → indexes of their `"char"` columns. */
const charColumnsByRows = new WeakMap<object, number[]>();

function noteCharColumns(result: unknown): unknown {
  const results = Array.isArray(result) ? (result as (QueryResultLike | undefined)[]) : [result as QueryResultLike | undefined];
  for (const r of results) {
    if (!r?.fields) continue;
    const charColumns: number[] = [];
    r.fields.forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        charColumns.push(index);
      }
    });
    if (charColumns.length > 0 && r.rows) charColumnsByRows.set(r.rows, charColumns);
  }
  return result;
}

/**
 * A pg client that lets @prisma/adapter-pg read `"char"` columns (OID 18, e.g.
 * pg_constraint.contype), which it rejects as an unsupported type. The column
 * is described as text to the adapter (pg returns its value as a one-letter
 * string either way) and remembered, so that `reportCharColumns` can give the
 * engine the type it expects for it: Character (as pglite-prisma-adapter does).
 */
class CatalogueClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's query() has a dozen overloads
  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .apply/.call(this), as super.query would be
    const base = pg.Client.prototype.query as (...a: unknown[]) => unknown;
    const [config, values, callback] = args as [unknown, unknown, unknown];
    if (config && typeof (config as { submit?: unknown }).submit === "function") return base.apply(this, args);
    type Cb = (err: Error | null, res: unknown) => void;
    const wrap =
      (cb: Cb): Cb =>
      (err, res) =>
        cb(err, err ? res : noteCharColumns(res));
    if (typeof values === "function") return base.call(this, config, wrap(values as Cb));
    if (typeof callback === "function") return base.call(this, config, values, wrap(callback as Cb));
    return (base.call(this, config, values) as Promise<unknown>).then(noteCharColumns);
  }
}

/** Marks the `"char"` columns noted by CatalogueClient as Character in the adapter's results. */
function reportCharColumns<Q extends SqlQueryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query: SqlQuery): Promise<SqlResultSet> => {
    const resultSet = await queryRaw(query);
    for (const index of charColumnsByRows.get(resultSet.rows) ?? []) resultSet.columnTypes[index] = ColumnTypeEnum.Character;
    return resultSet;
  };
  return queryable;
}

type PgErrorLike = {
  code?: string;
  severity?: string;
  message: string;
  detail?: string;
  column?: string;
  hint?: string;
};

function toDriverAdapterError(error: unknown): DriverAdapterError {
  const e = error as Partial<PgErrorLike> | null | undefined;
  if (typeof e?.code === "string" && typeof e.message === "string") {
    return new DriverAdapterError({
      kind: "postgres",
      code: e.code,
      severity: e.severity ?? "ERROR",
      message: e.message,
      detail: e.detail,
      column: e.column,
      hint: e.hint,
    });
  }
  return new DriverAdapterError({
    kind: "postgres",
    code: "N/A",
    severity: "ERROR",
    message: error instanceof Error ? error.message : String(error),
    detail: undefined,
    column: undefined,
    hint: undefined,
  });
}

export function pgClientConfig(target: PgTarget, database = target.database): pg.PoolConfig {
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database,
    ssl: target.ssl,
    connectionTimeoutMillis: 5_000,
    application_name: "zenbali-migrate",
  };
}

/**
 * Migration-aware adapter factory for a PostgreSQL server. The shadow database
 * is a temporary `<db>_shadow_<random>` on the same server, dropped WITH
 * (FORCE) when the engine releases it (or in `close()` at the latest).
 */
export class PgMigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  private readonly open = new Set<SqlDriverAdapter>();
  private readonly shadowDatabases = new Set<string>();

  constructor(private readonly target: PgTarget) {}

  private async connectTo(database: string, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
    const config: pg.PoolConfig = { ...pgClientConfig(this.target, database), max: 4, Client: CatalogueClient };
    // A fresh pool per connect(); the adapter's dispose() ends it.
    const adapter = reportCharColumns(await new PrismaPg(config, { schema: this.target.schema }).connect());
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => reportCharColumns(await startTransaction(isolationLevel));
    const pool = adapter.underlyingDriver();
    pool.on("error", () => {
      // Idle-client errors (e.g. the shadow database being dropped) are not fatal here.
    });
    adapter.executeScript = async (script: string) => {
      try {
        // No parameters: pg uses the simple query protocol, which runs the
        // whole multi-statement script (PL/pgSQL bodies included) as one.
        await pool.query(script);
      } catch (error) {
        throw toDriverAdapterError(error);
      }
    };
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!this.open.delete(adapter)) return;
      await dispose();
      await onDispose?.();
    };
    this.open.add(adapter);
    return adapter;
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.connectTo(this.target.database);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const suffix = `_shadow_${randomBytes(4).toString("hex")}`;
    const name = `${this.target.database.slice(0, 63 - suffix.length)}${suffix}`;
    await this.runOnMain(`CREATE DATABASE ${quoteIdent(name)}`);
    this.shadowDatabases.add(name);
    return this.connectTo(name, () => this.dropShadow(name));
  }

  private async runOnMain(sql: string): Promise<void> {
    const client = new pg.Client(pgClientConfig(this.target));
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query(sql);
    } catch (error) {
      throw toDriverAdapterError(error);
    } finally {
      await client.end().catch(() => {});
    }
  }

  private async dropShadow(name: string): Promise<void> {
    if (!this.shadowDatabases.delete(name)) return;
    await this.runOnMain(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  }

  /** Ends every pool and drops any shadow database the engine did not release. */
  async close(): Promise<void> {
    for (const adapter of [...this.open]) await adapter.dispose().catch(() => {});
    for (const name of [...this.shadowDatabases]) await this.dropShadow(name).catch(() => {});
  }
}

// ─── PGlite ─────────────────────────────────────────────────────────────────

function pgliteAdapter(client: PGlite, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  return new PrismaPGlite(client).connect().then((adapter) => {
    adapter.executeScript = async (script: string) => {
      try {
        await client.exec(script);
      } catch (error) {
        throw toDriverAdapterError(error);
      }
    };
    if (onDispose) {
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await onDispose();
      };
    }
    return adapter;
  });
}

/** Migration-aware adapter factory for PGlite; the shadow database is an in-memory PGlite. */
export class PgliteMigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "pglite-prisma-adapter";
  private readonly shadows = new Set<PGlite>();

  constructor(private readonly client: PGlite) {}

  connect(): Promise<SqlDriverAdapter> {
    return pgliteAdapter(this.client);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = new PGlite();
    await shadow.waitReady;
    this.shadows.add(shadow);
    return pgliteAdapter(shadow, async () => {
      if (this.shadows.delete(shadow)) await shadow.close();
    });
  }

  async close(): Promise<void> {
    for (const shadow of [...this.shadows]) {
      this.shadows.delete(shadow);
      await shadow.close().catch(() => {});
    }
  }
}
