// npm run ingest [-- --content content] [-- --full]
// Validates content/ and brings the database named by DATABASE_URL (default data/podcast-kb.db) up
// to date: incrementally (only what changed since the last ingest) when it can, else a full rebuild
// (--full forces one). On any problem it prints file:line: what is wrong, exits 1, and leaves the
// database as it was.
import path from "node:path";
import { parseArgs } from "node:util";
import { ContentValidationError } from "../lib/content/content-error.ts";
import { DatabaseUrlError, resolveDatabase } from "../lib/database-url.ts";
import { ingestLibrary } from "../lib/ingest/ingest-library.ts";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { content: { type: "string", default: "content" }, full: { type: "boolean", default: false } } });
  let target: string;
  try {
    const database = resolveDatabase();
    target =
      database.kind === "sqlite"
        ? path.relative(process.cwd(), database.path)
        : `PostgreSQL schema ${database.schema} of ${database.display}`;
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    console.error(error.message);
    return 1;
  }
  try {
    const s = await ingestLibrary({
      contentDir: values.content,
      databaseUrl: process.env.DATABASE_URL,
      migrationsDir: path.resolve("prisma/migrations"),
      full: values.full,
    });
    const ms = Math.round(s.timings.totalMs);
    if (s.mode === "incremental") {
      console.log(`Ingested ${values.content}/ into ${target} incrementally in ${ms} ms: ${s.reason}.`);
    } else {
      console.log(
        `Ingested ${values.content}/ into ${target} in full (${s.reason}) in ${ms} ms: ` +
          `${s.shows} shows, ${s.episodes} episodes, ${s.chapters} chapters, ${s.turns} turns (${s.cues} cues), ` +
          `${s.participants} participants (${s.people} people), ${s.quotes} quotes, ${s.topics} topics (${s.topicLinks} turn-topic links), ${s.searchDocuments} search documents`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof ContentValidationError) {
      console.error(error.message);
      console.error("Ingest aborted: the existing database was not changed.");
      return 1;
    }
    console.error(`Ingest failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error("The existing database was not changed.");
    return 1;
  }
}

main().then((code) => process.exit(code));
