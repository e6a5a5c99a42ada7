import { DatabaseUrlError, resolveDatabase } from "./database-url";

export { DEFAULT_DATABASE_URL } from "./database-url";

/** The SQLite file named by DATABASE_URL ("file:<path>", relative to the working directory). */
export function resolveDatabasePath(databaseUrl: string | undefined = process.env.DATABASE_URL): string {
  const target = resolveDatabase(databaseUrl);
  if (target.kind !== "sqlite") throw new DatabaseUrlError(`DATABASE_URL names PostgreSQL (${target.display}), not a SQLite file`);
  return target.path;
}
