// The SQLite side of the ingest: every statement that writes the database, in one module, so
// that another database (PostgreSQL, issue 13) implements the same LibraryStore and the ingest
// itself (ingest-library.ts) does not change. Rows come from episode-rows.ts; ids are assigned
// here, in the order rows are written.
//
// Two ways to open it:
// - build: a brand-new file for a full ingest. No journal and no fsync while it is written (the
//   file is thrown away if anything fails, and fsync'ed once before the rename), secondary
//   indexes dropped during the bulk insert and created again at the end (one sort each instead
//   of a B-tree update per row), FTS5's automatic merging off until one 'optimize' at the end.
// - served: the database being served, read-only: what an incremental ingest compares with.
// - update: a private copy of the served file, for an incremental ingest to apply its delta to
//   before renaming it over the served one (ingest-library.ts). Like a build, it has no journal
//   and no fsync while it is written: it is thrown away if anything fails. The served file is
//   never written in place (docs/decisions.md, "Ingest at scale").
//
// Besides Prisma's tables and the search index, the store keeps its own bookkeeping:
//   ingest_meta    key/value: the code fingerprint and content directory the database was built from
//   ingest_source  one row per content source (an episode folder, a show, a person, topics.md):
//                  its content hash, and a stat signature that saves rehashing unchanged folders
//   ingest_word    for each word of the prefix vocabulary (search_word), how many episodes use it,
//                  so that removing an episode removes exactly the words no other episode has
import { closeSync, existsSync, fsyncSync, openSync } from "node:fs";
import Database from "better-sqlite3";
import type { Library, Person, Show, Topic } from "../content/load-library.ts";
import { applyMigrations } from "../migrations/schema-engine.ts";
import { ENTITY_COUNT_SQL, EntityCounts, episodeCountSql } from "../search/entity-rows.ts";
import { filterTokens, indexTokens, SEARCH_SCHEMA, vocabularyOf, writeSearchEntities } from "../search/sqlite-fts5/search-index.ts";
import { stemWord } from "../search/stem.ts";
import type { EpisodeRows } from "./episode-rows.ts";
import { writeEpisodeTables, type RowIds } from "./episode-tables.ts";

export const INGEST_SCHEMA = `
CREATE TABLE ingest_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE ingest_source (source TEXT PRIMARY KEY, hash TEXT NOT NULL, signature TEXT);
CREATE TABLE ingest_word (term TEXT PRIMARY KEY, episodes INTEGER NOT NULL);
`;

export interface SourceRecord {
  hash: string;
  signature: string | null;
}

/** What the ingest needs from a database; the SQLite implementation follows. */
export interface LibraryStore {
  readonly mode: "build" | "served" | "update";
  getMeta(key: string): string | null;
  setMeta(key: string, value: string): void;
  sources(): Map<string, SourceRecord>;
  setSource(source: string, record: SourceRecord): void;
  deleteSource(source: string): void;
  writeShows(shows: Show[]): void;
  writePeople(people: Person[]): void;
  writeTopics(topics: Topic[]): void;
  /** Episodes in the database: slug, publishedAt (YYYY-MM-DD), show and participants. */
  episodeIndex(): Array<{ slug: string; publishedAt: string; showId: string; people: string[] }>;
  /** Quote ids of the database with their episode. */
  quoteIds(): Map<string, string>;
  /** Person id -> name, as stored. */
  peopleNames(): Map<string, string>;
  /** Topics in order with their keywords (JSON), as stored. */
  topicKeywords(): Array<{ id: string; keywords: string }>;
  insertEpisode(rows: EpisodeRows): void;
  deleteEpisode(slug: string): void;
  /** Sets search_doc.episodeRank to the library order. */
  setRanks(ranks: Map<string, number>): void;
  /** Rewrites search's people, topics, shows, episodes and chapters with their counts (after any change). */
  writeEntities(shared: Pick<Library, "people" | "topics" | "shows">): void;
  begin(): void;
  commit(): void;
  rollback(): void;
  close(): void;
}

const BULK_CACHE_KIB = 256 * 1024;

export class SqliteLibraryStore implements LibraryStore {
  private readonly ids: RowIds = { chapter: 1, turn: 1, cue: 1 };
  private nextDocId = 1;
  private nextChapterDocId = 1;
  /** build mode: word -> number of episodes, written at the end. */
  private readonly wordCounts = new Map<string, number>();
  private droppedIndexes: string[] = [];
  private readonly s: ReturnType<typeof prepareStatements>;
  /** Entity counts as episodes are written and removed: from nothing (build), from the file's (update). */
  private entityCounts: EntityCounts | null = null;

  private constructor(
    readonly db: Database.Database,
    readonly mode: "build" | "served" | "update",
  ) {
    this.s = prepareStatements(db);
    if (mode === "update") {
      const max = (sql: string) => ((db.prepare(sql).pluck().get() as number | null) ?? 0) + 1;
      this.ids.turn = max("SELECT MAX(id) FROM Turn");
      this.ids.chapter = max("SELECT MAX(id) FROM Chapter");
      this.ids.cue = max("SELECT MAX(id) FROM Cue");
      this.nextDocId = max("SELECT MAX(rowid) FROM search_doc");
      this.nextChapterDocId = max("SELECT MAX(rowid) FROM search_chapter_fts");
    }
  }

  /** A new database file: the committed migrations, the search index and the ingest's tables, ready for a bulk insert. */
  static build(path: string, migrationsDir: string): SqliteLibraryStore {
    const db = new Database(path);
    try {
      db.pragma("journal_mode = DELETE");
      applyMigrations(db, migrationsDir);
      db.exec(SEARCH_SCHEMA);
      db.exec(INGEST_SCHEMA);
      db.pragma("journal_mode = OFF");
      db.pragma("synchronous = OFF");
      db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
      db.pragma("foreign_keys = OFF");
      db.pragma("temp_store = MEMORY");
      const store = new SqliteLibraryStore(db, "build");
      store.droppedIndexes = (
        db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as Array<{
          name: string;
          sql: string;
        }>
      ).map(({ name, sql }) => {
        db.exec(`DROP INDEX "${name}"`);
        return sql;
      });
      // Merge FTS5 segments once at the end ('optimize'), not while inserting.
      db.exec("INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0)");
      return store;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * The served database, read-only, or null when it cannot be updated incrementally (missing, or
   * not built by this ingest). Nothing is ever written through it.
   */
  static openServed(path: string): SqliteLibraryStore | null {
    let db: Database.Database;
    try {
      recoverInterruptedWrite(path);
      db = new Database(path, { readonly: true, fileMustExist: true });
    } catch {
      return null;
    }
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'ingest_meta'").get();
    if (!hasTable) {
      db.close();
      return null;
    }
    return new SqliteLibraryStore(db, "served");
  }

  /** A private copy of the served database (see ingest-library.ts), opened to apply a delta to. */
  static openCopy(path: string): SqliteLibraryStore {
    const db = new Database(path, { fileMustExist: true });
    try {
      db.pragma("journal_mode = OFF");
      db.pragma("synchronous = OFF");
      db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
      db.pragma("temp_store = MEMORY");
      db.pragma("foreign_keys = ON");
      return new SqliteLibraryStore(db, "update");
    } catch (error) {
      db.close();
      throw error;
    }
  }

  getMeta(key: string): string | null {
    return (this.db.prepare("SELECT value FROM ingest_meta WHERE key = ?").pluck().get(key) as string | undefined) ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare("INSERT INTO ingest_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run(key, value);
  }

  sources(): Map<string, SourceRecord> {
    const rows = this.db.prepare("SELECT source, hash, signature FROM ingest_source").all() as Array<{ source: string } & SourceRecord>;
    return new Map(rows.map((r) => [r.source, { hash: r.hash, signature: r.signature }]));
  }

  setSource(source: string, record: SourceRecord): void {
    this.s.setSource.run(source, record.hash, record.signature);
  }

  deleteSource(source: string): void {
    this.db.prepare("DELETE FROM ingest_source WHERE source = ?").run(source);
  }

  writeShows(shows: Show[]): void {
    this.upsertAll(
      "Show",
      ["id", "name", "url", "description"],
      shows.map((s) => [s.id, s.name, s.url, s.description]),
    );
  }

  writePeople(people: Person[]): void {
    this.upsertAll(
      "Person",
      ["id", "name", "affiliation", "bio"],
      people.map((p) => [p.id, p.name, p.affiliation, p.bio]),
    );
  }

  writeTopics(topics: Topic[]): void {
    this.upsertAll(
      "Topic",
      ["id", "name", "nameEn", "description", "keywords", "ordinal"],
      topics.map((t, ordinal) => [t.id, t.name, t.nameEn, t.description, JSON.stringify(t.keywords), ordinal]),
    );
  }

  /** Makes a small table hold exactly `rows` (keyed by its first column): updates in place, so no cascade fires. */
  private upsertAll(table: string, columns: string[], rows: unknown[][]): void {
    const [key, ...rest] = columns;
    const keep = new Set(rows.map((r) => r[0]));
    for (const id of this.db.prepare(`SELECT "${key}" FROM "${table}"`).pluck().all()) {
      if (!keep.has(id)) this.db.prepare(`DELETE FROM "${table}" WHERE "${key}" = ?`).run(id);
    }
    const upsert = this.db.prepare(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})
       ON CONFLICT ("${key}") DO UPDATE SET ${rest.map((c) => `"${c}" = excluded."${c}"`).join(", ")}`,
    );
    for (const row of rows) upsert.run(...row);
  }

  episodeIndex(): Array<{ slug: string; publishedAt: string; showId: string; people: string[] }> {
    const people = new Map<string, string[]>();
    for (const row of this.db.prepare("SELECT episodeSlug, personId FROM Participant").all() as Array<{
      episodeSlug: string;
      personId: string;
    }>) {
      const list = people.get(row.episodeSlug) ?? [];
      list.push(row.personId);
      people.set(row.episodeSlug, list);
    }
    return (
      this.db.prepare("SELECT slug, publishedAt, showId FROM Episode").all() as Array<{ slug: string; publishedAt: string; showId: string }>
    ).map((e) => ({ slug: e.slug, publishedAt: e.publishedAt.slice(0, 10), showId: e.showId, people: people.get(e.slug) ?? [] }));
  }

  quoteIds(): Map<string, string> {
    const rows = this.db.prepare("SELECT id, episodeSlug FROM Quote").all() as Array<{ id: string; episodeSlug: string }>;
    return new Map(rows.map((r) => [r.id, r.episodeSlug]));
  }

  peopleNames(): Map<string, string> {
    const rows = this.db.prepare("SELECT id, name FROM Person").all() as Array<{ id: string; name: string }>;
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  topicKeywords(): Array<{ id: string; keywords: string }> {
    return this.db.prepare("SELECT id, keywords FROM Topic ORDER BY ordinal").all() as Array<{ id: string; keywords: string }>;
  }

  insertEpisode(rows: EpisodeRows): void {
    const s = this.s;
    const statements = {
      Episode: s.episode,
      Participant: s.participant,
      Chapter: s.chapter,
      Turn: s.turn,
      Cue: s.cue,
      TurnTopic: s.turnTopic,
      Quote: s.quote,
      QuoteTopic: s.quoteTopic,
    };
    writeEpisodeTables(rows, this.ids, {
      boolean: (value) => (value ? 1 : 0),
      row: (table, values) => statements[table].run(...values),
      chapterDocument: (episodeSlug, chapterNumber, tokens) =>
        s.chapterFts.run(this.nextChapterDocId++, episodeSlug, chapterNumber, tokens.uni, tokens.bi, tokens.words),
      document: (d, tokens) => {
        const docId = this.nextDocId++;
        s.doc.run(docId, d.kind, d.episodeSlug, 0, d.chapterNumber, d.turnPk, d.turnId, d.quoteId, d.speakerId, d.position);
        s.fts.run(docId, tokens.uni, tokens.bi, tokens.words, tokens.filters);
      },
    });
    this.counts().addEpisode(rows);
    if (this.mode === "build") {
      for (const word of rows.words) this.wordCounts.set(word, (this.wordCounts.get(word) ?? 0) + 1);
    } else {
      for (const word of rows.words) {
        s.addWord.run(word);
        s.searchWord.run(word, stemWord(word));
      }
    }
  }

  deleteEpisode(slug: string): void {
    const db = this.db;
    this.counts().subtract(db.prepare(episodeCountSql("@slug")).all({ slug }) as Array<{ key: string; n: number }>);
    // The search documents go first: FTS5 (contentless) removes a document given the values it
    // was indexed with, which are derived again from the rows (same code: see the fingerprint).
    const words = new Set<string>();
    const docs = db
      .prepare(
        `SELECT d.rowid AS rowid, d.kind AS kind, d.chapterNumber AS chapterNumber, d.speakerId AS speakerId, d.turnPk AS turnPk,
           d.quoteId AS quoteId, COALESCE(q.text, t.text) AS text
         FROM search_doc d JOIN Turn t ON t.id = d.turnPk LEFT JOIN Quote q ON q.id = d.quoteId WHERE d.episodeSlug = ?`,
      )
      .all(slug) as Array<{
      rowid: number;
      kind: "speech" | "note" | "quote";
      chapterNumber: number;
      speakerId: string | null;
      turnPk: number;
      quoteId: string | null;
      text: string;
    }>;
    const turnTopics = db.prepare("SELECT topicId FROM TurnTopic WHERE turnPk = ? ORDER BY rowid").pluck();
    const quoteTopics = db.prepare("SELECT topicId FROM QuoteTopic WHERE quoteId = ? ORDER BY rowid").pluck();
    for (const doc of docs) {
      const tokens = indexTokens(doc.text);
      for (const word of vocabularyOf(tokens)) words.add(word);
      const topics = (doc.quoteId === null ? turnTopics.all(doc.turnPk) : quoteTopics.all(doc.quoteId)) as string[];
      const filters = filterTokens({
        kind: doc.kind,
        episodeSlug: slug,
        chapterNumber: doc.chapterNumber,
        speakerId: doc.speakerId,
        topics,
      });
      this.s.ftsDelete.run(doc.rowid, tokens.uni, tokens.bi, tokens.words, filters);
    }
    for (const title of db.prepare("SELECT title FROM Chapter WHERE episodeSlug = ?").pluck().all(slug) as string[])
      for (const word of vocabularyOf(indexTokens(title))) words.add(word);
    const dropWord = db.prepare("UPDATE ingest_word SET episodes = episodes - 1 WHERE term = ?");
    for (const word of words) dropWord.run(word);
    db.exec(`DELETE FROM search_word WHERE term IN (SELECT term FROM ingest_word WHERE episodes <= 0)`);
    db.exec(`DELETE FROM ingest_word WHERE episodes <= 0`);

    const run = (sql: string) => db.prepare(sql).run(...Array((sql.match(/\?/g) ?? []).length).fill(slug));
    run("DELETE FROM search_doc WHERE episodeSlug = ?");
    run("DELETE FROM search_chapter_fts WHERE episodeSlug = ?");
    run("DELETE FROM QuoteTopic WHERE quoteId IN (SELECT id FROM Quote WHERE episodeSlug = ?)");
    run("DELETE FROM Quote WHERE episodeSlug = ?");
    run("DELETE FROM Cue WHERE turnPk IN (SELECT id FROM Turn WHERE episodeSlug = ?)");
    run("DELETE FROM TurnTopic WHERE turnPk IN (SELECT id FROM Turn WHERE episodeSlug = ?)");
    run("DELETE FROM Turn WHERE episodeSlug = ?");
    run("DELETE FROM Chapter WHERE episodeSlug = ?");
    run("DELETE FROM Participant WHERE episodeSlug = ?");
    run("DELETE FROM Episode WHERE slug = ?");
  }

  setRanks(ranks: Map<string, number>): void {
    const db = this.db;
    db.exec("CREATE TEMP TABLE IF NOT EXISTS ingest_rank (slug TEXT PRIMARY KEY, rank INTEGER NOT NULL)");
    db.exec("DELETE FROM temp.ingest_rank");
    const insert = db.prepare("INSERT INTO temp.ingest_rank (slug, rank) VALUES (?, ?)");
    for (const [slug, rank] of ranks) insert.run(slug, rank);
    db.exec(
      `UPDATE search_doc SET episodeRank = r.rank FROM temp.ingest_rank r
       WHERE r.slug = search_doc.episodeSlug AND search_doc.episodeRank <> r.rank`,
    );
  }

  writeEntities(shared: Pick<Library, "people" | "topics" | "shows">): void {
    this.db.transaction(() => writeSearchEntities(this.db, shared, this.counts(), this.mode === "update"))();
  }

  private counts(): EntityCounts {
    this.entityCounts ??= new EntityCounts(
      this.mode === "build" ? [] : (this.db.prepare(ENTITY_COUNT_SQL).all() as Array<{ key: string; n: number }>),
    );
    return this.entityCounts;
  }

  /** build mode: the vocabulary, the dropped indexes, one FTS5 merge; then fsync. */
  finishBuild(): void {
    const db = this.db;
    db.transaction(() => {
      const word = db.prepare("INSERT INTO ingest_word (term, episodes) VALUES (?, ?)");
      const searchWord = db.prepare("INSERT INTO search_word (term, stem) VALUES (?, ?)");
      for (const [term, episodes] of [...this.wordCounts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
        word.run(term, episodes);
        searchWord.run(term, stemWord(term));
      }
    })();
    for (const sql of this.droppedIndexes) db.exec(sql);
    db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
    db.exec("INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 4)");
    db.pragma("journal_mode = DELETE");
  }

  begin(): void {
    this.db.exec("BEGIN IMMEDIATE");
  }

  commit(): void {
    this.db.exec("COMMIT");
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Rolls back a transaction that a killed writer left in the file (a hot journal beside it), as
 * SQLite does on the next read-write open. Only ingests before the copy-and-rename incremental
 * ingest wrote the served file in place; a read-only client (the server's) cannot roll back and
 * fails every read with SQLITE_READONLY_ROLLBACK until this runs.
 */
export function recoverInterruptedWrite(path: string): void {
  if (!existsSync(`${path}-journal`) || !existsSync(path)) return;
  const db = new Database(path, { fileMustExist: true });
  try {
    db.prepare("SELECT COUNT(*) FROM sqlite_master").get();
  } finally {
    db.close();
  }
}

/** Flushes a closed database file to disk, so that the rename that follows publishes complete data. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function prepareStatements(db: Database.Database) {
  const insert = (table: string, columns: string[]) =>
    db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
  return {
    episode: insert("Episode", [
      "slug",
      "showId",
      "title",
      "publishedAt",
      "language",
      "sourceName",
      "sourceUrl",
      "sourceLicence",
      "sourceNote",
      "audioUrl",
      "audioType",
      "audioDuration",
      "importedFile",
      "importedFormat",
      "summary",
      "summaryHtml",
    ]),
    participant: insert("Participant", ["episodeSlug", "personId", "role", "intro", "ordinal"]),
    chapter: insert("Chapter", ["id", "episodeSlug", "number", "title", "tocTitle", "startMs"]),
    turn: insert("Turn", [
      "id",
      "episodeSlug",
      "turnId",
      "ordinal",
      "chapterId",
      "speakerId",
      "kind",
      "markdown",
      "text",
      "html",
      "startMs",
      "endMs",
      "asks",
      "exchange",
    ]),
    cue: insert("Cue", ["id", "turnPk", "ordinal", "startMs", "endMs", "text"]),
    turnTopic: insert("TurnTopic", ["turnPk", "topicId", "source"]),
    quote: insert("Quote", ["id", "episodeSlug", "turnPk", "text", "ordinal"]),
    quoteTopic: insert("QuoteTopic", ["quoteId", "topicId"]),
    doc: db.prepare(
      `INSERT INTO search_doc (rowid, kind, episodeSlug, episodeRank, chapterNumber, turnPk, turnId, quoteId, speakerId, position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    fts: db.prepare("INSERT INTO search_fts (rowid, uni, bi, words, filters) VALUES (?, ?, ?, ?, ?)"),
    ftsDelete: db.prepare("INSERT INTO search_fts (search_fts, rowid, uni, bi, words, filters) VALUES ('delete', ?, ?, ?, ?, ?)"),
    chapterFts: db.prepare("INSERT INTO search_chapter_fts (rowid, episodeSlug, chapterNumber, uni, bi, words) VALUES (?, ?, ?, ?, ?, ?)"),
    setSource: db.prepare(
      `INSERT INTO ingest_source (source, hash, signature) VALUES (?, ?, ?)
       ON CONFLICT (source) DO UPDATE SET hash = excluded.hash, signature = excluded.signature`,
    ),
    addWord: db.prepare("INSERT INTO ingest_word (term, episodes) VALUES (?, 1) ON CONFLICT (term) DO UPDATE SET episodes = episodes + 1"),
    searchWord: db.prepare("INSERT INTO search_word (term, stem) VALUES (?, ?) ON CONFLICT (term) DO NOTHING"),
  };
}
