// Which database DATABASE_URL names. Pure.
//   file:<path>                 SQLite, the embedded default (file:./data/podcast-kb.db)
//   postgresql://…  postgres://…  PostgreSQL, in the schema named by ?schema= (default podcast_kb)
// The PostgreSQL schema belongs to the app: a full ingest builds the next library in a schema of
// its own and renames it into place (src/lib/ingest/postgres-store.ts), dropping the previous
// one, so it must not be a schema that holds anything else (`public` is refused).
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/podcast-kb.db";
export const DEFAULT_POSTGRES_SCHEMA = "podcast_kb";
/** Lower-case identifiers only (no quoting surprises), short enough for the ingest's "<schema>__build" names. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,39}$/;

export type DatabaseTarget =
  | { kind: "sqlite"; path: string }
  | {
      kind: "postgres";
      /** The connection string for the driver, without Prisma's `schema` parameter. */
      connectionString: string;
      schema: string;
      /** For messages: the URL without its password. */
      display: string;
    };

export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUrlError";
  }
}

export function resolveDatabase(databaseUrl: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  const url = databaseUrl && databaseUrl.trim() !== "" ? databaseUrl.trim() : DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(url)) return postgresTarget(url);
  if (!url.startsWith("file:"))
    throw new DatabaseUrlError(`DATABASE_URL must be file:<path> (SQLite) or postgresql://… (PostgreSQL), not '${redact(url)}'`);
  const filePath = url.replace(/^file:(\/\/)?/, "");
  if (filePath === "" || filePath === ":memory:") throw new DatabaseUrlError(`DATABASE_URL must name a SQLite file, got '${url}'`);
  return { kind: "sqlite", path: path.resolve(filePath.split("?")[0]!) };
}

function postgresTarget(url: string): DatabaseTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUrlError(`DATABASE_URL is not a valid PostgreSQL URL: '${redact(url)}'`);
  }
  const schema = parsed.searchParams.get("schema") ?? DEFAULT_POSTGRES_SCHEMA;
  if (!SCHEMA_NAME.test(schema))
    throw new DatabaseUrlError(
      `DATABASE_URL's schema must be lower-case letters, digits and _ (at most 40, not starting with a digit), not '${schema}'`,
    );
  if (schema === "public" || schema.startsWith("pg_"))
    throw new DatabaseUrlError(
      `DATABASE_URL's schema '${schema}' cannot hold the library: every full ingest replaces the library's schema whole, ` +
        `so it must be one of its own (leave ?schema= out for '${DEFAULT_POSTGRES_SCHEMA}')`,
    );
  parsed.searchParams.delete("schema");
  return { kind: "postgres", connectionString: parsed.toString(), schema, display: redact(parsed.toString()) };
}

/** The URL with its password replaced, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, "$1***@");
}
