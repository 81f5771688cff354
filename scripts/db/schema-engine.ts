// Loads Prisma's schema engine (WebAssembly build) in Node and binds it to a
// driver adapter. The package ships no Node entry point that loads its .wasm,
// so the JS glue is imported and the module instantiated by hand.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

export type SchemaEngine = glue.SchemaEngine;
export type { DiffTarget, MigrationList, SchemaFilter, SchemasContainer } from "@prisma/schema-engine-wasm/schema_engine_bg";

let loading: Promise<void> | undefined;

/**
 * The glue reports a Rust panic's message to this global just before the
 * engine traps (and crashes without it). `takePanicMessage()` reads it.
 */
type PanicRegistry = { message: string | undefined; set_message(message: string): void };
const globals = globalThis as typeof globalThis & { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };

export function takePanicMessage(): string | undefined {
  const message = globals.PRISMA_WASM_PANIC_REGISTRY?.message;
  if (globals.PRISMA_WASM_PANIC_REGISTRY) globals.PRISMA_WASM_PANIC_REGISTRY.message = undefined;
  return message;
}

function loadWasm(): Promise<void> {
  loading ??= (async () => {
    globals.PRISMA_WASM_PANIC_REGISTRY ??= {
      message: undefined,
      set_message(message: string) {
        this.message = message;
      },
    };
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    // The engine arms timers (setTimeout) that it never clears, which would
    // keep Node alive for ~10 s after the work is done: they are unref'd.
    // runMigrations() keeps the process alive itself while the engine works.
    const imports: WebAssembly.ModuleImports = { ...(glue as unknown as WebAssembly.ModuleImports) };
    for (const key of Object.keys(imports)) {
      if (key.startsWith("__wbg_setTimeout_")) {
        imports[key] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
      }
    }
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  })();
  return loading;
}

export type EngineLog = (message: string) => void;

/**
 * Creates a schema engine for the given Prisma schema files, talking to the
 * database through `factory` (main and shadow connections).
 */
export async function createSchemaEngine(
  schemaFiles: Array<{ path: string; content: string }>,
  factory: SqlMigrationAwareDriverAdapterFactory,
  log: EngineLog = () => {},
): Promise<SchemaEngine> {
  await loadWasm();
  return glue.SchemaEngine.new(
    { datamodels: schemaFiles.map((file): [string, string] => [file.path, file.content]) },
    (message: unknown) => {
      log(typeof message === "string" ? message : JSON.stringify(message));
    },
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}

export const noFilters = { externalTables: [], externalEnums: [] } satisfies glue.SchemaFilter;
