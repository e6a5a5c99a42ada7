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
//   are parsed and validated, and the delta is applied to the live database in one transaction.
//   The result is the same database a full ingest would build, up to surrogate ids (Turn.id,
//   Chapter.id, Cue.id, search rowids: see docs/decisions.md), which tests/integration/
//   incremental.test.ts checks table by table.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { ProblemList } from "../content/content-error.ts";
import { listEpisodeFolders, loadSharedContent, type SharedContent } from "../content/load-library.ts";
import { rankEpisodes } from "./episode-rows.ts";
import { defaultWorkers, parseAll, type ParsedEpisode } from "./parse-episodes.ts";
import { episodeSource, folderSignature, sharedSources } from "./sources.ts";
import { fsyncFile, SqliteLibraryStore, type LibraryStore } from "./sqlite-store.ts";

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
   * writeMs writing rows and search documents, searchIndexMs indexes, vocabulary and FTS5 merge at the end.
   */
  timings: { loadMs: number; writeMs: number; searchIndexMs: number; totalMs: number };
}

export interface IngestOptions {
  contentDir: string;
  databasePath: string;
  migrationsDir: string;
  /** Rebuild everything even when the database could be updated incrementally. */
  full?: boolean;
  /** Parse worker threads; default: one per core for libraries of 32 episodes or more, else none. */
  workers?: number;
}

/** Everything whose change invalidates what the database holds: the ingest's code and the schema. */
function codeFingerprint(migrationsDir: string): string {
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

export async function ingestLibrary(options: IngestOptions): Promise<IngestSummary> {
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

  let reason = "--full";
  if (!options.full) {
    const live = SqliteLibraryStore.openLive(options.databasePath);
    if (!live) reason = existsSync(options.databasePath) ? "the database was not built by this ingest" : "no database yet";
    else if (live.getMeta("fingerprint") !== fingerprint) reason = "the ingest code or schema changed since the database was built";
    else if (live.getMeta("contentDir") !== root) reason = `the database was built from ${live.getMeta("contentDir")}`;
    else {
      try {
        return await ingestIncrementally(live, root, shared, options, started);
      } finally {
        live.close();
      }
    }
    live?.close();
  }
  return ingestFully(root, shared, fingerprint, options, reason, started);
}

async function ingestFully(
  root: string,
  shared: SharedContent,
  fingerprint: string,
  options: IngestOptions,
  reason: string,
  started: number,
): Promise<IngestSummary> {
  removeAbandonedBuilds(options.databasePath);
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
    renameSync(buildPath, options.databasePath);
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
  store: LibraryStore,
  root: string,
  shared: SharedContent,
  options: IngestOptions,
  started: number,
): Promise<IngestSummary> {
  const recorded = store.sources();
  const sharedNow = sharedSources(root);
  const inDatabase = store.episodeIndex();
  const slugs = listEpisodeFolders(root);
  const onDisk = new Set(slugs);

  // Which episodes to parse again: added or edited folders ...
  const toParse = new Set<string>();
  for (const slug of slugs) {
    const before = recorded.get(episodeSource(slug));
    const signature = folderSignature(path.join(root, "episodes", slug));
    if (!before || before.signature !== signature) toParse.add(slug);
  }
  const removed = inDatabase.map((e) => e.slug).filter((slug) => !onDisk.has(slug));

  // ... and those that depend on a shared file that changed.
  const changedShared = new Set<string>();
  for (const [source, hash] of sharedNow) if (recorded.get(source)?.hash !== hash) changedShared.add(source);
  for (const source of recorded.keys()) if (!source.startsWith("episode:") && !sharedNow.has(source)) changedShared.add(source);
  const peopleBefore = changedShared.size > 0 ? store.peopleNames() : new Map<string, string>();
  const topicsBefore = changedShared.size > 0 ? store.topicKeywords() : [];
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
    store.close();
    return ingestFully(
      root,
      shared,
      codeFingerprint(options.migrationsDir),
      options,
      "topic keywords changed: every turn is tagged again",
      started,
    );
  }

  const problems = new ProblemList();
  const results = new Map<string, ParsedEpisode>();
  const parseSome = async (list: string[]) =>
    parseAll({ root, shared }, list, options.workers ?? defaultWorkers(list.length), (result) => {
      results.set(result.slug, result);
    });
  await parseSome([...toParse]);

  // Quote ids across episodes: a collision with an unchanged episode is reported where a full
  // ingest reports it (the later of the two in folder order), so that episode is parsed too.
  const dbQuotes = store.quoteIds();
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

  // What to write: removed folders go; a parsed folder is written again when its bytes changed or
  // it depends on a changed shared file (a folder whose signature alone changed, e.g. after a
  // checkout, and one parsed only to check quote ids, keep their rows).
  const written: string[] = [];
  const counts = emptyCounts();
  const writeStarted = performance.now();
  store.begin();
  try {
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
    }
    for (const result of ordered) {
      const before = recorded.get(episodeSource(result.slug));
      if (!before || before.hash !== result.hash || dependents.has(result.slug)) {
        if (before) store.deleteEpisode(result.slug);
        store.insertEpisode(result.rows!);
        countRows(counts, result.rows!);
        written.push(result.slug);
      }
      store.setSource(episodeSource(result.slug), { hash: result.hash, signature: result.signature });
    }
    if (written.length > 0 || removed.length > 0) {
      // Only the episodes whose rank moved, and those just written (their documents have none yet).
      const before = rankEpisodes(inDatabase);
      const after = rankEpisodes(store.episodeIndex());
      const fresh = new Set(written);
      store.setRanks(new Map([...after].filter(([slug, rank]) => fresh.has(slug) || before.get(slug) !== rank)));
    }
    if (written.length > 0 || removed.length > 0 || changedShared.size > 0) store.writeEntities(shared);
    store.commit();
  } catch (error) {
    store.rollback();
    throw error;
  }
  const writeMs = performance.now() - writeStarted;
  const reasonParts = [
    `${written.length} episode${written.length === 1 ? "" : "s"} written`,
    `${removed.length} removed`,
    ...(changedShared.size > 0 ? [`changed: ${[...changedShared].join(", ")}`] : []),
  ];
  return {
    mode: "incremental",
    reason: reasonParts.join(", "),
    ...counts,
    shows: shared.shows.length,
    people: shared.people.length,
    topics: shared.topics.length,
    changed: { written, removed },
    timings: { loadMs: writeStarted - started, writeMs, searchIndexMs: 0, totalMs: performance.now() - started },
  };
}

/**
 * Quote ids are unique across the library. `refs` in folder order; `others` are ids of episodes
 * that were not parsed (unchanged, so they cannot collide with each other).
 */
function checkQuoteIds(
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

function emptyCounts() {
  return { episodes: 0, chapters: 0, turns: 0, cues: 0, participants: 0, quotes: 0, topicLinks: 0, searchDocuments: 0 };
}

function countRows(counts: ReturnType<typeof emptyCounts>, rows: NonNullable<ParsedEpisode["rows"]>): void {
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
