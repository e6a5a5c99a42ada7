// npm run ingest [-- --content content]
// Validates content/ and rebuilds the database named by DATABASE_URL (default data/podcast-kb.db).
// On any problem it prints file:line: what is wrong, exits 1, and leaves the old database as it was.
import path from "node:path";
import { parseArgs } from "node:util";
import { ContentValidationError } from "../lib/content/content-error.ts";
import { resolveDatabasePath } from "../lib/database-path.ts";
import { ingestLibrary } from "../lib/ingest/ingest-library.ts";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { content: { type: "string", default: "content" } } });
  const databasePath = resolveDatabasePath();
  const started = performance.now();
  try {
    const s = await ingestLibrary({
      contentDir: values.content,
      databasePath,
      migrationsDir: path.resolve("prisma/migrations"),
    });
    const ms = Math.round(performance.now() - started);
    console.log(
      `Ingested ${values.content}/ into ${path.relative(process.cwd(), databasePath)} in ${ms} ms: ` +
        `${s.shows} shows, ${s.episodes} episodes, ${s.chapters} chapters, ${s.turns} turns (${s.cues} cues), ` +
        `${s.participants} participants (${s.people} people), ${s.quotes} quotes, ${s.topics} topics (${s.topicLinks} turn-topic links), ${s.searchDocuments} search documents`,
    );
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
