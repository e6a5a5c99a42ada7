import { defineConfig } from "prisma/config";

// The Prisma CLI reads this. The app itself opens SQLite through the better-sqlite3 driver
// adapter (src/lib/db.ts); the database file is rebuilt by `npm run ingest`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/podcast-kb.db" },
  // The full-text index (src/lib/search/search-index.ts) is created by the ingest, not by
  // migrations: Prisma must neither manage nor drop it (nor FTS5's shadow tables).
  experimental: { externalTables: true },
  tables: {
    external: [
      "search_doc",
      "search_fts",
      "search_fts_data",
      "search_fts_idx",
      "search_fts_docsize",
      "search_fts_config",
      "search_chapter_fts",
      "search_chapter_fts_data",
      "search_chapter_fts_idx",
      "search_chapter_fts_content",
      "search_chapter_fts_docsize",
      "search_chapter_fts_config",
      "search_word",
    ],
  },
});
