// The ingest's steps, once for both databases: what a full ingest writes into a new library, and
// what an incremental one finds changed, parses, checks and applies. Where the library lives and
// how a new one replaces the served one is the caller's: ingest-library.ts (a SQLite file built or
// copied beside the served one and renamed over it) and ingest-postgres.ts (a schema built beside
// the served one and renamed into place, or one transaction on the served schema).
// A store answers at once (sqlite-store.ts) or with promises (postgres-store.ts): every answer is
// awaited, which costs the synchronous store nothing but a microtask.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { ProblemList } from "../content/content-error.ts";
import { listEpisodeFolders, type SharedContent } from "../content/load-library.ts";
import { rankEpisodes } from "./episode-rows.ts";
import { haltPoint } from "./halt-point.ts";
import { defaultWorkers, parseAll, type ParsedEpisode } from "./parse-episodes.ts";
import type { LibraryStore, SourceRecord } from "./sqlite-store.ts";
import { episodeSource, folderHash, folderSignature, sharedSources } from "./sources.ts";

/** What the ingest needs from a database (sqlite-store.ts's LibraryStore), answered at once or with promises. */
export type IngestStore = {
  [K in Exclude<keyof LibraryStore, "mode">]: LibraryStore[K] extends (...args: infer A) => infer R
    ? (...args: A) => R | Promise<R>
    : never;
};

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
   * live file (SQLite; it overlaps loading), writeMs applying the delta, syncMs the copy's fsync.
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

const isPromise = (value: unknown): value is Promise<unknown> => value instanceof Promise;

export function emptyCounts() {
  return { episodes: 0, chapters: 0, turns: 0, cues: 0, participants: 0, quotes: 0, topicLinks: 0, searchDocuments: 0 };
}
export type RowCounts = ReturnType<typeof emptyCounts>;

export function countRows(counts: RowCounts, rows: NonNullable<ParsedEpisode["rows"]>): void {
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

export interface FullContext {
  root: string;
  shared: SharedContent;
  fingerprint: string;
  options: IngestOptions;
  reason: string;
  /** performance.now() when the ingest began. */
  started: number;
}

export interface WrittenLibrary {
  counts: RowCounts;
  loadMs: number;
  writeMs: number;
  /** performance.now() when every episode was parsed and validated and the finish began. */
  finishStarted: number;
}

/**
 * Writes the whole library into an empty store: shared files, then every episode folder as its
 * worker parses it (the parse waits for a store that writes over the network), then, when every
 * file validated, ranks, entities and the finish (indexes). Throws ContentValidationError with
 * every problem found, having committed nothing; the caller publishes the store or discards it.
 */
export async function writeWholeLibrary(
  store: IngestStore & { finishBuild(): void | Promise<void> },
  context: FullContext,
): Promise<WrittenLibrary> {
  const { root, shared, options } = context;
  const problems = new ProblemList();
  const counts = emptyCounts();
  let writeMs = 0;
  await store.begin();
  await store.writeShows(shared.shows);
  await store.writePeople(shared.people);
  await store.writeTopics(shared.topics);
  for (const [source, hash] of sharedSources(root)) await store.setSource(source, { hash, signature: null });
  const slugs = listEpisodeFolders(root);
  const parsed: Array<{ slug: string; publishedAt: string; quoteRefs: ParsedEpisode["quoteRefs"] }> = [];
  await parseAll({ root, shared }, slugs, options.workers ?? defaultWorkers(slugs.length), (result) => {
    problems.problems.push(...result.problems);
    if (!result.rows || problems.problems.length > 0) {
      parsed.push({ slug: result.slug, publishedAt: "", quoteRefs: result.quoteRefs });
      return; // keep validating; nothing more is written
    }
    const t = performance.now();
    const inserted = store.insertEpisode(result.rows);
    haltPoint("full:writing");
    const recorded = store.setSource(episodeSource(result.slug), { hash: result.hash, signature: result.signature });
    writeMs += performance.now() - t;
    countRows(counts, result.rows);
    parsed.push({ slug: result.slug, publishedAt: result.rows.publishedAt, quoteRefs: result.quoteRefs });
    if (isPromise(inserted) || isPromise(recorded)) return Promise.all([inserted, recorded]).then(() => {});
  });
  const loadMs = performance.now() - context.started;
  checkQuoteIds(parsed, problems);
  problems.throwIfAny();
  const finishStarted = performance.now();
  await store.setRanks(rankEpisodes(parsed));
  await store.setMeta("fingerprint", context.fingerprint);
  await store.setMeta("contentDir", root);
  await store.writeEntities(shared);
  await store.commit();
  await store.finishBuild();
  return { counts, loadMs, writeMs, finishStarted };
}

export function fullSummary(context: FullContext, written: WrittenLibrary): IngestSummary {
  return {
    mode: "full",
    reason: context.reason,
    ...written.counts,
    shows: context.shared.shows.length,
    people: context.shared.people.length,
    topics: context.shared.topics.length,
    changed: { written: [], removed: [] },
    timings: {
      loadMs: written.loadMs,
      writeMs: written.writeMs,
      searchIndexMs: performance.now() - written.finishStarted,
      totalMs: performance.now() - context.started,
    },
  };
}

type EpisodeIndex = Awaited<ReturnType<IngestStore["episodeIndex"]>>;

/** What an incremental ingest found changed since the served library was written. */
export interface IncrementalPlan {
  root: string;
  shared: SharedContent;
  started: number;
  recorded: Map<string, SourceRecord>;
  sharedNow: Map<string, string>;
  inDatabase: EpisodeIndex;
  onDisk: Set<string>;
  /** Added folders, folders whose bytes changed, and those depending on a changed shared file. */
  toParse: Set<string>;
  /** Folders whose stat signature changed but not their bytes: only their new signature is recorded. */
  touched: Map<string, SourceRecord>;
  removed: string[];
  changedShared: Set<string>;
  /** Unchanged folders written again because a shared file they depend on changed. */
  dependents: Set<string>;
  /** Topic keywords changed: every turn is tagged again, as much work as a full ingest (do that). */
  topicsChanged: boolean;
}

/**
 * Compares the served library's recorded sources with the folder. A folder whose stat signature is
 * the one recorded is not read; one whose signature changed is hashed, and parsed only when its
 * hash is not the one recorded (a checkout or a save without changes only touches modification
 * times).
 */
export async function planIncremental(served: IngestStore, root: string, shared: SharedContent, started: number): Promise<IncrementalPlan> {
  const recorded = await served.sources();
  const sharedNow = sharedSources(root);
  const inDatabase = await served.episodeIndex();
  const slugs = listEpisodeFolders(root);
  const onDisk = new Set(slugs);

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
  const peopleBefore = changedShared.size > 0 ? await served.peopleNames() : new Map<string, string>();
  const topicsBefore = changedShared.size > 0 ? await served.topicKeywords() : [];
  const peopleNow = new Map(shared.people.map((p) => [p.id, p.name]));
  const showsNow = new Set(shared.shows.map((s) => s.id));
  const dependents = new Set<string>();
  const reparseIf = (test: (e: EpisodeIndex[number]) => boolean) => {
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
  const topicsChanged = changedShared.has("topics") && JSON.stringify(topicsNow) !== JSON.stringify(topicsBefore);
  return {
    root,
    shared,
    started,
    recorded,
    sharedNow,
    inDatabase,
    onDisk,
    toParse,
    touched,
    removed,
    changedShared,
    dependents,
    topicsChanged,
  };
}

/** Nothing to write: the served library is left alone (touched folders' signatures are recorded with the next change). */
export const nothingToWrite = (plan: IncrementalPlan) =>
  plan.toParse.size === 0 && plan.removed.length === 0 && plan.changedShared.size === 0;

/**
 * Parses the folders to parse and checks them as a full ingest would, quote ids across the whole
 * library included: a collision with an unchanged episode is reported where a full ingest reports
 * it (the later of the two in folder order), so that episode is parsed too. Throws
 * ContentValidationError; returns the parsed episodes in folder order.
 */
export async function parseChanges(served: IngestStore, plan: IncrementalPlan, options: IngestOptions): Promise<ParsedEpisode[]> {
  const { root, shared, onDisk } = plan;
  const problems = new ProblemList();
  const results = new Map<string, ParsedEpisode>();
  const parseSome = async (list: string[]) =>
    parseAll({ root, shared }, list, options.workers ?? defaultWorkers(list.length), (result) => {
      results.set(result.slug, result);
    });
  await parseSome([...plan.toParse]);
  const dbQuotes = await served.quoteIds();
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
  return ordered;
}

/**
 * Applies the delta to a begun store (the caller commits): removed folders go; a parsed folder is
 * written again when its bytes changed or it depends on a changed shared file (one parsed only to
 * check quote ids keeps its rows); ranks that moved, and the entities. Returns the slugs written.
 */
export async function applyDelta(
  store: IngestStore,
  plan: IncrementalPlan,
  ordered: ParsedEpisode[],
  counts: RowCounts,
): Promise<string[]> {
  const { shared, changedShared, sharedNow, recorded, removed } = plan;
  if (changedShared.size > 0) {
    await store.writeShows(shared.shows);
    await store.writePeople(shared.people);
    await store.writeTopics(shared.topics);
    for (const source of changedShared) {
      const hash = sharedNow.get(source);
      if (hash) await store.setSource(source, { hash, signature: null });
      else await store.deleteSource(source);
    }
  }
  for (const slug of removed) {
    await store.deleteEpisode(slug);
    await store.deleteSource(episodeSource(slug));
    haltPoint("incremental:applying");
  }
  const written: string[] = [];
  for (const result of ordered) {
    const before = recorded.get(episodeSource(result.slug));
    if (!before || before.hash !== result.hash || plan.dependents.has(result.slug)) {
      if (before) await store.deleteEpisode(result.slug);
      haltPoint("incremental:applying");
      await store.insertEpisode(result.rows!);
      countRows(counts, result.rows!);
      written.push(result.slug);
    }
    await store.setSource(episodeSource(result.slug), { hash: result.hash, signature: result.signature });
  }
  for (const [slug, record] of plan.touched) await store.setSource(episodeSource(slug), record);
  if (written.length > 0 || removed.length > 0) {
    // Only the episodes whose rank moved, and those just written (their documents have none yet).
    const before = rankEpisodes(plan.inDatabase);
    const after = rankEpisodes(await store.episodeIndex());
    const fresh = new Set(written);
    await store.setRanks(new Map([...after].filter(([slug, rank]) => fresh.has(slug) || before.get(slug) !== rank)));
  }
  await store.writeEntities(shared);
  return written;
}

export function incrementalSummary(
  plan: IncrementalPlan,
  counts: RowCounts,
  written: string[],
  timings: Partial<IngestSummary["timings"]>,
): IngestSummary {
  return {
    mode: "incremental",
    reason: [
      `${written.length} episode${written.length === 1 ? "" : "s"} written`,
      `${plan.removed.length} removed`,
      ...(plan.changedShared.size > 0 ? [`changed: ${[...plan.changedShared].join(", ")}`] : []),
    ].join(", "),
    ...counts,
    shows: plan.shared.shows.length,
    people: plan.shared.people.length,
    topics: plan.shared.topics.length,
    changed: { written, removed: plan.removed },
    timings: { loadMs: 0, writeMs: 0, searchIndexMs: 0, ...timings, totalMs: performance.now() - plan.started },
  };
}
