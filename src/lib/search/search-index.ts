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
//   search_word  every distinct word token (the vocabulary of the `words` columns), so that the
//                prefix of a query's last word can be expanded to the words it stands for
import type Database from "better-sqlite3";
import { indexTokens, WORD_BREAK, type IndexTokens } from "./tokenize";

export { indexTokens, type IndexTokens };

export const SEARCH_TABLES = ["search_doc", "search_fts", "search_chapter_fts", "search_word"] as const;

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
CREATE TABLE search_word (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE search_chapter_fts USING fts5(episodeSlug UNINDEXED, chapterNumber UNINDEXED, uni, bi, words, tokenize='unicode61 remove_diacritics 0');
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

/** The words of a text's tokens that go into the prefix vocabulary (search_word). */
export function vocabularyOf(tokens: IndexTokens): string[] {
  return tokens.words.split(" ").filter((word) => word && word !== WORD_BREAK);
}

/** Creates the index tables and fills them, in one transaction. */
export function buildSearchIndex(db: Database.Database, documents: Iterable<SearchDocument>, chapters: Iterable<SearchChapter>): number {
  db.exec(SEARCH_SCHEMA);
  const insertChapter = db.prepare("INSERT INTO search_chapter_fts (episodeSlug, chapterNumber, uni, bi, words) VALUES (?, ?, ?, ?, ?)");
  const insertDoc = db.prepare(
    `INSERT INTO search_doc (rowid, kind, episodeSlug, episodeRank, chapterNumber, turnPk, turnId, quoteId, speakerId, position)
     VALUES (@rowid, @kind, @episodeSlug, @episodeRank, @chapterNumber, @turnPk, @turnId, @quoteId, @speakerId, @position)`,
  );
  const insertFts = db.prepare("INSERT INTO search_fts (rowid, uni, bi, words, filters) VALUES (?, ?, ?, ?, ?)");
  const vocabulary = new Set<string>();
  const addWords = (words: string) => {
    for (const word of words.split(" ")) if (word && word !== WORD_BREAK) vocabulary.add(word);
  };
  let rowid = 0;
  db.transaction(() => {
    for (const chapter of chapters) {
      const tokens = indexTokens(chapter.title);
      insertChapter.run(chapter.episodeSlug, chapter.chapterNumber, tokens.uni, tokens.bi, tokens.words);
      addWords(tokens.words);
    }
    for (const doc of documents) {
      rowid += 1;
      const { kind, episodeSlug, episodeRank, chapterNumber, turnPk, turnId, quoteId, speakerId, position, text } = doc;
      insertDoc.run({ rowid, kind, episodeSlug, episodeRank, chapterNumber, turnPk, turnId, quoteId, speakerId, position });
      const tokens = indexTokens(text);
      insertFts.run(rowid, tokens.uni, tokens.bi, tokens.words, filterTokens(doc));
      addWords(tokens.words);
    }
    const insertWord = db.prepare("INSERT INTO search_word (term) VALUES (?)");
    for (const word of vocabulary) insertWord.run(word);
  })();
  db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
  return rowid;
}
