// The full-text index: two tables the ingest creates next to Prisma's, in the same database file
// (so the atomic swap covers both), and that Prisma never manages (prisma.config.ts lists them as
// external tables; no migration creates or drops them).
//
//   search_doc   one row per searchable document (a speech turn, a note, a curated quote) with
//                what filters and ranking need
//   search_fts   FTS5, contentless: the tokens of src/lib/search/tokenize.ts, rowid = search_doc.rowid
//   search_chapter_fts  chapter titles, tokenised the same way: a match boosts the chapter's turns
import type Database from "better-sqlite3";
import { indexTokens } from "./tokenize";

export const SEARCH_TABLES = ["search_doc", "search_fts", "search_chapter_fts"] as const;

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
CREATE VIRTUAL TABLE search_fts USING fts5(uni, bi, words, content='', tokenize='unicode61 remove_diacritics 0');
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
  text: string;
}

/** Creates the index tables and fills them, in one transaction. */
export function buildSearchIndex(db: Database.Database, documents: Iterable<SearchDocument>, chapters: Iterable<SearchChapter>): number {
  db.exec(SEARCH_SCHEMA);
  const insertChapter = db.prepare("INSERT INTO search_chapter_fts (episodeSlug, chapterNumber, uni, bi, words) VALUES (?, ?, ?, ?, ?)");
  const insertDoc = db.prepare(
    `INSERT INTO search_doc (rowid, kind, episodeSlug, episodeRank, chapterNumber, turnPk, turnId, quoteId, speakerId, position)
     VALUES (@rowid, @kind, @episodeSlug, @episodeRank, @chapterNumber, @turnPk, @turnId, @quoteId, @speakerId, @position)`,
  );
  const insertFts = db.prepare("INSERT INTO search_fts (rowid, uni, bi, words) VALUES (?, ?, ?, ?)");
  let rowid = 0;
  db.transaction(() => {
    for (const chapter of chapters) {
      const tokens = indexTokens(chapter.title);
      insertChapter.run(chapter.episodeSlug, chapter.chapterNumber, tokens.uni, tokens.bi, tokens.words);
    }
    for (const doc of documents) {
      rowid += 1;
      const { text, ...fields } = doc;
      insertDoc.run({ ...fields, rowid });
      const tokens = indexTokens(text);
      insertFts.run(rowid, tokens.uni, tokens.bi, tokens.words);
    }
  })();
  db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
  return rowid;
}
