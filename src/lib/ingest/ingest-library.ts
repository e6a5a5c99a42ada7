// content/ -> the served database, either rebuilt whole or updated with what changed. The steps
// (what is parsed, checked and written) are ingest-flow.ts's, for both databases; this file is
// where they go in SQLite (files built or copied beside the served one and renamed over it) and
// ingest-postgres.ts where they go in PostgreSQL.
//
// Full ingest (`--full`, a missing database, or one built by other code or from another folder):
//   shared files (shows, people, topics) are read and validated first; episode folders are then
//   parsed and validated in worker threads while this thread writes their rows into a new file
//   next to the live one (bulk mode, see sqlite-store.ts). Only when every file validated (the
//   checks across episodes run at the end) is the file finished, fsync'ed and renamed over the
//   live one; on any problem the new file is deleted and the live database is untouched, as
//   before: nothing that is served is written before everything validated.
// Incremental ingest (the default when the live database was built by this code from the same
//   folder): each source's content hash (sources.ts) is compared with the one recorded; only the
//   episodes that were added, edited or removed, and those that depend on a changed shared file,
//   are parsed and validated, while the live file is copied next to it; the delta is applied to
//   the copy, which is fsync'ed and renamed over the live one, as a full ingest's new file is. The
//   served file is never written in place. With nothing to write, nothing is copied. The result is the same database a full ingest would build, up to surrogate ids (Turn.id,
//   Chapter.id, Cue.id, search rowids: see docs/decisions.md), which tests/integration/
//   incremental.test.ts checks table by table.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { copyFile } from "node:fs/promises";
import path from "node:path";
import { ProblemList } from "../content/content-error.ts";
import { loadSharedContent, type SharedContent } from "../content/load-library.ts";
import { resolveDatabase } from "../database-url.ts";
import { haltPoint } from "./halt-point.ts";
import {
  applyDelta,
  codeFingerprint,
  emptyCounts,
  fullSummary,
  incrementalSummary,
  nothingToWrite,
  parseChanges,
  planIncremental,
  writeWholeLibrary,
  type FullContext,
  type IngestOptions,
  type IngestSummary,
  type WrittenLibrary,
} from "./ingest-flow.ts";
import { ingestPostgresLibrary } from "./ingest-postgres.ts";
import { fsyncFile, recoverInterruptedWrite, SqliteLibraryStore, type LibraryStore } from "./sqlite-store.ts";

export { codeFingerprint } from "./ingest-flow.ts";
export type { IngestOptions, IngestSummary } from "./ingest-flow.ts";

type SqliteOptions = IngestOptions & { databasePath: string };

/** Ingests into the database options.databasePath or options.databaseUrl names (DATABASE_URL's forms: database-url.ts). */
export async function ingestLibrary(options: IngestOptions): Promise<IngestSummary> {
  const database = options.databasePath ? { kind: "sqlite" as const, path: options.databasePath } : resolveDatabase(options.databaseUrl);
  if (database.kind === "postgres") return ingestPostgresLibrary(options, database);
  return ingestSqliteLibrary({ ...options, databasePath: database.path });
}

async function ingestSqliteLibrary(options: SqliteOptions): Promise<IngestSummary> {
  const started = performance.now();
  const root = path.resolve(options.contentDir);
  const problems = new ProblemList();
  if (!existsSync(root)) {
    problems.add(options.contentDir, 1, "content directory does not exist");
    problems.throwIfAny();
  }
  const shared = loadSharedContent(root, problems);
  problems.throwIfAny();
  const fingerprint = codeFingerprint(options.migrationsDir);
  mkdirSync(path.dirname(options.databasePath), { recursive: true });
  removeAbandonedBuilds(options.databasePath);

  let reason = "--full";
  if (!options.full) {
    const served = SqliteLibraryStore.openServed(options.databasePath);
    if (!served) reason = existsSync(options.databasePath) ? "the database was not built by this ingest" : "no database yet";
    else if (served.getMeta("fingerprint") !== fingerprint) reason = "the ingest code or schema changed since the database was built";
    else if (served.getMeta("contentDir") !== root) reason = `the database was built from ${served.getMeta("contentDir")}`;
    else {
      try {
        return await ingestIncrementally(served, root, shared, options, started);
      } finally {
        served.close();
      }
    }
    served?.close();
  }
  return ingestFully(root, shared, fingerprint, options, reason, started);
}

async function ingestFully(
  root: string,
  shared: SharedContent,
  fingerprint: string,
  options: SqliteOptions,
  reason: string,
  started: number,
): Promise<IngestSummary> {
  const buildPath = `${options.databasePath}.building-${process.pid}`;
  rmSync(buildPath, { force: true });
  const context: FullContext = { root, shared, fingerprint, options, reason, started };
  try {
    const store = SqliteLibraryStore.build(buildPath, options.migrationsDir);
    let written: WrittenLibrary;
    try {
      written = await writeWholeLibrary(store, context);
    } finally {
      store.close();
    }
    fsyncFile(buildPath);
    haltPoint("full:built");
    discardInterruptedWrite(options.databasePath);
    renameSync(buildPath, options.databasePath);
    fsyncDirectory(path.dirname(options.databasePath));
    return fullSummary(context, written);
  } finally {
    if (existsSync(buildPath)) rmSync(buildPath, { force: true });
    rmSync(`${buildPath}-journal`, { force: true });
  }
}

async function ingestIncrementally(
  served: LibraryStore,
  root: string,
  shared: SharedContent,
  options: SqliteOptions,
  started: number,
): Promise<IngestSummary> {
  const plan = await planIncremental(served, root, shared, started);
  if (plan.topicsChanged) {
    served.close();
    return ingestFully(
      root,
      shared,
      codeFingerprint(options.migrationsDir),
      options,
      "topic keywords changed: every turn is tagged again",
      started,
    );
  }
  const counts = emptyCounts();
  if (nothingToWrite(plan)) return incrementalSummary(plan, counts, [], { loadMs: performance.now() - started });

  // The delta is applied to a copy of the served file, which then replaces it by rename(2), as a
  // full ingest's new file does: the served file is never written, so a failed or killed ingest
  // leaves it as it was and readers never wait for a writer. The copy is made in libuv's thread
  // pool (copy_file_range(2), in the kernel) while this thread parses and validates.
  const livePath = options.databasePath;
  const copyPath = `${livePath}.building-${process.pid}`;
  rmSync(copyPath, { force: true });
  const servedInode = statSync(livePath).ino;
  const copyStarted = performance.now();
  const copying = copyFile(livePath, copyPath).then(() => performance.now() - copyStarted);
  copying.catch(() => undefined); // awaited below, also when validation fails first
  try {
    const ordered = await parseChanges(served, plan, options);
    const parsedAt = performance.now();

    const copyMs = await copying;
    assertStillServed(livePath, servedInode);
    haltPoint("incremental:copied");

    const writeStarted = performance.now();
    const store = SqliteLibraryStore.openCopy(copyPath);
    let written: string[];
    try {
      store.begin();
      written = await applyDelta(store, plan, ordered, counts);
      store.commit();
    } finally {
      store.close();
    }
    const writeMs = performance.now() - writeStarted;
    haltPoint("incremental:applied");
    const syncStarted = performance.now();
    fsyncFile(copyPath);
    const syncMs = performance.now() - syncStarted;
    assertStillServed(livePath, servedInode);
    renameSync(copyPath, livePath);
    fsyncDirectory(path.dirname(livePath));
    haltPoint("incremental:renamed");
    return incrementalSummary(plan, counts, written, { loadMs: parsedAt - started, writeMs, copyMs, syncMs });
  } finally {
    // When validation failed, the copy may still be running: let it finish before removing its file.
    await copying.catch(() => undefined);
    rmSync(copyPath, { force: true });
  }
}

/** Incremental ingests run one at a time per database: another one's rename since this one began would be lost. */
function assertStillServed(livePath: string, inode: number): void {
  if (statSync(livePath).ino !== inode)
    throw new Error(`another ingest replaced ${livePath} while this one ran; nothing was changed by this one: run it again`);
}

/**
 * A hot journal beside the live file (left by an ingest of the earlier in-place kind, killed
 * mid-commit) would be rolled back into whatever file is renamed there next: it is rolled back
 * into the file it belongs to first, or removed when that file cannot be opened.
 */
function discardInterruptedWrite(livePath: string): void {
  try {
    recoverInterruptedWrite(livePath);
  } finally {
    rmSync(`${livePath}-journal`, { force: true });
  }
}

/** Makes a rename in `dir` durable. */
function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Build files left by an ingest that was killed (its process is gone) are removed. */
function removeAbandonedBuilds(databasePath: string): void {
  const dir = path.dirname(databasePath);
  const prefix = `${path.basename(databasePath)}.building-`;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) continue;
    rmSync(path.join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
