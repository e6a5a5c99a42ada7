// The PostgreSQL side of the ingest: the same LibraryStore as sqlite-store.ts, over one connection
// (node-postgres), and the target that makes a full ingest atomic.
//
// A full ingest builds the next library in a schema of its own, "<schema>__build" (the committed
// PostgreSQL migrations, the search index of postgres-tsvector/schema.ts, the ingest's tables),
// in one transaction, with secondary indexes and foreign keys created at the end (one sort or one
// join each, not a B-tree update per row), then VACUUM ANALYZE (visibility map and statistics
// before the first reader), and then switches readers in one transaction:
//     ALTER SCHEMA "<schema>" RENAME TO "<schema>__retired";
//     ALTER SCHEMA "<schema>__build" RENAME TO "<schema>";
// PostgreSQL resolves a table's name when a statement starts, so every statement reads the old
// library or the new one; "<schema>__retired" is then dropped (DROP waits for statements still
// reading it). A failed or killed ingest leaves "<schema>" as it was: the build schema is dropped
// on failure, or by the next ingest when the process died. Ingests of one schema take turns
// through an advisory lock held by the session (released by PostgreSQL when a killed process's
// connection closes).
//
// An incremental ingest applies the delta to "<schema>" in one transaction: readers see the old
// library until COMMIT, then the new one (MVCC); nothing waits.
//
// Every ingest writes a new `version` into ingest_meta in the transaction that publishes its data:
// app servers key what they cache on it (src/lib/db.ts dataVersion()).
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Library, Person, Show, Topic } from "../content/load-library.ts";
import type { DatabaseTarget } from "../database-url.ts";
import { applyPostgresMigrations } from "../migrations/postgres.ts";
import { documentVector } from "../search/postgres-tsvector/vector.ts";
import { POSTGRES_SEARCH_INDEXES, POSTGRES_SEARCH_TABLES } from "../search/postgres-tsvector/schema.ts";
import { indexTokens, vocabularyOf } from "../search/sqlite-fts5/search-index.ts";
import { stemWord } from "../search/stem.ts";
import type { EpisodeRows } from "./episode-rows.ts";
import { writeEpisodeTables, type RowIds, type SearchDocumentRow } from "./episode-tables.ts";
import {
  ENTITY_COUNT_SQL,
  ENTITY_SQL,
  EntityCounts,
  entityRows,
  entityTableChanges,
  entityTableRows,
  episodeCountSql,
  libraryEntities,
  storedEntityRows,
  type EntityTableRow,
} from "../search/entity-rows.ts";
import type { IngestTarget } from "./ingest-postgres.ts";
import type { LibraryStore, SourceRecord } from "./sqlite-store.ts";

/** What the ingest needs from a database (sqlite-store.ts's LibraryStore), answered with promises. */
export type AsyncLibraryStore = {
  readonly mode: "build" | "live";
} & {
  [K in Exclude<keyof LibraryStore, "mode">]: LibraryStore[K] extends (...args: infer A) => infer R
    ? (...args: A) => R | Promise<R>
    : never;
};

type PostgresDatabase = Extract<DatabaseTarget, { kind: "postgres" }>;

export const POSTGRES_INGEST_TABLES = `
CREATE TABLE "ingest_meta" ("key" text COLLATE "C" PRIMARY KEY, "value" text NOT NULL);
CREATE TABLE "ingest_source" ("source" text COLLATE "C" PRIMARY KEY, "hash" text NOT NULL, "signature" text);
CREATE TABLE "ingest_word" ("term" text COLLATE "C" PRIMARY KEY, "episodes" integer NOT NULL);
`;

/** Rows per INSERT … SELECT FROM unnest(…) statement. */
const BATCH_ROWS = 4_000;
/** A flush is due when the buffered rows hold about this much text. */
const BATCH_BYTES = 8 * 1024 * 1024;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Column name and PostgreSQL type of each column a bulk insert writes. */
const TABLES = {
  Episode: [
    ["slug", "text"],
    ["showId", "text"],
    ["title", "text"],
    ["publishedAt", "timestamp(3)"],
    ["language", "text"],
    ["sourceName", "text"],
    ["sourceUrl", "text"],
    ["sourceLicence", "text"],
    ["sourceNote", "text"],
    ["audioUrl", "text"],
    ["audioType", "text"],
    ["audioDuration", "float8"],
    ["importedFile", "text"],
    ["importedFormat", "text"],
    ["summary", "text"],
    ["summaryHtml", "text"],
  ],
  Participant: [
    ["episodeSlug", "text"],
    ["personId", "text"],
    ["role", "text"],
    ["intro", "text"],
    ["ordinal", "int4"],
  ],
  Chapter: [
    ["id", "int4"],
    ["episodeSlug", "text"],
    ["number", "int4"],
    ["title", "text"],
    ["tocTitle", "text"],
    ["startMs", "int4"],
  ],
  Turn: [
    ["id", "int4"],
    ["episodeSlug", "text"],
    ["turnId", "text"],
    ["ordinal", "int4"],
    ["chapterId", "int4"],
    ["speakerId", "text"],
    ["kind", "text"],
    ["markdown", "text"],
    ["text", "text"],
    ["html", "text"],
    ["startMs", "int4"],
    ["endMs", "int4"],
    ["asks", "bool"],
    ["exchange", "int4"],
  ],
  Cue: [
    ["id", "int4"],
    ["turnPk", "int4"],
    ["ordinal", "int4"],
    ["startMs", "int4"],
    ["endMs", "int4"],
    ["text", "text"],
  ],
  TurnTopic: [
    ["turnPk", "int4"],
    ["topicId", "text"],
    ["source", "text"],
  ],
  Quote: [
    ["id", "text"],
    ["episodeSlug", "text"],
    ["turnPk", "int4"],
    ["text", "text"],
    ["ordinal", "int4"],
  ],
  QuoteTopic: [
    ["quoteId", "text"],
    ["topicId", "text"],
  ],
  search_doc: [
    ["id", "int4"],
    ["kind", "text"],
    ["episodeSlug", "text"],
    ["chapterNumber", "int4"],
    ["turnPk", "int4"],
    ["turnId", "text"],
    ["quoteId", "text"],
    ["speakerId", "text"],
    ["position", "int4"],
    ["tokenCount", "int4"],
    ["long", "bool"],
    ["tokens", "tsvector"],
  ],
  search_chunk: [
    ["docId", "int4"],
    ["chunk", "int4"],
    ["tokens", "tsvector"],
  ],
  search_chapter: [
    ["id", "int4"],
    ["episodeSlug", "text"],
    ["chapterNumber", "int4"],
    ["tokens", "tsvector"],
  ],
} as const satisfies Record<string, ReadonlyArray<readonly [string, string]>>;
type TableName = keyof typeof TABLES;
/** Tables in the order their rows must go in (foreign keys, when they exist). */
const TABLE_ORDER = Object.keys(TABLES) as TableName[];

/** The statement that inserts a batch of rows (given column by column) into a table. */
function bulkInsert(table: TableName): string {
  const columns = TABLES[table];
  return `INSERT INTO ${q(table)} (${columns.map(([name]) => q(name)).join(", ")})
    SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")})`;
}

/** The session's lock key: one ingest at a time per schema. */
const lockKey = (schema: string) => `podcast-kb ingest ${schema}`;

export class PostgresTarget implements IngestTarget {
  private client: pg.Client | null = null;
  private readonly build: string;
  private readonly retired: string;

  constructor(
    readonly database: PostgresDatabase,
    readonly migrationsDir: string,
  ) {
    this.build = `${database.schema}__build`;
    this.retired = `${database.schema}__retired`;
  }

  private get db(): pg.Client {
    if (!this.client) throw new Error("the ingest is not connected");
    return this.client;
  }

  async acquire(): Promise<void> {
    const client = new pg.Client({ connectionString: this.database.connectionString, application_name: "podcast-kb ingest" });
    try {
      await client.connect();
    } catch (error) {
      throw new Error(`cannot connect to PostgreSQL at ${this.database.display}: ${(error as Error).message}`);
    }
    this.client = client;
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [lockKey(this.database.schema)]);
    // The schema is replaced whole by every full ingest: it must be one this ingest made.
    if ((await this.schemaExists(this.database.schema)) && !(await this.isLibrary(this.database.schema)))
      throw new Error(
        `schema '${this.database.schema}' of ${this.database.display} exists and was not made by this ingest: ` +
          "name a schema of the library's own in DATABASE_URL (?schema=…)",
      );
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    try {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [lockKey(this.database.schema)]);
    } finally {
      await client.end();
    }
  }

  private async schemaExists(schema: string): Promise<boolean> {
    const { rows } = await this.db.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
    return rows.length > 0;
  }

  private async isLibrary(schema: string): Promise<boolean> {
    const { rows } = await this.db.query("SELECT to_regclass($1) IS NOT NULL AS found", [`${q(schema)}."ingest_meta"`]);
    return rows[0]?.found === true;
  }

  async exists(): Promise<boolean> {
    return this.schemaExists(this.database.schema);
  }

  async openLive(): Promise<AsyncLibraryStore | null> {
    if (!(await this.isLibrary(this.database.schema))) return null;
    await this.db.query(`SET search_path TO ${q(this.database.schema)}`);
    return PostgresLibraryStore.open(this.db, "live");
  }

  async startBuild() {
    const db = this.db;
    // This session holds the lock: a build schema still there was left by an ingest that died.
    await db.query(`DROP SCHEMA IF EXISTS ${q(this.build)} CASCADE`);
    await db.query(`DROP SCHEMA IF EXISTS ${q(this.retired)} CASCADE`);
    await db.query(`CREATE SCHEMA ${q(this.build)}`);
    await db.query(`SET search_path TO ${q(this.build)}`);
    await db.query("SET maintenance_work_mem TO '256MB'");
    await applyPostgresMigrations(db, this.migrationsDir);
    await db.query(POSTGRES_SEARCH_TABLES);
    await db.query(POSTGRES_INGEST_TABLES);
    return PostgresLibraryStore.open(db, "build", this.build);
  }

  async publish(): Promise<void> {
    const db = this.db;
    // Statistics and the visibility map before anyone reads (VACUUM cannot run in a transaction).
    const { rows } = await db.query<{ table: string }>('SELECT tablename AS "table" FROM pg_tables WHERE schemaname = $1', [this.build]);
    for (const { table } of rows) await db.query(`VACUUM (ANALYZE) ${q(this.build)}.${q(table)}`);
    await db.query("BEGIN");
    try {
      if (await this.schemaExists(this.database.schema))
        await db.query(`ALTER SCHEMA ${q(this.database.schema)} RENAME TO ${q(this.retired)}`);
      await db.query(`ALTER SCHEMA ${q(this.build)} RENAME TO ${q(this.database.schema)}`);
      await db.query("COMMIT");
    } catch (error) {
      await db.query("ROLLBACK");
      throw error;
    }
    await db.query(`SET search_path TO ${q(this.database.schema)}`);
    await db.query(`DROP SCHEMA IF EXISTS ${q(this.retired)} CASCADE`);
  }

  async discardBuild(): Promise<void> {
    if (!this.client) return;
    await this.db.query("ROLLBACK").catch(() => {});
    await this.db.query(`DROP SCHEMA IF EXISTS ${q(this.build)} CASCADE`);
  }
}

interface Buffer {
  rows: unknown[][];
}

export class PostgresLibraryStore implements AsyncLibraryStore {
  private readonly ids: RowIds = { chapter: 1, turn: 1, cue: 1 };
  private nextDocId = 1;
  private nextChapterDocId = 1;
  /** build mode: word -> number of episodes, written at the end. */
  private readonly wordCounts = new Map<string, number>();
  /** Documents per lexeme: build mode, the totals; live mode, the change this transaction makes. */
  private readonly lexemeDocs = new Map<string, number>();
  private documents = 0;
  private tokens = 0;
  private readonly buffers = new Map<TableName, Buffer>();
  private bufferedRows = 0;
  private bufferedBytes = 0;
  /** Every statement, in order: calls that do not wait for each other still run one after the other. */
  private chain: Promise<unknown> = Promise.resolve();
  /** build mode: foreign keys and secondary indexes to create after the bulk insert. */
  private deferred: string[] = [];
  /** Entity counts as episodes are written and removed: from nothing (build), from the schema's (live). */
  private entityCounts = new EntityCounts();

  private constructor(
    private readonly db: pg.Client,
    readonly mode: "build" | "live",
  ) {}

  static async open(db: pg.Client, mode: "build" | "live", schema?: string): Promise<PostgresLibraryStore> {
    const store = new PostgresLibraryStore(db, mode);
    store.entityCounts = new EntityCounts(mode === "live" ? (await db.query<{ key: string; n: number }>(ENTITY_COUNT_SQL)).rows : []);
    if (mode === "live") {
      const max = async (sql: string) => Number((await db.query(sql)).rows[0]?.max ?? 0) + 1;
      store.ids.turn = await max('SELECT MAX("id") AS max FROM "Turn"');
      store.ids.chapter = await max('SELECT MAX("id") AS max FROM "Chapter"');
      store.ids.cue = await max('SELECT MAX("id") AS max FROM "Cue"');
      store.nextDocId = await max('SELECT MAX("id") AS max FROM "search_doc"');
      store.nextChapterDocId = await max('SELECT MAX("id") AS max FROM "search_chapter"');
    } else {
      // Foreign keys and secondary indexes go, to be made again once the rows are in.
      const constraints = await db.query<{ table: string; name: string; definition: string }>(
        `SELECT c.conrelid::regclass::text AS "table", c.conname AS "name", pg_get_constraintdef(c.oid) AS "definition"
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 AND c.contype = 'f'`,
        [schema],
      );
      for (const c of constraints.rows) {
        await db.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${q(c.name)}`);
        store.deferred.push(`ALTER TABLE ${c.table} ADD CONSTRAINT ${q(c.name)} ${c.definition}`);
      }
      const indexes = await db.query<{ name: string; definition: string }>(
        `SELECT i.indexname AS "name", i.indexdef AS "definition" FROM pg_indexes i
         WHERE i.schemaname = $1 AND NOT EXISTS (
           SELECT 1 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 AND c.conname = i.indexname)`,
        [schema],
      );
      for (const index of indexes.rows) {
        await db.query(`DROP INDEX ${q(index.name)}`);
        store.deferred.push(index.definition);
      }
      store.deferred.push(POSTGRES_SEARCH_INDEXES);
    }
    return store;
  }

  /** Runs `work` after every statement queued before it. */
  private run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => {});
    return next;
  }

  private query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.run(() => this.db.query<R>(sql, values));
  }

  /** Buffers a row; returns the flush's promise when the buffers are full (the caller waits: backpressure). */
  private add(table: TableName, row: unknown[]): void {
    let buffer = this.buffers.get(table);
    if (!buffer) this.buffers.set(table, (buffer = { rows: [] }));
    buffer.rows.push(row);
    this.bufferedRows += 1;
    for (const value of row) if (typeof value === "string") this.bufferedBytes += value.length;
  }

  private flushIfFull(): Promise<void> | undefined {
    if (this.bufferedRows < BATCH_ROWS && this.bufferedBytes < BATCH_BYTES) return undefined;
    return this.flush();
  }

  /** Sends every buffered row, table by table in foreign-key order. */
  private flush(): Promise<void> {
    const batches = TABLE_ORDER.filter((t) => this.buffers.get(t)?.rows.length).map((t) => [t, this.buffers.get(t)!.rows] as const);
    this.buffers.clear();
    this.bufferedRows = 0;
    this.bufferedBytes = 0;
    return this.run(async () => {
      for (const [table, rows] of batches) {
        const columns = TABLES[table].map((_, i) => rows.map((row) => row[i] ?? null));
        await this.db.query(bulkInsert(table), columns);
      }
    });
  }

  getMeta(key: string): Promise<string | null> {
    return this.query<{ value: string }>('SELECT "value" FROM "ingest_meta" WHERE "key" = $1', [key]).then((r) => r.rows[0]?.value ?? null);
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.query(
      'INSERT INTO "ingest_meta" ("key", "value") VALUES ($1, $2) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"',
      [key, value],
    );
  }

  async sources(): Promise<Map<string, SourceRecord>> {
    const { rows } = await this.query<{ source: string } & SourceRecord>('SELECT "source", "hash", "signature" FROM "ingest_source"');
    return new Map(rows.map((r) => [r.source, { hash: r.hash, signature: r.signature }]));
  }

  setSource(source: string, record: SourceRecord): Promise<void> {
    return this.query(
      `INSERT INTO "ingest_source" ("source", "hash", "signature") VALUES ($1, $2, $3)
       ON CONFLICT ("source") DO UPDATE SET "hash" = excluded."hash", "signature" = excluded."signature"`,
      [source, record.hash, record.signature],
    ).then(() => {});
  }

  async deleteSource(source: string): Promise<void> {
    await this.query('DELETE FROM "ingest_source" WHERE "source" = $1', [source]);
  }

  writeShows(shows: Show[]): Promise<void> {
    return this.upsertAll(
      "Show",
      ["id", "name", "url", "description"],
      shows.map((s) => [s.id, s.name, s.url, s.description]),
    );
  }

  writePeople(people: Person[]): Promise<void> {
    return this.upsertAll(
      "Person",
      ["id", "name", "affiliation", "bio"],
      people.map((p) => [p.id, p.name, p.affiliation, p.bio]),
    );
  }

  writeTopics(topics: Topic[]): Promise<void> {
    return this.upsertAll(
      "Topic",
      ["id", "name", "nameEn", "description", "keywords", "ordinal"],
      topics.map((t, ordinal) => [t.id, t.name, t.nameEn, t.description, JSON.stringify(t.keywords), ordinal]),
    );
  }

  /** Makes a small table hold exactly `rows` (keyed by its first column): updates in place, so no cascade fires. */
  private async upsertAll(table: string, columns: string[], rows: unknown[][]): Promise<void> {
    const [key, ...rest] = columns;
    await this.run(async () => {
      const keep = rows.map((r) => r[0] as string);
      await this.db.query(`DELETE FROM ${q(table)} WHERE NOT (${q(key!)} = ANY($1::text[]))`, [keep]);
      const sql = `INSERT INTO ${q(table)} (${columns.map(q).join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})
        ON CONFLICT (${q(key!)}) DO UPDATE SET ${rest.map((c) => `${q(c)} = excluded.${q(c)}`).join(", ")}`;
      for (const row of rows) await this.db.query(sql, row);
    });
  }

  async episodeIndex(): Promise<Array<{ slug: string; publishedAt: string; showId: string; people: string[] }>> {
    const participants = await this.query<{ episodeSlug: string; personId: string }>('SELECT "episodeSlug", "personId" FROM "Participant"');
    const people = new Map<string, string[]>();
    for (const row of participants.rows) {
      const list = people.get(row.episodeSlug) ?? [];
      list.push(row.personId);
      people.set(row.episodeSlug, list);
    }
    const episodes = await this.query<{ slug: string; publishedAt: string; showId: string }>(
      `SELECT "slug", to_char("publishedAt", 'YYYY-MM-DD') AS "publishedAt", "showId" FROM "Episode"`,
    );
    return episodes.rows.map((e) => ({ slug: e.slug, publishedAt: e.publishedAt, showId: e.showId, people: people.get(e.slug) ?? [] }));
  }

  async quoteIds(): Promise<Map<string, string>> {
    const { rows } = await this.query<{ id: string; episodeSlug: string }>('SELECT "id", "episodeSlug" FROM "Quote"');
    return new Map(rows.map((r) => [r.id, r.episodeSlug]));
  }

  async peopleNames(): Promise<Map<string, string>> {
    const { rows } = await this.query<{ id: string; name: string }>('SELECT "id", "name" FROM "Person"');
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async topicKeywords(): Promise<Array<{ id: string; keywords: string }>> {
    return (await this.query<{ id: string; keywords: string }>('SELECT "id", "keywords" FROM "Topic" ORDER BY "ordinal"')).rows;
  }

  private addDocument(row: SearchDocumentRow, tokens: { uni: string; bi: string; words: string; filters: string }): void {
    const vector = documentVector(tokens);
    const id = this.nextDocId++;
    this.add("search_doc", [
      id,
      row.kind,
      row.episodeSlug,
      row.chapterNumber,
      row.turnPk,
      row.turnId,
      row.quoteId,
      row.speakerId,
      row.position,
      vector.tokenCount,
      vector.long,
      vector.vector,
    ]);
    vector.chunks.forEach((chunk, index) => this.add("search_chunk", [id, index + 1, chunk]));
    for (const lexeme of vector.lexemes) this.lexemeDocs.set(lexeme, (this.lexemeDocs.get(lexeme) ?? 0) + 1);
    this.documents += 1;
    this.tokens += vector.tokenCount;
  }

  insertEpisode(rows: EpisodeRows): Promise<void> | undefined {
    this.entityCounts.addEpisode(rows);
    writeEpisodeTables(rows, this.ids, {
      boolean: (value) => value,
      row: (table, values) => this.add(table, values),
      chapterDocument: (episodeSlug, chapterNumber, tokens) =>
        this.add("search_chapter", [this.nextChapterDocId++, episodeSlug, chapterNumber, documentVector(tokens).vector]),
      document: (row, tokens) => this.addDocument(row, tokens),
    });
    if (this.mode === "build") {
      for (const word of rows.words) this.wordCounts.set(word, (this.wordCounts.get(word) ?? 0) + 1);
      return this.flushIfFull();
    }
    const flushed = this.flush();
    return this.run(async () => {
      await flushed;
      await this.db.query(
        `INSERT INTO "ingest_word" ("term", "episodes") SELECT unnest($1::text[]), 1
         ON CONFLICT ("term") DO UPDATE SET "episodes" = "ingest_word"."episodes" + 1`,
        [rows.words],
      );
      await this.db.query(
        'INSERT INTO "search_word" ("term", "stem") SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT ("term") DO NOTHING',
        [rows.words, rows.words.map(stemWord)],
      );
    });
  }

  async deleteEpisode(slug: string): Promise<void> {
    await this.flush();
    await this.run(async () => {
      const db = this.db;
      this.entityCounts.subtract((await db.query<{ key: string; n: number }>(episodeCountSql("$1"), [slug])).rows);
      // The words the episode's documents and chapter titles use, derived again from the rows (same
      // code: see the fingerprint), as the SQLite store does; and its documents' lexemes.
      const words = new Set<string>();
      const texts = await db.query<{ text: string }>(
        `SELECT COALESCE(qu."text", t."text") AS "text" FROM "search_doc" d JOIN "Turn" t ON t."id" = d."turnPk"
         LEFT JOIN "Quote" qu ON qu."id" = d."quoteId" WHERE d."episodeSlug" = $1
         UNION ALL SELECT "title" FROM "Chapter" WHERE "episodeSlug" = $1`,
        [slug],
      );
      for (const { text } of texts.rows) for (const word of vocabularyOf(indexTokens(text))) words.add(word);
      await db.query('UPDATE "ingest_word" SET "episodes" = "episodes" - 1 WHERE "term" = ANY($1::text[])', [[...words]]);
      await db.query('DELETE FROM "search_word" WHERE "term" IN (SELECT "term" FROM "ingest_word" WHERE "episodes" <= 0)');
      await db.query('DELETE FROM "ingest_word" WHERE "episodes" <= 0');
      const lexemes = await db.query<{ lexeme: string; docs: number }>(
        `SELECT l AS "lexeme", COUNT(*)::int AS "docs" FROM "search_doc" d, unnest(tsvector_to_array(d."tokens")) l
         WHERE d."episodeSlug" = $1 GROUP BY l`,
        [slug],
      );
      for (const { lexeme, docs } of lexemes.rows) this.lexemeDocs.set(lexeme, (this.lexemeDocs.get(lexeme) ?? 0) - docs);
      const totals = await db.query<{ documents: number; tokens: string | null }>(
        'SELECT COUNT(*)::int AS "documents", SUM("tokenCount")::bigint AS "tokens" FROM "search_doc" WHERE "episodeSlug" = $1',
        [slug],
      );
      this.documents -= totals.rows[0]?.documents ?? 0;
      this.tokens -= Number(totals.rows[0]?.tokens ?? 0);
      for (const sql of [
        'DELETE FROM "search_chunk" WHERE "docId" IN (SELECT "id" FROM "search_doc" WHERE "episodeSlug" = $1)',
        'DELETE FROM "search_doc" WHERE "episodeSlug" = $1',
        'DELETE FROM "search_chapter" WHERE "episodeSlug" = $1',
        'DELETE FROM "search_episode" WHERE "episodeSlug" = $1',
        'DELETE FROM "QuoteTopic" WHERE "quoteId" IN (SELECT "id" FROM "Quote" WHERE "episodeSlug" = $1)',
        'DELETE FROM "Quote" WHERE "episodeSlug" = $1',
        'DELETE FROM "Cue" WHERE "turnPk" IN (SELECT "id" FROM "Turn" WHERE "episodeSlug" = $1)',
        'DELETE FROM "TurnTopic" WHERE "turnPk" IN (SELECT "id" FROM "Turn" WHERE "episodeSlug" = $1)',
        'DELETE FROM "Turn" WHERE "episodeSlug" = $1',
        'DELETE FROM "Chapter" WHERE "episodeSlug" = $1',
        'DELETE FROM "Participant" WHERE "episodeSlug" = $1',
        'DELETE FROM "Episode" WHERE "slug" = $1',
      ])
        await db.query(sql, [slug]);
    });
  }

  async setRanks(ranks: Map<string, number>): Promise<void> {
    await this.flush();
    await this.query(
      `INSERT INTO "search_episode" ("episodeSlug", "rank") SELECT * FROM unnest($1::text[], $2::int4[])
       ON CONFLICT ("episodeSlug") DO UPDATE SET "rank" = excluded."rank"`,
      [[...ranks.keys()], [...ranks.values()]],
    );
  }

  async writeEntities(shared: Pick<Library, "people" | "topics" | "shows">): Promise<void> {
    await this.flush();
    await this.run(() => writePostgresEntities(this.db, shared, this.entityCounts, this.mode === "live"));
  }

  /** Documents per lexeme and the totals: the whole of them (build) or this transaction's change (live). */
  private async writeStatistics(): Promise<void> {
    await this.flush();
    const lexemes = [...this.lexemeDocs].filter(([, n]) => n !== 0);
    this.lexemeDocs.clear();
    const documents = this.documents;
    const tokens = this.tokens;
    this.documents = 0;
    this.tokens = 0;
    await this.run(async () => {
      for (let i = 0; i < lexemes.length; i += 50_000) {
        const slice = lexemes.slice(i, i + 50_000);
        await this.db.query(
          `INSERT INTO "search_lexeme" ("lexeme", "docs") SELECT * FROM unnest($1::text[], $2::int4[])
           ON CONFLICT ("lexeme") DO UPDATE SET "docs" = "search_lexeme"."docs" + excluded."docs"`,
          [slice.map(([l]) => l), slice.map(([, n]) => n)],
        );
      }
      if (this.mode === "live") await this.db.query('DELETE FROM "search_lexeme" WHERE "docs" <= 0');
      await this.db.query(
        `INSERT INTO "search_stats" ("id", "documents", "tokens") VALUES (1, $1, $2)
         ON CONFLICT ("id") DO UPDATE SET "documents" = "search_stats"."documents" + excluded."documents",
           "tokens" = "search_stats"."tokens" + excluded."tokens"`,
        [documents, tokens],
      );
    });
  }

  /** build mode: the vocabulary, statistics, foreign keys and indexes (committed by the caller before). */
  async finishBuild(): Promise<void> {
    const words = [...this.wordCounts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    await this.run(async () => {
      for (let i = 0; i < words.length; i += 50_000) {
        const slice = words.slice(i, i + 50_000);
        await this.db.query('INSERT INTO "ingest_word" ("term", "episodes") SELECT * FROM unnest($1::text[], $2::int4[])', [
          slice.map(([w]) => w),
          slice.map(([, n]) => n),
        ]);
        await this.db.query('INSERT INTO "search_word" ("term", "stem") SELECT * FROM unnest($1::text[], $2::text[])', [
          slice.map(([w]) => w),
          slice.map(([w]) => stemWord(w)),
        ]);
      }
      for (const sql of this.deferred) await this.db.query(sql);
    });
  }

  async begin(): Promise<void> {
    await this.query("BEGIN");
  }

  async commit(): Promise<void> {
    await this.writeStatistics();
    await this.query(
      `INSERT INTO "ingest_meta" ("key", "value") VALUES ('version', $1) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`,
      [randomUUID()],
    );
    // A full build's indexes and vocabulary go in the same transaction (finishBuild runs after
    // commit() in the ingest; for PostgreSQL the transaction ends when the build is finished).
    if (this.mode === "live") await this.query("COMMIT");
    else this.commitAfterFinish = true;
  }

  private commitAfterFinish = false;

  async rollback(): Promise<void> {
    this.buffers.clear();
    this.bufferedRows = 0;
    this.bufferedBytes = 0;
    await this.chain;
    await this.db.query("ROLLBACK").catch(() => {});
  }

  async close(): Promise<void> {
    await this.chain;
    if (this.commitAfterFinish) {
      this.commitAfterFinish = false;
      await this.db.query("COMMIT");
    }
  }
}

/** Above this many rows to write anew, the entity tables are rewritten whole (as the SQLite store does). */
const REWRITE_ABOVE = 2_000;

/**
 * Rewrites the entity tables (the SQLite store's writeSearchEntities, in PostgreSQL): names and
 * aliases from the shared content, episodes and chapters from SQL, counts kept by the ingest
 * (entity-rows.ts). Incremental (live): only the rows that differ from those stored.
 */
async function writePostgresEntities(
  db: pg.Client,
  shared: Pick<Library, "people" | "topics" | "shows">,
  counts: EntityCounts,
  incremental: boolean,
): Promise<void> {
  const read: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(ENTITY_SQL)) read[name] = (await db.query(sql)).rows;
  const rows = entityTableRows(libraryEntities(shared, entityRows(read)), (entity) => counts.of(entity));
  const changes = incremental
    ? entityTableChanges(
        storedEntityRows(
          (
            await db.query<Omit<EntityTableRow, "keys">>(
              'SELECT "id", "kind", "entityId", "name", "url", "count", "role", "context", "keyLength" FROM "search_entity"',
            )
          ).rows,
          (await db.query<{ key: string; entity: number; exact: number }>('SELECT "key", "entity", "exact" FROM "search_entity_key"')).rows,
        ),
        rows,
      )
    : null;
  if (!changes || changes.insert.length > REWRITE_ABOVE) {
    await db.query('DELETE FROM "search_entity"; DELETE FROM "search_entity_key"; DELETE FROM "search_entity_title";');
    await insertPostgresEntities(db, rows);
    return;
  }
  const removed = changes.remove.map((row) => row.id);
  const removedKeys = changes.remove.flatMap((row) => row.keys.map(([key]) => [key, row.id] as const));
  await db.query('DELETE FROM "search_entity" WHERE "id" = ANY($1::int4[])', [removed]);
  await db.query('DELETE FROM "search_entity_title" WHERE "entity" = ANY($1::int4[])', [removed]);
  await db.query(
    'DELETE FROM "search_entity_key" k USING unnest($1::text[], $2::int4[]) AS u(key, entity) WHERE k."key" = u.key AND k."entity" = u.entity',
    [removedKeys.map(([key]) => key), removedKeys.map(([, entity]) => entity)],
  );
  const column = <K extends keyof EntityTableRow>(key: K) => changes.update.map((row) => row[key]);
  await db.query(
    `UPDATE "search_entity" e SET "url" = u.url, "count" = u.count, "role" = u.role, "context" = u.context, "keyLength" = u.kl
     FROM unnest($1::int4[], $2::text[], $3::int4[], $4::text[], $5::text[], $6::int4[]) AS u(id, url, count, role, context, kl)
     WHERE e."id" = u.id`,
    [column("id"), column("url"), column("count"), column("role"), column("context"), column("keyLength")],
  );
  await insertPostgresEntities(db, changes.insert);
}

async function insertPostgresEntities(db: pg.Client, rows: readonly EntityTableRow[]): Promise<void> {
  const columns = ["id", "kind", "entityId", "name", "url", "count", "role", "context", "keyLength"] as const;
  for (let i = 0; i < rows.length; i += 20_000) {
    const slice = rows.slice(i, i + 20_000);
    await db.query(
      `INSERT INTO "search_entity" ("id", "kind", "entityId", "name", "url", "count", "role", "context", "keyLength")
       SELECT * FROM unnest($1::int4[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int4[], $7::text[], $8::text[], $9::int4[])`,
      columns.map((column) => slice.map((row) => row[column])),
    );
    await db.query('INSERT INTO "search_entity_title" ("entity", "tokens") SELECT * FROM unnest($1::int4[], $2::tsvector[])', [
      slice.map((row) => row.id),
      slice.map((row) => documentVector(indexTokens(row.name)).vector),
    ]);
  }
  const keys = rows.flatMap((row) => row.keys.map(([key, exact]) => [key, row.id, exact] as const));
  for (let i = 0; i < keys.length; i += 50_000) {
    const slice = keys.slice(i, i + 50_000);
    await db.query('INSERT INTO "search_entity_key" ("key", "entity", "exact") SELECT * FROM unnest($1::text[], $2::int4[], $3::int4[])', [
      slice.map((k) => k[0]),
      slice.map((k) => k[1]),
      slice.map((k) => k[2]),
    ]);
  }
}
