// The PostgreSQL side of the one schema. prisma/schema.prisma (SQLite) is the only schema anyone
// edits; prisma/postgresql/schema.prisma and prisma/postgresql/migrations/*/migration.sql are
// generated from it by `npm run migrate -- create <name>` (src/cli/migrate.ts), with Prisma's
// WebAssembly schema engine (the native engine cannot be downloaded here), and committed.
//
// - The PostgreSQL schema is the SQLite one with another provider and client output; nothing else
//   differs, so the data layer's queries are the same on both.
// - A new PostgreSQL migration is the engine's diff from the committed PostgreSQL schema (the state
//   its migrations produce) to the newly derived one: a diff of two datamodels, which needs no
//   database. The engine insists on a connection when it starts, so it gets one that answers its
//   start-up probe and nothing else (OfflinePostgres below): any other query fails loudly.
// - Every text column gets COLLATE "C": ORDER BY and range scans then compare code points, as
//   SQLite does, whatever collation the database was created with (en_US.UTF-8 sorts "a-b" after
//   "ab" and ignores case); results are the same on both databases. Prisma's schema language has
//   no collation for PostgreSQL columns, and its engine does not compare collations, so the
//   clause is added to the generated SQL and the drift check still holds.
// - The SQL names no schema: it is applied with search_path set to the schema being built.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { initialiseWasm, readMigrations } from "./schema-engine.ts";

export const POSTGRES_SCHEMA_HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run migrate -- create <name>`: do not edit.\n" +
  '// The same models on PostgreSQL (DATABASE_URL=postgresql://…); see docs/decisions.md, "PostgreSQL".\n\n';

/** prisma/schema.prisma -> prisma/postgresql/schema.prisma. */
export function derivePostgresSchema(sqliteSchema: string): string {
  const provider = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  const output = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/src\/generated\/prisma"/;
  if (!provider.test(sqliteSchema)) throw new Error('prisma/schema.prisma: expected `provider = "sqlite"` in datasource db');
  if (!output.test(sqliteSchema))
    throw new Error('prisma/schema.prisma: expected `output = "../src/generated/prisma"` in generator client');
  return POSTGRES_SCHEMA_HEADER + sqliteSchema.replace(provider, '$1"postgresql"').replace(output, '$1"../../src/generated/prisma-pg"');
}

/** The engine's SQL, made schema-neutral and code-point ordered (see the top of this file). */
export function postprocessPostgresSql(sql: string): string {
  return sql
    .replace(/-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "[^"]*";\n*/g, "")
    .replace(/^(\s+"[^"]+" TEXT)( NOT NULL)?(,?)$/gm, '$1 COLLATE "C"$2$3')
    .replace(/(ADD COLUMN\s+"[^"]+" TEXT)( NOT NULL)?/g, '$1 COLLATE "C"$2')
    .trim();
}

/**
 * A pg.Pool that never connects: it answers the schema engine's start-up probe (does the schema
 * exist, which server version) and the CREATE SCHEMA that follows, and refuses anything else, so
 * a diff between two datamodels runs without a database.
 */
function offlinePostgres(): pg.Pool {
  const pool = new pg.Pool();
  const query = async (config: { text: string } | string) => {
    const text = typeof config === "string" ? config : config.text;
    if (text.startsWith("SELECT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = $1), version()")) {
      return {
        fields: [
          { name: "exists", dataTypeID: 16 },
          { name: "version", dataTypeID: 25 },
          { name: "numeric_version", dataTypeID: 23 },
        ],
        rows: [[true, "PostgreSQL 15.0", 150000]],
        rowCount: 1,
      };
    }
    if (/^CREATE SCHEMA /.test(text)) return { fields: [], rows: [], rowCount: 0 };
    throw new Error(`the offline PostgreSQL stand-in was asked a query it cannot answer: ${text.slice(0, 80)}`);
  };
  pool.query = query as unknown as pg.Pool["query"];
  return pool;
}

/**
 * A pg.Pool for the engine's introspection of a real database: PostgreSQL's internal "char" type
 * (pg_class.relkind and the like) is not one the driver adapter maps, so it is read as text.
 */
function introspectingPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const query = pool.query.bind(pool) as (config: pg.QueryConfig) => Promise<pg.QueryResult>;
  pool.query = (async (config: pg.QueryConfig) => {
    const result = await query(config);
    for (const field of result.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  }) as unknown as pg.Pool["query"];
  return pool;
}

type Files = Array<{ path: string; content: string }>;

async function withEngine<T>(datamodel: string, pool: pg.Pool, schema: string, run: (engine: engineBindings.SchemaEngine) => Promise<T>) {
  await initialiseWasm();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool, { schema }));
  const engine = await engineBindings.SchemaEngine.new({ datamodels: [["schema.prisma", datamodel]] }, () => {}, factory);
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };
const emptyResult = (sql: string) => (sql.includes("This is an empty migration.") ? "" : sql.trim());

/**
 * The PostgreSQL migration SQL from one datamodel to another (null: from nothing), without a
 * database. "" when they describe the same tables.
 */
export async function postgresMigrationSql(from: string | null, to: string): Promise<string> {
  const pool = offlinePostgres();
  const files = (content: string): Files => [{ path: "schema.prisma", content }];
  const sql = await withEngine(to, pool, "podcast_kb", async (engine) => {
    const result = await engine.diff({
      from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: files(from) },
      to: { tag: "schemaDatamodel", files: files(to) },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return (result.stdout as string | undefined) ?? "";
  });
  return postprocessPostgresSql(emptyResult(sql));
}

/** Runs the committed PostgreSQL migrations, in order, on a client whose search_path is the target schema. */
export async function applyPostgresMigrations(client: pg.ClientBase, migrationsDir: string): Promise<void> {
  for (const migration of readMigrations(migrationsDir)) await client.query(migration.sql);
}

/**
 * What a database built by the committed PostgreSQL migrations lacks against `schema.prisma`
 * (the SQLite schema, whose PostgreSQL form is derived): "" means no drift. The migrations run in
 * a throwaway schema of the server at `url`, which the engine then compares with the datamodel.
 */
export async function diffPostgresMigrationsToSchema(schemaPath: string, migrationsDir: string, url: string): Promise<string> {
  const datamodel = derivePostgresSchema(readFileSync(schemaPath, "utf8"));
  const scratch = `podcast_kb_drift_${process.pid}_${Date.now()}`;
  const pool = introspectingPool(url);
  const client = await pool.connect();
  try {
    await client.query(`CREATE SCHEMA "${scratch}"`);
    await client.query(`SET search_path TO "${scratch}"`);
    await applyPostgresMigrations(client, migrationsDir);
    await client.query("RESET search_path");
  } finally {
    client.release();
  }
  try {
    const files: Files = [{ path: "schema.prisma", content: datamodel }];
    const sql = await withEngine(datamodel, pool, scratch, async (engine) => {
      const result = await engine.diff({
        from: { tag: "schemaDatasource", files, configDir: path.dirname(schemaPath) },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      });
      return (result.stdout as string | undefined) ?? "";
    });
    return emptyResult(sql);
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${scratch}" CASCADE`);
    await pool.end();
  }
}

/** The committed PostgreSQL schema, or null before the first one was generated. */
export function readCommittedPostgresSchema(postgresDir: string): string | null {
  const file = path.join(postgresDir, "schema.prisma");
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}
