// content/ -> the served database, either rebuilt whole or updated with what changed.
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
import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { copyFile } from "node:fs/promises";
import path from "node:path";
import { ProblemList } from "../content/content-error.ts";
import { listEpisodeFolders, loadSharedContent, type SharedContent } from "../content/load-library.ts";
import { rankEpisodes } from "./episode-rows.ts";
import { defaultWorkers, parseAll, type ParsedEpisode } from "./parse-episodes.ts";
import { resolveDatabase } from "../database-url.ts";
import { haltPoint } from "./halt-point.ts";
import { ingestPostgresLibrary } from "./ingest-postgres.ts";
import { episodeSource, folderHash, folderSignature, sharedSources } from "./sources.ts";
import { fsyncFile, recoverInterruptedWrite, SqliteLibraryStore, type LibraryStore, type SourceRecord } from "./sqlite-store.ts";

export interface IngestSummary {
  mode: "full" | "incremental";
  /** Why a full ingest was chosen, or what an incremental one changed. */
  reason: string;
  shows: number;
  episodes: number;
  chapters: number;
  turns: number;
  cues: number;
  participants: number;
  people: number;
  quotes: number;
  topics: number;
  topicLinks: number;
  searchDocuments: number;
  /** Incremental: episodes written again (added, edited or depending on a changed file) and removed. */
  changed: { written: string[]; removed: string[] };
  /**
   * Where the time went. Full: loadMs until every episode was parsed (parsing overlaps writing),
   * writeMs writing rows and search documents, searchIndexMs indexes, vocabulary and FTS5 merge at
   * the end. Incremental: loadMs until the changes were parsed and validated, copyMs copying the
   * live file (it overlaps loading), writeMs applying the delta to the copy, syncMs its fsync.
   */
  timings: { loadMs: number; writeMs: number; searchIndexMs: number; totalMs: number; copyMs?: number; syncMs?: number };
}

export interface IngestOptions {
  contentDir: string;
  /** The SQLite file; or give databaseUrl (file:… or postgresql://…, as DATABASE_URL). */
  databasePath?: string;
  databaseUrl?: string;
  /** SQLite's migrations (prisma/migrations); PostgreSQL's are in ../postgresql/migrations beside it. */
  migrationsDir: string;
  /** Rebuild everything even when the database could be updated incrementally. */
  full?: boolean;
  /** Parse worker threads; default: one per core for libraries of 32 episodes or more, else none. */
  workers?: number;
}

/** Everything whose change invalidates what the database holds: the ingest's code and the schema. */
export function codeFingerprint(migrationsDir: string): string {
  const hash = createHash("sha256");
  const lib = path.resolve(import.meta.dirname, "..");
  const dirs = ["content", "content/importers", "ingest", "search", "reader"].map((d) => path.join(lib, d));
  for (const dir of [...dirs, migrationsDir]) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isFile()) continue;
      const abs = path.join(entry.parentPath, entry.name);
      hash.update(path.relative(lib, abs)).update("\0").update(readFileSync(abs)).update("\0");
    }
  }
  const lock = path.resolve(lib, "../../package-lock.json");
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return hash.digest("hex");
}

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
  const problems = new ProblemList();
  try {
    const store = SqliteLibraryStore.build(buildPath, options.migrationsDir);
    let loadMs = 0;
    let writeMs = 0;
    const finishStarted = { at: 0 };
    const counts = emptyCounts();
    try {
      store.begin();
      store.writeShows(shared.shows);
      store.writePeople(shared.people);
      store.writeTopics(shared.topics);
      for (const [source, hash] of sharedSources(root)) store.setSource(source, { hash, signature: null });
      const slugs = listEpisodeFolders(root);
      const parsed: Array<{ slug: string; publishedAt: string; quoteRefs: ParsedEpisode["quoteRefs"] }> = [];
      await parseAll({ root, shared }, slugs, options.workers ?? defaultWorkers(slugs.length), (result) => {
        problems.problems.push(...result.problems);
        if (!result.rows || problems.problems.length > 0) {
          parsed.push({ slug: result.slug, publishedAt: "", quoteRefs: result.quoteRefs });
          return; // keep validating; nothing more is written
        }
        const t = performance.now();
        store.insertEpisode(result.rows);
        haltPoint("full:writing");
        store.setSource(episodeSource(result.slug), { hash: result.hash, signature: result.signature });
        writeMs += performance.now() - t;
        countRows(counts, result.rows);
        parsed.push({ slug: result.slug, publishedAt: result.rows.publishedAt, quoteRefs: result.quoteRefs });
      });
      loadMs = performance.now() - started;
      checkQuoteIds(parsed, problems);
      problems.throwIfAny();
      finishStarted.at = performance.now();
      store.setRanks(rankEpisodes(parsed));
      store.setMeta("fingerprint", fingerprint);
      store.setMeta("contentDir", root);
      store.writeEntities(shared);
      store.commit();
      store.finishBuild();
    } finally {
      store.close();
    }
    fsyncFile(buildPath);
    haltPoint("full:built");
    discardInterruptedWrite(options.databasePath);
    renameSync(buildPath, options.databasePath);
    fsyncDirectory(path.dirname(options.databasePath));
    const searchIndexMs = performance.now() - finishStarted.at;
    return {
      mode: "full",
      reason,
      ...counts,
      shows: shared.shows.length,
      people: shared.people.length,
      topics: shared.topics.length,
      changed: { written: [], removed: [] },
      timings: { loadMs, writeMs, searchIndexMs, totalMs: performance.now() - started },
    };
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
  const recorded = served.sources();
  const sharedNow = sharedSources(root);
  const inDatabase = served.episodeIndex();
  const slugs = listEpisodeFolders(root);
  const onDisk = new Set(slugs);

  // Which episodes to parse again: added folders and folders whose bytes changed. A folder whose
  // stat signature is the one recorded is not read; one whose signature changed is hashed, and
  // parsed only when its hash is not the one recorded (a checkout or a save without changes only
  // touches modification times).
  const toParse = new Set<string>();
  const touched = new Map<string, SourceRecord>();
  for (const slug of slugs) {
    const before = recorded.get(episodeSource(slug));
    const dir = path.join(root, "episodes", slug);
    const signature = folderSignature(dir);
    if (before?.signature === signature) continue;
    if (before && folderHash(dir) === before.hash) touched.set(slug, { hash: before.hash, signature });
    else toParse.add(slug);
  }
  const removed = inDatabase.map((e) => e.slug).filter((slug) => !onDisk.has(slug));

  // ... and those that depend on a shared file that changed.
  const changedShared = new Set<string>();
  for (const [source, hash] of sharedNow) if (recorded.get(source)?.hash !== hash) changedShared.add(source);
  for (const source of recorded.keys()) if (!source.startsWith("episode:") && !sharedNow.has(source)) changedShared.add(source);
  const peopleBefore = changedShared.size > 0 ? served.peopleNames() : new Map<string, string>();
  const topicsBefore = changedShared.size > 0 ? served.topicKeywords() : [];
  const peopleNow = new Map(shared.people.map((p) => [p.id, p.name]));
  const showsNow = new Set(shared.shows.map((s) => s.id));
  const dependents = new Set<string>();
  const reparseIf = (test: (e: (typeof inDatabase)[number]) => boolean) => {
    for (const e of inDatabase)
      if (onDisk.has(e.slug) && test(e)) {
        toParse.add(e.slug);
        dependents.add(e.slug);
      }
  };
  for (const source of changedShared) {
    const [kind, id] = source.split(":") as [string, string | undefined];
    // A person's name resolves speaker headings: episodes with that participant are parsed again.
    if (kind === "person" && peopleBefore.get(id!) !== peopleNow.get(id!)) reparseIf((e) => e.people.includes(id!));
    // An episode of a show that no longer exists must fail validation as a full ingest would.
    if (kind === "show" && !showsNow.has(id!)) reparseIf((e) => e.showId === id);
  }
  const topicsNow = shared.topics.map((t) => ({ id: t.id, keywords: JSON.stringify(t.keywords) }));
  if (changedShared.has("topics") && JSON.stringify(topicsNow) !== JSON.stringify(topicsBefore)) {
    // Keywords tag every turn of every episode: as much work as a full ingest, so do that.
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
  const summary = (written: string[], timings: Partial<IngestSummary["timings"]>): IngestSummary => ({
    mode: "incremental",
    reason: [
      `${written.length} episode${written.length === 1 ? "" : "s"} written`,
      `${removed.length} removed`,
      ...(changedShared.size > 0 ? [`changed: ${[...changedShared].join(", ")}`] : []),
    ].join(", "),
    ...counts,
    shows: shared.shows.length,
    people: shared.people.length,
    topics: shared.topics.length,
    changed: { written, removed },
    timings: { loadMs: 0, writeMs: 0, searchIndexMs: 0, ...timings, totalMs: performance.now() - started },
  });
  // Nothing to write: the served file is left alone (the new signatures of touched folders are
  // recorded with the next change; until then those folders are hashed again, not parsed).
  if (toParse.size === 0 && removed.length === 0 && changedShared.size === 0)
    return summary([], { loadMs: performance.now() - started });

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
    const problems = new ProblemList();
    const results = new Map<string, ParsedEpisode>();
    const parseSome = async (list: string[]) =>
      parseAll({ root, shared }, list, options.workers ?? defaultWorkers(list.length), (result) => {
        results.set(result.slug, result);
      });
    await parseSome([...toParse]);

    // Quote ids across episodes: a collision with an unchanged episode is reported where a full
    // ingest reports it (the later of the two in folder order), so that episode is parsed too.
    const dbQuotes = served.quoteIds();
    const collisions = new Set<string>();
    for (const result of results.values())
      for (const ref of result.quoteRefs) {
        const owner = dbQuotes.get(ref.id);
        if (owner && owner !== result.slug && !results.has(owner) && onDisk.has(owner)) collisions.add(owner);
      }
    if (collisions.size > 0) await parseSome([...collisions]);
    const ordered = [...results.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1));
    for (const result of ordered) problems.problems.push(...result.problems);
    checkQuoteIds(
      ordered.map((r) => ({ slug: r.slug, quoteRefs: r.quoteRefs })),
      problems,
      new Map([...dbQuotes].filter(([, slug]) => !results.has(slug) && onDisk.has(slug))),
      root,
    );
    problems.throwIfAny();
    const parsedAt = performance.now();

    const copyMs = await copying;
    assertStillServed(livePath, servedInode);
    haltPoint("incremental:copied");

    // What to write: removed folders go; a parsed folder is written again when its bytes changed or
    // it depends on a changed shared file (one parsed only to check quote ids keeps its rows).
    const written: string[] = [];
    const writeStarted = performance.now();
    const store = SqliteLibraryStore.openCopy(copyPath);
    try {
      store.begin();
      if (changedShared.size > 0) {
        store.writeShows(shared.shows);
        store.writePeople(shared.people);
        store.writeTopics(shared.topics);
        for (const source of changedShared) {
          const hash = sharedNow.get(source);
          if (hash) store.setSource(source, { hash, signature: null });
          else store.deleteSource(source);
        }
      }
      for (const slug of removed) {
        store.deleteEpisode(slug);
        store.deleteSource(episodeSource(slug));
        haltPoint("incremental:applying");
      }
      for (const result of ordered) {
        const before = recorded.get(episodeSource(result.slug));
        if (!before || before.hash !== result.hash || dependents.has(result.slug)) {
          if (before) store.deleteEpisode(result.slug);
          haltPoint("incremental:applying");
          store.insertEpisode(result.rows!);
          countRows(counts, result.rows!);
          written.push(result.slug);
        }
        store.setSource(episodeSource(result.slug), { hash: result.hash, signature: result.signature });
      }
      for (const [slug, record] of touched) store.setSource(episodeSource(slug), record);
      if (written.length > 0 || removed.length > 0) {
        // Only the episodes whose rank moved, and those just written (their documents have none yet).
        const before = rankEpisodes(inDatabase);
        const after = rankEpisodes(store.episodeIndex());
        const fresh = new Set(written);
        store.setRanks(new Map([...after].filter(([slug, rank]) => fresh.has(slug) || before.get(slug) !== rank)));
      }
      store.writeEntities(shared);
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
    return summary(written, { loadMs: parsedAt - started, writeMs, copyMs, syncMs });
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
 * Quote ids are unique across the library. `refs` in folder order; `others` are ids of episodes
 * that were not parsed (unchanged, so they cannot collide with each other).
 */
export function checkQuoteIds(
  refs: Array<{ slug: string; quoteRefs: ParsedEpisode["quoteRefs"] }>,
  problems: ProblemList,
  others: Map<string, string> = new Map(),
  root = "",
): void {
  const lastFile = new Map<string, { slug: string; file: string }>();
  const otherFile = (slug: string) => path.join(path.basename(root), "episodes", slug, "quotes.md");
  const sorted = [...refs].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  for (const { slug, quoteRefs } of sorted) {
    for (const ref of quoteRefs) {
      const previous =
        lastFile.get(ref.id) ??
        (others.has(ref.id) && others.get(ref.id)! < slug
          ? { slug: others.get(ref.id)!, file: otherFile(others.get(ref.id)!) }
          : undefined);
      if (previous && previous.slug !== slug) problems.add(ref.file, ref.line, `quote id '${ref.id}' is already used in ${previous.file}`);
      lastFile.set(ref.id, { slug, file: ref.file });
    }
  }
}

export function emptyCounts() {
  return { episodes: 0, chapters: 0, turns: 0, cues: 0, participants: 0, quotes: 0, topicLinks: 0, searchDocuments: 0 };
}

export function countRows(counts: ReturnType<typeof emptyCounts>, rows: NonNullable<ParsedEpisode["rows"]>): void {
  counts.episodes += 1;
  counts.chapters += rows.chapters.length;
  counts.turns += rows.turns.length;
  counts.participants += rows.participants.length;
  counts.quotes += rows.quotes.length;
  counts.searchDocuments += rows.turns.length + rows.quotes.length;
  for (const turn of rows.turns) {
    counts.cues += turn.cues.length;
    counts.topicLinks += turn.topics.length;
  }
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
