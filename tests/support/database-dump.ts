// A database as data that does not depend on surrogate ids, for comparing an incrementally
// updated database with a full rebuild (docs/decisions.md: surrogate ids are not compared).
// Every table, row for row, with each surrogate id (Turn.id, Chapter.id, Cue.id, search rowids)
// replaced by the natural key it stands for; the FTS5 index by its vocabulary with document
// counts; rows sorted so that insertion order does not matter.
import Database from "better-sqlite3";
import { resolveDatabase } from "../../src/lib/database-url.ts";
import { queryRows } from "./databases.ts";

const TURN_KEY = "(SELECT episodeSlug || '/' || turnId FROM Turn WHERE Turn.id = X)";
const turnKey = (column: string) => TURN_KEY.replace("X", column);

const QUERIES: Record<string, string> = {
  Show: "SELECT * FROM Show",
  Person: "SELECT * FROM Person",
  Topic: "SELECT * FROM Topic",
  Episode: "SELECT * FROM Episode",
  Participant: "SELECT * FROM Participant",
  Chapter: "SELECT episodeSlug, number, title, tocTitle, startMs FROM Chapter",
  Turn: `SELECT episodeSlug, turnId, ordinal, (SELECT number FROM Chapter c WHERE c.id = Turn.chapterId) AS chapter, speakerId, kind,
           markdown, text, html, startMs, endMs, asks, exchange FROM Turn`,
  Cue: `SELECT ${turnKey("Cue.turnPk")} AS turn, ordinal, startMs, endMs, text FROM Cue`,
  TurnTopic: `SELECT ${turnKey("TurnTopic.turnPk")} AS turn, topicId, source FROM TurnTopic`,
  Quote: `SELECT id, episodeSlug, ${turnKey("Quote.turnPk")} AS turn, text, ordinal FROM Quote`,
  QuoteTopic: "SELECT * FROM QuoteTopic",
  search_doc: `SELECT kind, episodeSlug, episodeRank, chapterNumber, ${turnKey("search_doc.turnPk")} AS turn, turnId, quoteId, speakerId, position FROM search_doc`,
  search_chapter_fts: "SELECT episodeSlug, chapterNumber, uni, bi, words FROM search_chapter_fts",
  search_word: "SELECT * FROM search_word",
  search_entity: "SELECT kind, entityId, name, url, count, role, context, keyLength FROM search_entity",
  search_entity_key:
    "SELECT key, (SELECT kind || ':' || entityId FROM search_entity e WHERE e.rowid = k.entity) AS entity, exact FROM search_entity_key k",
  ingest_source: "SELECT source, hash FROM ingest_source",
  ingest_word: "SELECT * FROM ingest_word",
};

export function dumpDatabase(path: string): Record<string, string[]> {
  const db = new Database(path, { readonly: true });
  try {
    const out: Record<string, string[]> = {};
    for (const [table, sql] of Object.entries(QUERIES)) {
      if (
        (table.startsWith("ingest_") || table.startsWith("search_entity")) &&
        !db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(table)
      )
        continue;
      out[table] = (db.prepare(sql).all() as object[]).map((row) => JSON.stringify(row)).sort();
    }
    // The FTS5 index: every (term, column) with the documents that hold it, by natural key.
    db.exec("CREATE VIRTUAL TABLE temp.dump_vocab USING fts5vocab(main, search_fts, 'col')");
    out.search_fts = (db.prepare("SELECT term, col, doc, cnt FROM temp.dump_vocab").all() as object[]).map((r) => JSON.stringify(r)).sort();
    // Its totals (documents and tokens per column), which BM25 ranks by.
    out.search_fts_averages = [(db.prepare("SELECT hex(block) FROM search_fts_data WHERE id = 1").pluck().get() as string) ?? ""];
    return out;
  } finally {
    db.close();
  }
}

// The same for a PostgreSQL library (tests/support/databases.ts): its tables, and its search index
// (postgres-tsvector/schema.ts) as lexemes per document by natural key, with the statistics.
const PG_TURN_KEY = `(SELECT "episodeSlug" || '/' || "turnId" FROM "Turn" WHERE "Turn"."id" = X)`;
const pgTurnKey = (column: string) => PG_TURN_KEY.replace("X", column);
const PG_QUERIES: Record<string, string> = {
  Show: 'SELECT * FROM "Show"',
  Person: 'SELECT * FROM "Person"',
  Topic: 'SELECT * FROM "Topic"',
  Episode: 'SELECT * FROM "Episode"',
  Participant: 'SELECT * FROM "Participant"',
  Chapter: 'SELECT "episodeSlug", "number", "title", "tocTitle", "startMs" FROM "Chapter"',
  Turn: `SELECT "episodeSlug", "turnId", "ordinal", (SELECT "number" FROM "Chapter" c WHERE c."id" = "Turn"."chapterId") AS "chapter",
           "speakerId", "kind", "markdown", "text", "html", "startMs", "endMs", "asks", "exchange" FROM "Turn"`,
  Cue: `SELECT ${pgTurnKey('"Cue"."turnPk"')} AS "turn", "ordinal", "startMs", "endMs", "text" FROM "Cue"`,
  TurnTopic: `SELECT ${pgTurnKey('"TurnTopic"."turnPk"')} AS "turn", "topicId", "source" FROM "TurnTopic"`,
  Quote: `SELECT "id", "episodeSlug", ${pgTurnKey('"Quote"."turnPk"')} AS "turn", "text", "ordinal" FROM "Quote"`,
  QuoteTopic: 'SELECT * FROM "QuoteTopic"',
  search_doc: `SELECT "kind", "episodeSlug", "chapterNumber", ${pgTurnKey('"search_doc"."turnPk"')} AS "turn", "turnId", "quoteId", "speakerId",
                 "position", "tokenCount", "long", "tokens"::text AS "tokens" FROM "search_doc"`,
  search_chunk: `SELECT d."kind", d."turnId", d."quoteId", ${pgTurnKey('d."turnPk"')} AS "turn", c."chunk", c."tokens"::text AS "tokens"
                 FROM "search_chunk" c JOIN "search_doc" d ON d."id" = c."docId"`,
  search_episode: 'SELECT * FROM "search_episode"',
  search_lexeme: 'SELECT * FROM "search_lexeme"',
  search_stats: 'SELECT "documents"::text, "tokens"::text FROM "search_stats"',
  search_chapter: 'SELECT "episodeSlug", "chapterNumber", "tokens"::text AS "tokens" FROM "search_chapter"',
  search_word: 'SELECT * FROM "search_word"',
  search_entity: 'SELECT "kind", "entityId", "name", "url", "count", "role", "context", "keyLength" FROM "search_entity"',
  search_entity_key: `SELECT "key", (SELECT "kind" || ':' || "entityId" FROM "search_entity" e WHERE e."id" = k."entity") AS "entity", "exact"
                      FROM "search_entity_key" k`,
  search_entity_title: `SELECT (SELECT "kind" || ':' || "entityId" FROM "search_entity" e WHERE e."id" = t."entity") AS "entity",
                          "tokens"::text AS "tokens" FROM "search_entity_title" t`,
  ingest_source: 'SELECT "source", "hash" FROM "ingest_source"',
  ingest_word: 'SELECT * FROM "ingest_word"',
};

/** dumpDatabase() for a DATABASE_URL: a SQLite file or a PostgreSQL schema. */
export async function dumpLibrary(databaseUrl: string): Promise<Record<string, string[]>> {
  const target = resolveDatabase(databaseUrl);
  if (target.kind === "sqlite") return dumpDatabase(target.path);
  const out: Record<string, string[]> = {};
  for (const [table, sql] of Object.entries(PG_QUERIES))
    out[table] = (await queryRows<object>(databaseUrl, sql)).map((row) => JSON.stringify(row)).sort();
  return out;
}
