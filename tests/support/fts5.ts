// An in-memory FTS5 table holding documents as the search index tokenises them (indexTokens), for
// tests that check query code against FTS5 itself.
import Database from "better-sqlite3";
import { indexTokens } from "../../src/lib/search/tokenize.ts";

/** The documents in an FTS5 table (rowid = position + 1); `search` gives a MATCH's rowids in order. */
export function ftsWith(documents: string[]) {
  const db = new Database(":memory:");
  db.exec("CREATE VIRTUAL TABLE f USING fts5(uni, bi, words, content='', tokenize='unicode61 remove_diacritics 0')");
  const insert = db.prepare("INSERT INTO f (rowid, uni, bi, words) VALUES (?, ?, ?, ?)");
  documents.forEach((doc, i) => {
    const t = indexTokens(doc);
    insert.run(i + 1, t.uni, t.bi, t.words);
  });
  const search = (match: string) =>
    (db.prepare("SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid").all(match) as Array<{ rowid: number }>).map((r) => r.rowid);
  return { db, search };
}
