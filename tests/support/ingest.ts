import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { ingestLibrary } from "../../src/lib/ingest/ingest-library.ts";
import { MIGRATIONS_DIR } from "./seed.ts";

export function tempDatabasePath(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "podcast-kb-db-")), "test.db");
}

export function ingestInto(databasePath: string, contentDir: string) {
  return ingestLibrary({ contentDir, databasePath, migrationsDir: MIGRATIONS_DIR });
}

/** turnId -> "speaker|chapter|text" for every turn, read straight from SQLite. */
export function turnsById(databasePath: string): Map<string, string> {
  const db = new Database(databasePath, { readonly: true });
  try {
    const rows = db
      .prepare("SELECT t.turnId, t.speakerId, c.number, t.text FROM Turn t JOIN Chapter c ON c.id = t.chapterId ORDER BY t.ordinal")
      .all() as Array<{ turnId: string; speakerId: string | null; number: number; text: string }>;
    return new Map(rows.map((r) => [r.turnId, `${r.speakerId}|${r.number}|${r.text}`]));
  } finally {
    db.close();
  }
}
