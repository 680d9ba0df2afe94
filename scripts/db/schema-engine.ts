// Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), which
// needs no download. Its package imports the .wasm file as an ES module, which Node 20 does
// not do without a flag, so it is instantiated here by hand.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { bindSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

const require = createRequire(import.meta.url);

// The engine reports a Rust panic through this global before it throws.
const panics = { message: "", set_message(message: string) { this.message = message; } };
(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = panics;

type Bindings = typeof import("@prisma/schema-engine-wasm");
let bindings: Promise<Bindings> | undefined;

// The module may be instantiated once per process: its bindings keep the instance globally.
function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    const bindingsFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const loaded = await import(pathToFileURL(bindingsFile).href);
    const bytes = fs.readFileSync(path.join(path.dirname(bindingsFile), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": loaded });
    loaded.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return loaded as Bindings;
  })();
  return bindings;
}

export async function loadSchemaEngine(schema: string): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadBindings();
  // Diffing two schema files touches no database, but the engine wants an adapter anyway.
  const adapter = bindSqlAdapterFactory(new PrismaBetterSqlite3({ url: ":memory:" }));
  try {
    return await SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, adapter);
  } catch (error) {
    throw panics.message ? new Error(`schema engine: ${panics.message}`) : error;
  }
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** The SQL that turns a database shaped like `from` into one shaped like `to` ("" if none). */
export async function diffSchemas(from: string | null, to: string): Promise<string> {
  const engine = await loadSchemaEngine(to);
  try {
    const result = await engine.diff({
      from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = result.stdout ?? "";
    return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? "" : sql;
  } catch (error) {
    throw panics.message ? new Error(`schema engine: ${panics.message}`) : error;
  } finally {
    engine.free();
  }
}
