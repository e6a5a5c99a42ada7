import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/podcast-kb.db";

/** The SQLite file named by DATABASE_URL ("file:<path>", relative to the working directory). */
export function resolveDatabasePath(databaseUrl: string | undefined = process.env.DATABASE_URL): string {
  const url = databaseUrl && databaseUrl.trim() !== "" ? databaseUrl.trim() : DEFAULT_DATABASE_URL;
  const filePath = url.replace(/^file:(\/\/)?/, "");
  if (filePath === "" || filePath === ":memory:") throw new Error(`DATABASE_URL must name a SQLite file, got '${url}'`);
  return path.resolve(filePath.split("?")[0]!);
}
