// The ingest into PostgreSQL (DATABASE_URL=postgresql://…): the same steps as ingest-library.ts,
// whose SQLite path it leaves alone, through an asynchronous store (postgres-store.ts) and a
// target that makes a full ingest atomic: the next library is built in a schema of its own and
// renamed into place in one transaction. An incremental ingest applies its delta to the served
// schema in one transaction (readers see the old library until COMMIT, then the new one).
import { existsSync } from "node:fs";
import path from "node:path";
import { ProblemList } from "../content/content-error.ts";
import { listEpisodeFolders, loadSharedContent, type SharedContent } from "../content/load-library.ts";
import type { DatabaseTarget } from "../database-url.ts";
import { rankEpisodes } from "./episode-rows.ts";
import { checkQuoteIds, codeFingerprint, countRows, emptyCounts, type IngestOptions, type IngestSummary } from "./ingest-library.ts";
import { defaultWorkers, parseAll, type ParsedEpisode } from "./parse-episodes.ts";
import { PostgresTarget, type AsyncLibraryStore } from "./postgres-store.ts";
import { episodeSource, folderSignature, sharedSources } from "./sources.ts";

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

const isPromise = (value: unknown): value is Promise<unknown> => value instanceof Promise;

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
      else if ((await live.getMeta("fingerprint")) !== fingerprint) reason = "the ingest code or schema changed since the database was built";
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
  const problems = new ProblemList();
  try {
    const store = await target.startBuild();
    let loadMs = 0;
    let writeMs = 0;
    const finishStarted = { at: 0 };
    const counts = emptyCounts();
    try {
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
        const recorded = store.setSource(episodeSource(result.slug), { hash: result.hash, signature: result.signature });
        writeMs += performance.now() - t;
        countRows(counts, result.rows);
        parsed.push({ slug: result.slug, publishedAt: result.rows.publishedAt, quoteRefs: result.quoteRefs });
        // A store that writes over the network answers with a promise: the parse waits for it.
        if (isPromise(inserted) || isPromise(recorded)) return Promise.all([inserted, recorded]).then(() => {});
      });
      loadMs = performance.now() - started;
      checkQuoteIds(parsed, problems);
      problems.throwIfAny();
      finishStarted.at = performance.now();
      await store.setRanks(rankEpisodes(parsed));
      await store.setMeta("fingerprint", fingerprint);
      await store.setMeta("contentDir", root);
      await store.writeEntities(shared);
      await store.commit();
      await store.finishBuild();
    } finally {
      await store.close();
    }
    await target.publish();
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
  const recorded = await store.sources();
  const sharedNow = sharedSources(root);
  const inDatabase = await store.episodeIndex();
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
  const peopleBefore = changedShared.size > 0 ? await store.peopleNames() : new Map<string, string>();
  const topicsBefore = changedShared.size > 0 ? await store.topicKeywords() : [];
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

  const problems = new ProblemList();
  const results = new Map<string, ParsedEpisode>();
  const parseSome = async (list: string[]) =>
    parseAll({ root, shared }, list, options.workers ?? defaultWorkers(list.length), (result) => {
      results.set(result.slug, result);
    });
  await parseSome([...toParse]);

  // Quote ids across episodes: a collision with an unchanged episode is reported where a full
  // ingest reports it (the later of the two in folder order), so that episode is parsed too.
  const dbQuotes = await store.quoteIds();
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
  await store.begin();
  try {
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
    }
    for (const result of ordered) {
      const before = recorded.get(episodeSource(result.slug));
      if (!before || before.hash !== result.hash || dependents.has(result.slug)) {
        if (before) await store.deleteEpisode(result.slug);
        await store.insertEpisode(result.rows!);
        countRows(counts, result.rows!);
        written.push(result.slug);
      }
      await store.setSource(episodeSource(result.slug), { hash: result.hash, signature: result.signature });
    }
    if (written.length > 0 || removed.length > 0) {
      // Only the episodes whose rank moved, and those just written (their documents have none yet).
      const before = rankEpisodes(inDatabase);
      const after = rankEpisodes(await store.episodeIndex());
      const fresh = new Set(written);
      await store.setRanks(new Map([...after].filter(([slug, rank]) => fresh.has(slug) || before.get(slug) !== rank)));
    }
    if (written.length > 0 || removed.length > 0 || changedShared.size > 0) await store.writeEntities(shared);
    await store.commit();
  } catch (error) {
    await store.rollback();
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

