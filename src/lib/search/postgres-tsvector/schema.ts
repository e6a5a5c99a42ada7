// The PostgreSQL search index: tables the ingest creates next to Prisma's, in the library's schema
// (so the swap of schemas covers both), never managed by Prisma's migrations. The SQLite engine's
// tables (sqlite-fts5/search-index.ts) hold the same things; where they differ, it says why.
//
//   search_doc      one row per searchable document with what filters and ranking need, and its
//                   lexemes (vector.ts) in `tokens`, under a GIN index; `tokenCount` is BM25's
//                   document length; `long` documents keep positions in search_chunk instead
//   search_chunk    windows of a long document's bigram and word streams, with positions
//   search_episode  each episode's library rank (newest first). SQLite keeps it in search_doc,
//                   updated in place; in PostgreSQL an UPDATE writes a new version of the row, so
//                   a full ingest would write the whole index twice: a join is cheaper
//   search_lexeme   documents per lexeme: FTS5 does not store these (and counts by reading),
//                   PostgreSQL's GIN index has them only by reading whole posting lists, so the
//                   ingest keeps them; a query of one lexeme knows its count (broadness, IDF,
//                   near-match probes) with one index lookup
//   search_stats    documents and tokens in all: BM25's N and average document length
//   search_chapter  chapter titles' lexemes: a match boosts the chapter's turns
//   search_word     every distinct word as written (folded) with its stem: prefix expansion
//   search_entity, search_entity_key, search_entity_title
//                   people, topics, shows, episodes and chapters with their counts, by compact
//                   key and by the words of their names
// Keys compared by range or sorted carry COLLATE "C" (code-point order, as SQLite's BINARY).
export const POSTGRES_SEARCH_TABLES = `
CREATE TABLE "search_doc" (
  "id"            integer PRIMARY KEY,
  "kind"          text COLLATE "C" NOT NULL,
  "episodeSlug"   text COLLATE "C" NOT NULL,
  "chapterNumber" integer NOT NULL,
  "turnPk"        integer NOT NULL,
  "turnId"        text COLLATE "C" NOT NULL,
  "quoteId"       text COLLATE "C",
  "speakerId"     text COLLATE "C",
  "position"      integer NOT NULL,
  "tokenCount"    integer NOT NULL,
  "long"          boolean NOT NULL,
  "tokens"        tsvector NOT NULL
);
CREATE TABLE "search_chunk" ("docId" integer NOT NULL, "chunk" integer NOT NULL, "tokens" tsvector NOT NULL, PRIMARY KEY ("docId", "chunk"));
CREATE TABLE "search_episode" ("episodeSlug" text COLLATE "C" PRIMARY KEY, "rank" integer NOT NULL);
CREATE TABLE "search_lexeme" ("lexeme" text COLLATE "C" PRIMARY KEY, "docs" integer NOT NULL);
CREATE TABLE "search_stats" ("id" integer PRIMARY KEY CHECK ("id" = 1), "documents" bigint NOT NULL, "tokens" bigint NOT NULL);
CREATE TABLE "search_chapter" (
  "id"            integer PRIMARY KEY,
  "episodeSlug"   text COLLATE "C" NOT NULL,
  "chapterNumber" integer NOT NULL,
  "tokens"        tsvector NOT NULL
);
CREATE TABLE "search_word" ("term" text COLLATE "C" PRIMARY KEY, "stem" text COLLATE "C" NOT NULL);
CREATE TABLE "search_entity" (
  "id"        integer PRIMARY KEY,
  "kind"      text COLLATE "C" NOT NULL,
  "entityId"  text COLLATE "C" NOT NULL,
  "name"      text COLLATE "C" NOT NULL,
  "url"       text COLLATE "C" NOT NULL,
  "count"     integer NOT NULL,
  "role"      text COLLATE "C",
  "context"   text COLLATE "C",
  "keyLength" integer NOT NULL
);
CREATE TABLE "search_entity_key" ("key" text COLLATE "C" NOT NULL, "entity" integer NOT NULL, "exact" integer NOT NULL, PRIMARY KEY ("key", "entity"));
CREATE TABLE "search_entity_title" ("entity" integer PRIMARY KEY, "tokens" tsvector NOT NULL);
`;

/** Secondary indexes: created after a full ingest's bulk insert (one sort each), with the tables for an empty index. */
export const POSTGRES_SEARCH_INDEXES = `
CREATE INDEX "search_doc_tokens" ON "search_doc" USING gin ("tokens");
CREATE INDEX "search_doc_episode" ON "search_doc" ("episodeSlug");
CREATE INDEX "search_doc_long" ON "search_doc" ("id") WHERE "long";
CREATE INDEX "search_chapter_tokens" ON "search_chapter" USING gin ("tokens");
CREATE INDEX "search_chapter_episode" ON "search_chapter" ("episodeSlug");
CREATE INDEX "search_entity_title_tokens" ON "search_entity_title" USING gin ("tokens");
`;

export const POSTGRES_SEARCH_TABLE_NAMES = [
  "search_doc",
  "search_chunk",
  "search_episode",
  "search_lexeme",
  "search_stats",
  "search_chapter",
  "search_word",
  "search_entity",
  "search_entity_key",
  "search_entity_title",
] as const;
