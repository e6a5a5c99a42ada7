// The one Prisma client of the app, opened read-only on the SQLite file built by the ingest.
// The ingest replaces that file atomically (rename); when the file under the path changes
// (new inode), the next request opens a client on the new file and the old one is closed after
// in-flight queries had time to finish. No request ever sees a half-written database.
import "server-only";
import { statSync } from "node:fs";
import { connection } from "next/server";
import { sqliteAdapter } from "./sqlite-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { resolveDatabasePath } from "./database-path";

interface OpenDatabase {
  ready: Promise<PrismaClient>;
  path: string;
  inode: number;
}

const globalForDb = globalThis as unknown as { podcastKbDatabase?: OpenDatabase };
const RETIRE_AFTER_MS = 30_000;
const MMAP_BYTES = 2 ** 31;
const CACHE_KIB = 64 * 1024;

export class DatabaseMissingError extends Error {
  constructor(readonly path: string) {
    super(`The database ${path} does not exist yet: run \`npm run ingest\` first.`);
    this.name = "DatabaseMissingError";
  }
}

async function open(path: string): Promise<PrismaClient> {
  const client = new PrismaClient({
    adapter: sqliteAdapter({ url: path, readonly: true, fileMustExist: true }),
  });
  // Read the file through memory mapping and a larger page cache: a search touches thousands of
  // scattered pages, and a system call per page costs more than the lookup itself.
  await client.$queryRawUnsafe(`PRAGMA mmap_size = ${MMAP_BYTES}`);
  await client.$queryRawUnsafe(`PRAGMA cache_size = -${CACHE_KIB}`);
  return client;
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
  const current = globalForDb.podcastKbDatabase;
  if (current && current.path === path && current.inode === inode) return current.ready;
  const ready = open(path);
  globalForDb.podcastKbDatabase = { ready, path, inode };
  if (current) setTimeout(() => void current.ready.then((client) => client.$disconnect()), RETIRE_AFTER_MS).unref();
  return ready;
}
