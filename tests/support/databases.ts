// The databases the integration tests run on: SQLite always, PostgreSQL too when the global setup
// (tests/support/postgres-setup.ts) has a server. Tests that hold for both take `describe.each(DATABASES)`
// and speak to the database through these helpers, in SQL both understand (quoted identifiers).
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { inject } from "vitest";
import { resolveDatabase } from "../../src/lib/database-url.ts";
import { ingestLibrary, type IngestOptions } from "../../src/lib/ingest/ingest-library.ts";
import { tempDatabasePath } from "./ingest.ts";
import { MIGRATIONS_DIR } from "./seed.ts";

export type DatabaseKind = "sqlite" | "postgres";

export const POSTGRES_URL: string | null = inject("postgresUrl") ?? null;
export const DATABASES: DatabaseKind[] = POSTGRES_URL ? ["sqlite", "postgres"] : ["sqlite"];

/** A DATABASE_URL no library is in yet: a new SQLite file, or a new schema (pkbt_…) of the test server. */
export function freshDatabaseUrl(kind: DatabaseKind): string {
  if (kind === "sqlite") return `file:${tempDatabasePath()}`;
  if (!POSTGRES_URL) throw new Error("no PostgreSQL server for the tests");
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("schema", `pkbt_${process.pid}_${randomBytes(5).toString("hex")}`);
  return url.toString();
}

export function ingestUrl(databaseUrl: string, contentDir: string, options: Partial<IngestOptions> = {}) {
  return ingestLibrary({ contentDir, databaseUrl, migrationsDir: MIGRATIONS_DIR, ...options });
}

async function withPostgres<T>(databaseUrl: string, work: (client: pg.Client, schema: string) => Promise<T>): Promise<T> {
  const target = resolveDatabase(databaseUrl);
  if (target.kind !== "postgres") throw new Error("not a PostgreSQL URL");
  const client = new pg.Client({ connectionString: target.connectionString, options: `-c search_path="${target.schema}"` });
  await client.connect();
  try {
    return await work(client, target.schema);
  } finally {
    await client.end();
  }
}

/** The rows of one query (parameters as `?`), on either database. */
export async function queryRows<T>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const target = resolveDatabase(databaseUrl);
  if (target.kind === "sqlite") {
    const db = new Database(target.path, { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  let n = 0;
  return withPostgres(
    databaseUrl,
    async (client) =>
      (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as T[],
  );
}

export async function countRows(databaseUrl: string, table: string): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(databaseUrl, `SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "${table}"`);
  return Number(row?.n);
}

/** turnId -> "speaker|chapter|text" for every turn. */
export async function turnsOf(databaseUrl: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ turnId: string; speakerId: string | null; number: number; text: string }>(
    databaseUrl,
    'SELECT t."turnId", t."speakerId", c."number", t."text" FROM "Turn" t JOIN "Chapter" c ON c."id" = t."chapterId" ORDER BY t."ordinal"',
  );
  return new Map(rows.map((r) => [r.turnId, `${r.speakerId}|${r.number}|${r.text}`]));
}

/**
 * What is served, as one hash: the SQLite file's bytes, or every table of the PostgreSQL schema
 * row by row (with the schema's object id, so a schema replaced by an identical one differs too).
 */
export async function servedState(databaseUrl: string): Promise<string> {
  const target = resolveDatabase(databaseUrl);
  if (target.kind === "sqlite") return createHash("sha256").update(readFileSync(target.path)).digest("hex");
  return withPostgres(databaseUrl, async (client, schema) => {
    const hash = createHash("sha256");
    const oid = await client.query("SELECT oid::text AS oid FROM pg_namespace WHERE nspname = $1", [schema]);
    hash.update(String(oid.rows[0]?.oid));
    const tables = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 ORDER BY 1", [
      schema,
    ]);
    for (const { name } of tables.rows) {
      const { rows } = await client.query(`SELECT md5(COALESCE(string_agg(r::text, E'\\n' ORDER BY r::text), '')) AS h FROM "${name}" r`);
      hash.update(`${name}:${rows[0]?.h}\n`);
    }
    return hash.digest("hex");
  });
}

/** What an ingest left beside the served library: files next to the SQLite file, schemas named <schema>__… */
export async function leftovers(databaseUrl: string): Promise<string[]> {
  const target = resolveDatabase(databaseUrl);
  if (target.kind === "sqlite") {
    const { readdirSync } = await import("node:fs");
    const path = await import("node:path");
    return readdirSync(path.dirname(target.path)).filter((name) => name !== path.basename(target.path));
  }
  return withPostgres(databaseUrl, async (client, schema) =>
    (
      await client.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)", [`${schema}__`])
    ).rows.map((r) => r.name),
  );
}
