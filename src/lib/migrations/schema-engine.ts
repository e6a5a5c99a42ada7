// Prisma's schema engine compiled to WebAssembly, driven through the better-sqlite3
// driver adapter. It does what `prisma migrate diff` does without the native engine
// binary, which cannot be downloaded on offline machines (see docs/decisions.md).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import Database from "better-sqlite3";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
let initialised: Promise<void> | undefined;

export function initialiseWasm(): Promise<void> {
  initialised ??= (async () => {
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      "./schema_engine_bg.js": engineBindings as unknown as WebAssembly.ModuleImports,
    });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return initialised;
}

export interface MigrationFolder {
  name: string;
  sql: string;
}

/** The committed migrations, oldest first (folder names sort by their timestamp prefix). */
export function readMigrations(migrationsDir: string): MigrationFolder[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8") }));
}

/** Runs the committed migration SQL, in order, on an open database. Used by the ingest. */
export function applyMigrations(db: Database.Database, migrationsDir: string): void {
  for (const migration of readMigrations(migrationsDir)) db.exec(migration.sql);
}

/**
 * SQL that takes a database built by the committed migrations to the state `schema.prisma`
 * describes. An empty result means there is no drift. The migrations are applied to a
 * throwaway SQLite file which the engine then compares with the schema (the engine's own
 * shadow-database path does not work through a driver adapter in this version).
 */
export async function diffMigrationsToSchema(schemaPath: string, migrationsDir: string): Promise<string> {
  await initialiseWasm();
  const content = readFileSync(schemaPath, "utf8");
  const files = [{ path: "schema.prisma", content }];
  const scratch = mkdtempSync(path.join(tmpdir(), "podcast-kb-drift-"));
  const scratchDb = path.join(scratch, "migrated.db");
  const db = new Database(scratchDb);
  try {
    applyMigrations(db, migrationsDir);
  } finally {
    db.close();
  }
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url: scratchDb }));
  const engine = await engineBindings.SchemaEngine.new({ datamodels: [["schema.prisma", content]] }, () => {}, factory);
  try {
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files, configDir: path.dirname(schemaPath) },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? "";
    return sql.includes("This is an empty migration.") ? "" : sql.trim();
  } finally {
    engine.free();
    rmSync(scratch, { recursive: true, force: true });
  }
}
