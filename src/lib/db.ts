// The one Prisma client of the app, on the database DATABASE_URL names (src/lib/database-url.ts).
//
// SQLite (file:…, the embedded default): opened read-only on the file built by the ingest. A full
//   ingest replaces that file atomically (rename); when the file under the path changes (new
//   inode), the next request opens a client on the new file and the old one is closed after
//   in-flight queries had time to finish. An incremental ingest commits in place (SQLite's
//   journal makes the commit atomic). No request ever sees a half-written database.
// PostgreSQL (postgresql://…): one pooled client (@prisma/adapter-pg) on the library's schema. A full
//   ingest renames its freshly built schema into place in one transaction and an incremental one
//   commits one transaction (src/lib/ingest/postgres-store.ts), so each statement sees the old
//   library or the new one; nothing to reopen. Several app servers may share the database.
//
// Whatever a process keeps between requests (search results, the audio origins) is keyed on
// dataVersion(), which changes with every ingest, so no server answers from a library that was
// replaced.
import "server-only";
import { statSync } from "node:fs";
import { connection } from "next/server";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { sqliteAdapter } from "./sqlite-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/prisma-pg/client";
import { resolveDatabase, type DatabaseTarget } from "./database-url";

export type DatabaseKind = "sqlite" | "postgres";

interface OpenDatabase {
  ready: Promise<PrismaClient>;
  /** The file path (SQLite) or connection string and schema (PostgreSQL). */
  key: string;
  /** SQLite: the file's inode; PostgreSQL: 0. */
  inode: number;
  kind: DatabaseKind;
}

const globalForDb = globalThis as unknown as { podcastKbDatabase?: OpenDatabase };
/**
 * What a client of getDb() is, kept on the client itself: Next.js may bundle this module more than
 * once (proxy, routes, pages), and every copy shares the one client of globalForDb, so module-level
 * maps would not know each other's clients.
 */
const ABOUT = Symbol.for("podcast-kb.database");
type About = { kind: DatabaseKind; pool?: pg.Pool };
const about = (client: object): About | undefined => (client as { [ABOUT]?: About })[ABOUT];
function describe(client: object, value: About): void {
  Object.defineProperty(client, ABOUT, { value, enumerable: false });
}
const RETIRE_AFTER_MS = 30_000;
const MMAP_BYTES = 2 ** 31;
const CACHE_KIB = 64 * 1024;
/** Connections per app process (PostgreSQL's default max_connections is 100). */
const POSTGRES_POOL_SIZE = 10;

export class DatabaseMissingError extends Error {
  constructor(readonly path: string) {
    super(`The database ${path} does not exist yet: run \`npm run ingest\` first.`);
    this.name = "DatabaseMissingError";
  }
}

async function openSqlite(path: string): Promise<PrismaClient> {
  const client = new PrismaClient({
    adapter: sqliteAdapter({ url: path, readonly: true, fileMustExist: true }),
  });
  // Read the file through memory mapping and a larger page cache: a search touches thousands of
  // scattered pages, and a system call per page costs more than the lookup itself.
  await client.$queryRawUnsafe(`PRAGMA mmap_size = ${MMAP_BYTES}`);
  await client.$queryRawUnsafe(`PRAGMA cache_size = -${CACHE_KIB}`);
  describe(client, { kind: "sqlite" });
  return client;
}

/** The pool's connections read the library's schema: raw SQL names tables without a schema. */
export function postgresPool(target: Extract<DatabaseTarget, { kind: "postgres" }>, max = POSTGRES_POOL_SIZE): pg.Pool {
  return new pg.Pool({
    connectionString: target.connectionString,
    options: `-c search_path="${target.schema}"`,
    max,
    application_name: "podcast-kb",
  });
}

async function openPostgres(target: Extract<DatabaseTarget, { kind: "postgres" }>): Promise<PrismaClient> {
  const pool = postgresPool(target);
  const client = new PostgresPrismaClient({ adapter: new PrismaPg(pool, { schema: target.schema, disposeExternalPool: true }) });
  const [found] = await client.$queryRaw<
    Array<{ table: string | null }>
  >`SELECT to_regclass(${`"${target.schema}"."ingest_meta"`})::text AS "table"`;
  if (!found?.table) {
    await client.$disconnect();
    throw new DatabaseMissingError(`schema '${target.schema}' of ${target.display}`);
  }
  // The generated clients differ only in their provider: the data layer is written once, against
  // the SQLite client's types.
  describe(client, { kind: "postgres", pool });
  return client as unknown as PrismaClient;
}

export async function getDb(): Promise<PrismaClient> {
  // Queries must run per request, never at build time: the database changes with each ingest.
  if (process.env.NEXT_RUNTIME) await connection();
  const target = resolveDatabase();
  const current = globalForDb.podcastKbDatabase;
  let key: string;
  let inode = 0;
  if (target.kind === "sqlite") {
    key = target.path;
    try {
      inode = statSync(target.path).ino;
    } catch {
      throw new DatabaseMissingError(target.path);
    }
  } else {
    key = `${target.connectionString}#${target.schema}`;
  }
  if (current && current.key === key && current.inode === inode) return current.ready;
  const ready = target.kind === "sqlite" ? openSqlite(target.path) : openPostgres(target);
  const opened: OpenDatabase = { ready, key, inode, kind: target.kind };
  globalForDb.podcastKbDatabase = opened;
  // A database that could not be opened (not ingested yet) is tried again by the next request.
  ready.catch(() => {
    if (globalForDb.podcastKbDatabase === opened) globalForDb.podcastKbDatabase = undefined;
  });
  if (current) setTimeout(() => void current.ready.then((client) => client.$disconnect()).catch(() => {}), RETIRE_AFTER_MS).unref();
  return ready;
}

/** Which database a client of getDb() reads. */
export function databaseKind(client: PrismaClient): DatabaseKind {
  const kind = about(client)?.kind;
  if (!kind) throw new Error("not a client of getDb()");
  return kind;
}

/** The connection pool under a PostgreSQL client of getDb(): the search engine queries it directly. */
export function postgresPoolOf(client: PrismaClient): pg.Pool {
  const pool = about(client)?.pool;
  if (!pool) throw new Error("not a PostgreSQL client of getDb()");
  return pool;
}

/**
 * A value that changes whenever an ingest commits: SQLite's data_version (per connection: it moves
 * when another connection, the ingest, commits; a full ingest's new file gets a new client anyway),
 * or the version the PostgreSQL ingest writes into its ingest_meta table in the same transaction
 * as the data (one indexed read). Caches of derived data key on it.
 */
export async function dataVersion(client: PrismaClient): Promise<string> {
  if (databaseKind(client) === "sqlite") {
    const [row] = await client.$queryRawUnsafe<Array<{ data_version: number | bigint }>>("PRAGMA data_version");
    return String(row?.data_version);
  }
  const [row] = await client.$queryRaw<Array<{ value: string }>>`SELECT "value" FROM "ingest_meta" WHERE "key" = 'version'`;
  return row?.value ?? "";
}
