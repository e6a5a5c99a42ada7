// The full-text index: two tables the ingest creates next to Prisma's, in the same database file
// (so the atomic swap covers both), and that Prisma never manages (prisma.config.ts lists them as
// external tables; no migration creates or drops them).
//
//   search_doc   one row per searchable document (a speech turn, a note, a curated quote) with
//                what filters and ranking need
//   search_fts   FTS5, contentless: the tokens of src/lib/search/tokenize.ts, rowid = search_doc.rowid,
//                and one token per filter value (kind, episode, chapter, speaker, topic) in the
//                `filters` column, so that a filter is intersected inside FTS5 instead of looked
//                up document by document
//   search_chapter_fts  chapter titles, tokenised the same way: a match boosts the chapter's turns
//   search_word  every distinct word token as written (folded) with its stem (the `words` columns
//                hold stems), so that the prefix of a query's last word can be expanded to the
//                stems of the words it starts, and a word can be split into two indexed words
//   search_entity, search_entity_key, search_entity_fts
//                people, topics, shows, episodes and chapters with their counts, looked up by
//                compact keys (folded, without spaces: "yiwenli") and by the words of titles
import type Database from "better-sqlite3";
import type { Library } from "../../content/load-library";
import type { SearchEntityName } from "../entities";
import { indexTokens, type IndexTokens } from "../tokenize";

export { indexTokens, type IndexTokens };
import { stemWord } from "../stem";
import {
  ENTITY_SQL,
  EntityCounts,
  entityRows,
  entityTableChanges,
  entityTableRows,
  libraryEntities,
  storedEntityRows,
  type EntityTableRow,
} from "../entity-rows";

export const SEARCH_TABLES = [
  "search_doc",
  "search_fts",
  "search_chapter_fts",
  "search_word",
  "search_entity",
  "search_entity_key",
  "search_entity_fts",
] as const;

export interface SearchChapter {
  episodeSlug: string;
  chapterNumber: number;
  title: string;
}

export const SEARCH_SCHEMA = `
CREATE TABLE search_doc (
  rowid         INTEGER PRIMARY KEY,
  kind          TEXT    NOT NULL,   -- 'speech' | 'note' | 'quote'
  episodeSlug   TEXT    NOT NULL,
  episodeRank   INTEGER NOT NULL,   -- library order of the episode (newest first)
  chapterNumber INTEGER NOT NULL,
  turnPk        INTEGER NOT NULL,
  turnId        TEXT    NOT NULL,
  quoteId       TEXT,
  speakerId     TEXT,               -- null for editor notes
  position      INTEGER NOT NULL    -- order inside the episode
);
CREATE INDEX search_doc_speaker ON search_doc (speakerId);
CREATE INDEX search_doc_chapter ON search_doc (episodeSlug, chapterNumber);
CREATE VIRTUAL TABLE search_fts USING fts5(uni, bi, words, filters, content='', tokenize='unicode61 remove_diacritics 0');
CREATE TABLE search_word (term TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE search_chapter_fts USING fts5(episodeSlug UNINDEXED, chapterNumber UNINDEXED, uni, bi, words, tokenize='unicode61 remove_diacritics 0');
CREATE TABLE search_entity (
  rowid     INTEGER PRIMARY KEY,
  kind      TEXT    NOT NULL,   -- 'person' | 'topic' | 'show' | 'episode' | 'chapter'
  entityId  TEXT    NOT NULL,   -- person/topic/show id, episode slug, '<slug>/<chapter number>'
  name      TEXT    NOT NULL,
  url       TEXT    NOT NULL,
  count     INTEGER NOT NULL,   -- turns (person: spoken; topic: tagged; episode, chapter: all), show: episodes
  role      TEXT,               -- a person's commonest role
  context   TEXT,               -- a chapter's episode title
  keyLength INTEGER NOT NULL    -- characters of the compact name: how much of it a query covers
);
CREATE TABLE search_entity_key (key TEXT NOT NULL, entity INTEGER NOT NULL, exact INTEGER NOT NULL, PRIMARY KEY (key, entity)) WITHOUT ROWID;
CREATE VIRTUAL TABLE search_entity_fts USING fts5(uni, bi, words, content='', tokenize='unicode61 remove_diacritics 0');
`;

export interface SearchDocument {
  kind: "speech" | "note" | "quote";
  episodeSlug: string;
  episodeRank: number;
  chapterNumber: number;
  turnPk: number;
  turnId: string;
  quoteId: string | null;
  speakerId: string | null;
  position: number;
  /** Topics of the turn (its keyword and manual tags) or of the curated quote. */
  topics: readonly string[];
  text: string;
}

export type FilterDimension = "kind" | "episode" | "chapter" | "speaker" | "topic";
const DIMENSION_PREFIX: Record<FilterDimension, string> = { kind: "k", episode: "e", chapter: "c", speaker: "s", topic: "t" };

/**
 * The token that stands for one filter value in the `filters` column: a letter for the dimension
 * and the value's UTF-8 bytes in hex, so any id becomes one lower-case alphanumeric token that the
 * unicode61 tokenizer keeps whole and that no other value shares.
 */
export function filterToken(dimension: FilterDimension, value: string | number): string {
  return DIMENSION_PREFIX[dimension] + Buffer.from(String(value), "utf8").toString("hex");
}

/** The `filters` column of a document. */
export function filterTokens(doc: Pick<SearchDocument, "kind" | "episodeSlug" | "chapterNumber" | "speakerId" | "topics">): string {
  return [
    filterToken("kind", doc.kind),
    filterToken("episode", doc.episodeSlug),
    filterToken("chapter", doc.chapterNumber),
    ...(doc.speakerId === null ? [] : [filterToken("speaker", doc.speakerId)]),
    ...doc.topics.map((topic) => filterToken("topic", topic)),
  ].join(" ");
}

/** The words of a text that go into the prefix vocabulary (search_word): as written (folded), not stemmed. */
export function vocabularyOf(tokens: IndexTokens & { surfaces: string[] }): string[] {
  return tokens.surfaces;
}

/** Creates the index tables and fills them, in one transaction. */
export function buildSearchIndex(
  db: Database.Database,
  documents: readonly SearchDocument[],
  chapters: Iterable<SearchChapter>,
  entities: readonly SearchEntityName[] = [],
): number {
  db.exec(SEARCH_SCHEMA);
  const insertChapter = db.prepare("INSERT INTO search_chapter_fts (episodeSlug, chapterNumber, uni, bi, words) VALUES (?, ?, ?, ?, ?)");
  const insertDoc = db.prepare(
    `INSERT INTO search_doc (rowid, kind, episodeSlug, episodeRank, chapterNumber, turnPk, turnId, quoteId, speakerId, position)
     VALUES (@rowid, @kind, @episodeSlug, @episodeRank, @chapterNumber, @turnPk, @turnId, @quoteId, @speakerId, @position)`,
  );
  const insertFts = db.prepare("INSERT INTO search_fts (rowid, uni, bi, words, filters) VALUES (?, ?, ?, ?, ?)");
  const vocabulary = new Set<string>();
  const addWords = (surfaces: readonly string[]) => {
    for (const word of surfaces) vocabulary.add(word);
  };
  let rowid = 0;
  db.transaction(() => {
    for (const chapter of chapters) {
      const tokens = indexTokens(chapter.title);
      insertChapter.run(chapter.episodeSlug, chapter.chapterNumber, tokens.uni, tokens.bi, tokens.words);
      addWords(tokens.surfaces);
    }
    for (const doc of documents) {
      rowid += 1;
      const { kind, episodeSlug, episodeRank, chapterNumber, turnPk, turnId, quoteId, speakerId, position, text } = doc;
      insertDoc.run({ rowid, kind, episodeSlug, episodeRank, chapterNumber, turnPk, turnId, quoteId, speakerId, position });
      const tokens = indexTokens(text);
      insertFts.run(rowid, tokens.uni, tokens.bi, tokens.words, filterTokens(doc));
      addWords(tokens.surfaces);
    }
    const insertWord = db.prepare("INSERT INTO search_word (term, stem) VALUES (?, ?)");
    for (const word of vocabulary) insertWord.run(word, stemWord(word));
    insertEntities(db, entities, documents);
  })();
  db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
  return rowid;
}

function insertEntities(db: Database.Database, entities: readonly SearchEntityName[], documents: readonly SearchDocument[]): void {
  const counts = new EntityCounts();
  for (const doc of documents) counts.addTurn(doc);
  for (const entity of entities) if (entity.kind === "episode" && entity.showId) counts.addShowEpisode(entity.showId);
  insertEntityRows(
    db,
    entityTableRows(entities, (entity) => counts.of(entity)),
  );
}

function insertEntityRows(db: Database.Database, rows: readonly EntityTableRow[]): void {
  const insertEntity = db.prepare(
    `INSERT INTO search_entity (rowid, kind, entityId, name, url, count, role, context, keyLength)
     VALUES (@id, @kind, @entityId, @name, @url, @count, @role, @context, @keyLength)`,
  );
  const insertKey = db.prepare("INSERT INTO search_entity_key (key, entity, exact) VALUES (?, ?, ?)");
  const insertFts = db.prepare("INSERT INTO search_entity_fts (rowid, uni, bi, words) VALUES (?, ?, ?, ?)");
  for (const { keys, ...row } of rows) {
    insertEntity.run(row);
    for (const [key, exact] of keys) insertKey.run(key, row.id, exact);
    const tokens = indexTokens(row.name);
    insertFts.run(row.id, tokens.uni, tokens.bi, tokens.words);
  }
}

/** Above this many rows to write anew, the entity tables are rewritten whole (dropping ~60,000 rows one by one costs more). */
const REWRITE_ABOVE = 2_000;

/**
 * Rewrites the entity tables of a database whose relational tables are written: names and aliases
 * from the shared content (people, topics, shows), episodes and chapters from SQL, counts kept by
 * the ingest (entity-rows.ts). Run at the end of every ingest, full or incremental (counts change
 * with any episode). Incremental: only the rows that differ from those stored are written (an
 * edited episode changes a few counts; rewriting all 60,000 rows of 1,000,000 turns took 3 s).
 */
export function writeSearchEntities(
  db: Database.Database,
  shared: Pick<Library, "people" | "topics" | "shows">,
  counts: EntityCounts,
  incremental = false,
): void {
  const library = entityRows(Object.fromEntries(Object.entries(ENTITY_SQL).map(([name, sql]) => [name, db.prepare(sql).all()])));
  const rows = entityTableRows(libraryEntities(shared, library), (entity) => counts.of(entity));
  const changes = incremental
    ? entityTableChanges(
        storedEntityRows(
          db.prepare("SELECT rowid AS id, kind, entityId, name, url, count, role, context, keyLength FROM search_entity").all() as Array<
            Omit<EntityTableRow, "keys">
          >,
          db.prepare("SELECT key, entity, exact FROM search_entity_key").all() as Array<{ key: string; entity: number; exact: number }>,
        ),
        rows,
      )
    : null;
  if (!changes || changes.insert.length > REWRITE_ABOVE) {
    db.exec(
      "DELETE FROM search_entity; DELETE FROM search_entity_key; INSERT INTO search_entity_fts (search_entity_fts) VALUES ('delete-all');",
    );
    insertEntityRows(db, rows);
    return;
  }
  const deleteEntity = db.prepare("DELETE FROM search_entity WHERE rowid = ?");
  const deleteKey = db.prepare("DELETE FROM search_entity_key WHERE key = ? AND entity = ?");
  const deleteFts = db.prepare("INSERT INTO search_entity_fts (search_entity_fts, rowid, uni, bi, words) VALUES ('delete', ?, ?, ?, ?)");
  for (const row of changes.remove) {
    deleteEntity.run(row.id);
    for (const [key] of row.keys) deleteKey.run(key, row.id);
    const tokens = indexTokens(row.name);
    deleteFts.run(row.id, tokens.uni, tokens.bi, tokens.words);
  }
  const update = db.prepare("UPDATE search_entity SET url = ?, count = ?, role = ?, context = ?, keyLength = ? WHERE rowid = ?");
  for (const row of changes.update) update.run(row.url, row.count, row.role, row.context, row.keyLength, row.id);
  insertEntityRows(db, changes.insert);
}
