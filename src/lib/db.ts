// The one Prisma client of the app, opened read-only on the SQLite file built by the ingest.
// The ingest replaces that file atomically (rename); when the file under the path changes
// (new inode), the next request opens a client on the new file and the old one is closed after
// in-flight queries had time to finish. No request ever sees a half-written database.
import "server-only";
import { statSync } from "node:fs";
import { connection } from "next/server";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { resolveDatabasePath } from "./database-path";

interface OpenDatabase {
  client: PrismaClient;
  path: string;
  inode: number;
}

const globalForDb = globalThis as unknown as { podcastKbDatabase?: OpenDatabase };
const RETIRE_AFTER_MS = 30_000;

export class DatabaseMissingError extends Error {
  constructor(readonly path: string) {
    super(`The database ${path} does not exist yet: run \`npm run ingest\` first.`);
    this.name = "DatabaseMissingError";
  }
}

export async function getDb(): Promise<PrismaClient> {
  // Queries must run per request, never at build time: the database changes with each ingest.
  if (process.env.NEXT_RUNTIME) await connection();
  const path = resolveDatabasePath();
  let inode: number;
  try {
    inode = statSync(path).ino;
  } catch {
    throw new DatabaseMissingError(path);
  }
  const open = globalForDb.podcastKbDatabase;
  if (open && open.path === path && open.inode === inode) return open.client;
  const client = new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: path, readonly: true, fileMustExist: true }),
  });
  globalForDb.podcastKbDatabase = { client, path, inode };
  if (open) setTimeout(() => void open.client.$disconnect(), RETIRE_AFTER_MS).unref();
  return client;
}
