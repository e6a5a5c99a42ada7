// The ingest into PostgreSQL (DATABASE_URL=postgresql://…): the steps of ingest-flow.ts, which the
// SQLite path (ingest-library.ts) takes too, through an asynchronous store (postgres-store.ts) and a
// target that makes a full ingest atomic: the next library is built in a schema of its own and
// renamed into place in one transaction. An incremental ingest applies its delta to the served
// schema in one transaction (readers see the old library until COMMIT, then the new one).
import { existsSync } from "node:fs";
import path from "node:path";
import { ProblemList } from "../content/content-error.ts";
import { loadSharedContent, type SharedContent } from "../content/load-library.ts";
import type { DatabaseTarget } from "../database-url.ts";
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
import { PostgresTarget, type AsyncLibraryStore } from "./postgres-store.ts";

type LibraryStore = AsyncLibraryStore;

/** Where a PostgreSQL ingest writes: the library's schema, replaced whole by a full ingest (postgres-store.ts). */
export interface IngestTarget {
  readonly migrationsDir: string;
  /** Exclusive among ingests of the schema until release() (an advisory lock). */
  acquire(): Promise<void>;
  release(): Promise<void>;
  /** Whether a library is there at all (for the reason a full ingest gives). */
  exists(): Promise<boolean>;
  /** The served library, or null when it cannot be updated incrementally (missing, or not built by this ingest). */
  openLive(): Promise<LibraryStore | null>;
  /** A new, empty library beside the served one, ready for a bulk insert; finishBuild() completes it. */
  startBuild(): Promise<LibraryStore & { finishBuild(): void | Promise<void> }>;
  /** After the build store was closed: make the new library the served one. */
  publish(): Promise<void>;
  /** Whatever a build left (called after publish() too, and after any failure). */
  discardBuild(): Promise<void>;
}

export async function ingestPostgresLibrary(
  options: IngestOptions,
  database: Extract<DatabaseTarget, { kind: "postgres" }>,
): Promise<IngestSummary> {
  const started = performance.now();
  const root = path.resolve(options.contentDir);
  const problems = new ProblemList();
  if (!existsSync(root)) {
    problems.add(options.contentDir, 1, "content directory does not exist");
    problems.throwIfAny();
  }
  const shared = loadSharedContent(root, problems);
  problems.throwIfAny();
  const target: IngestTarget = new PostgresTarget(database, path.join(options.migrationsDir, "..", "postgresql", "migrations"));
  const fingerprint = codeFingerprint(target.migrationsDir);
  await target.acquire();
  try {
    let reason = "--full";
    if (!options.full) {
      const live = await target.openLive();
      if (!live) reason = (await target.exists()) ? "the database was not built by this ingest" : "no database yet";
      else if ((await live.getMeta("fingerprint")) !== fingerprint)
        reason = "the ingest code or schema changed since the database was built";
      else if ((await live.getMeta("contentDir")) !== root) reason = `the database was built from ${await live.getMeta("contentDir")}`;
      else {
        let closed = false;
        try {
          return await ingestIncrementally(live, target, root, shared, options, started, () => (closed = true));
        } finally {
          if (!closed) await live.close();
        }
      }
      await live?.close();
    }
    return await ingestFully(target, root, shared, fingerprint, options, reason, started);
  } finally {
    await target.release();
  }
}

async function ingestFully(
  target: IngestTarget,
  root: string,
  shared: SharedContent,
  fingerprint: string,
  options: IngestOptions,
  reason: string,
  started: number,
): Promise<IngestSummary> {
  const context: FullContext = { root, shared, fingerprint, options, reason, started };
  try {
    const store = await target.startBuild();
    let written: WrittenLibrary;
    try {
      written = await writeWholeLibrary(store, context);
    } finally {
      await store.close();
    }
    haltPoint("full:built");
    await target.publish();
    return fullSummary(context, written);
  } finally {
    await target.discardBuild();
  }
}

async function ingestIncrementally(
  store: LibraryStore,
  target: IngestTarget,
  root: string,
  shared: SharedContent,
  options: IngestOptions,
  started: number,
  onClose: () => void,
): Promise<IngestSummary> {
  const plan = await planIncremental(store, root, shared, started);
  if (plan.topicsChanged) {
    await store.close();
    onClose();
    return ingestFully(
      target,
      root,
      shared,
      codeFingerprint(target.migrationsDir),
      options,
      "topic keywords changed: every turn is tagged again",
      started,
    );
  }
  const counts = emptyCounts();
  if (nothingToWrite(plan)) return incrementalSummary(plan, counts, [], { loadMs: performance.now() - started });
  const ordered = await parseChanges(store, plan, options);
  // The delta goes to the served schema in one transaction: readers see the old library until COMMIT.
  const writeStarted = performance.now();
  await store.begin();
  let written: string[];
  try {
    written = await applyDelta(store, plan, ordered, counts);
    await store.commit();
  } catch (error) {
    await store.rollback();
    throw error;
  }
  return incrementalSummary(plan, counts, written, { loadMs: writeStarted - started, writeMs: performance.now() - writeStarted });
}
