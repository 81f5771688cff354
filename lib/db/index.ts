import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { getEnv } from "@/lib/env";
import { PrismaClient } from "./generated/client";
import { withoutNulBytes } from "./without-nul-bytes";

export * from "./generated/client";

type Db = PrismaClient;

// One Prisma client per process (kept on globalThis so dev hot-reload reuses it).
const globalForDb = globalThis as unknown as { zenbaliDb?: Db; zenbaliPglite?: PGlite };

function createDb(): Db {
  const { DATABASE_URL } = getEnv();
  // The password hash is never selected unless a query asks for it explicitly.
  const omit = { user: { passwordHash: true } } as const;
  if (DATABASE_URL.startsWith("pglite:")) {
    // `npm run demo`: embedded PostgreSQL in this process, data in a local folder.
    globalForDb.zenbaliPglite ??= new PGlite(DATABASE_URL.slice("pglite:".length));
    return guardText(new PrismaClient({ adapter: new PrismaPGlite(globalForDb.zenbaliPglite), omit }));
  }
  // JIT off for our sessions: every query here is a short indexed read, and once a plan's estimated cost passes
  // jit_above_cost PostgreSQL spends 50-90 ms compiling it (docs/decisions/012-jit-off.md).
  const adapter = new PrismaPg({ connectionString: DATABASE_URL, max: 10, connectionTimeoutMillis: 5_000, options: "-c jit=off" });
  return guardText(new PrismaClient({ adapter, omit }));
}

/** Every model query's string arguments lose U+0000, which PostgreSQL refuses (see without-nul-bytes.ts). */
function guardText(client: PrismaClient): Db {
  const guarded = client.$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          return query(withoutNulBytes(args));
        },
      },
    },
  });
  // Same methods and result types as the base client (a query extension changes no signature).
  return guarded as unknown as Db;
}

function getDb(): Db {
  globalForDb.zenbaliDb ??= createDb();
  return globalForDb.zenbaliDb;
}

/** The shared client, created on first use so that importing this module never reads the env. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getDb() as unknown as Record<PropertyKey, unknown>;
    const value = client[property];
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  await globalForDb.zenbaliDb?.$disconnect();
  globalForDb.zenbaliDb = undefined;
  await globalForDb.zenbaliPglite?.close();
  globalForDb.zenbaliPglite = undefined;
}
