import { defineConfig } from "prisma/config";

// The Prisma CLI reads this. The app itself opens SQLite through the better-sqlite3
// driver adapter (src/lib/db.ts); the database file is rebuilt by `npm run ingest`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/podcast-kb.db" },
});
