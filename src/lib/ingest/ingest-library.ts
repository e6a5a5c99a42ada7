// Validated Library -> a brand-new SQLite file, swapped in atomically.
// 1. loadLibrary() validates all of content/ (nothing is written if anything is wrong);
// 2. a new database file is built next to the live one: committed migration SQL, then rows
//    written through Prisma in one transaction;
// 3. only when that succeeded, rename(2) replaces the live file in one step. Servers keep
//    reading the old file until they notice the new one (src/lib/db.ts), so a failed or killed
//    ingest leaves the database being served untouched.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { loadLibrary, type Library } from "../content/load-library.ts";
import { compileTopicMatcher } from "../content/topic-tagging.ts";
import { applyMigrations } from "../migrations/schema-engine.ts";

export interface IngestSummary {
  shows: number;
  episodes: number;
  chapters: number;
  turns: number;
  participants: number;
  people: number;
  quotes: number;
  topics: number;
  topicLinks: number;
}

export interface IngestOptions {
  contentDir: string;
  databasePath: string;
  migrationsDir: string;
}

export async function ingestLibrary(options: IngestOptions): Promise<IngestSummary> {
  const library = loadLibrary(options.contentDir);
  mkdirSync(path.dirname(options.databasePath), { recursive: true });
  removeAbandonedBuilds(options.databasePath);
  const buildPath = `${options.databasePath}.building-${process.pid}`;
  rmSync(buildPath, { force: true });
  try {
    const db = new Database(buildPath);
    try {
      db.pragma("journal_mode = DELETE");
      applyMigrations(db, options.migrationsDir);
    } finally {
      db.close();
    }
    const summary = await writeLibrary(buildPath, library);
    renameSync(buildPath, options.databasePath);
    return summary;
  } finally {
    if (existsSync(buildPath)) rmSync(buildPath, { force: true });
    rmSync(`${buildPath}-journal`, { force: true });
  }
}

/** Build files left by an ingest that was killed (its process is gone) are removed. */
function removeAbandonedBuilds(databasePath: string): void {
  const dir = path.dirname(databasePath);
  const prefix = `${path.basename(databasePath)}.building-`;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) continue;
    rmSync(path.join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function writeLibrary(databasePath: string, library: Library): Promise<IngestSummary> {
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databasePath }) });
  const tagTopics = compileTopicMatcher(library.topics);
  let chapters = 0;
  let turns = 0;
  let participants = 0;
  let quotes = 0;
  let topicLinks = 0;
  try {
    await prisma.$transaction(
      async (tx) => {
        await tx.show.createMany({ data: library.shows });
        await tx.person.createMany({ data: library.people });
        await tx.topic.createMany({
          data: library.topics.map((t, ordinal) => ({ ...t, keywords: JSON.stringify(t.keywords), ordinal })),
        });
        for (const episode of library.episodes) {
          await tx.episode.create({
            data: {
              slug: episode.slug,
              showId: episode.showId,
              title: episode.title,
              publishedAt: new Date(`${episode.publishedAt}T00:00:00Z`),
              language: episode.language,
              sourceName: episode.source.name,
              sourceUrl: episode.source.url,
              summary: episode.summary,
              summaryHtml: episode.summaryHtml,
            },
          });
          await tx.participant.createMany({
            data: episode.participants.map((p, ordinal) => ({
              episodeSlug: episode.slug,
              personId: p.personId,
              role: p.role,
              intro: p.intro,
              ordinal,
            })),
          });
          participants += episode.participants.length;
          const manual = new Map(episode.manualTags.map((t) => [t.turnId, t.topics]));
          const turnPkById = new Map<string, number>();
          let ordinal = 0;
          for (const chapter of episode.chapters) {
            const row = await tx.chapter.create({
              data: { episodeSlug: episode.slug, number: chapter.number, title: chapter.title, tocTitle: chapter.tocTitle },
              select: { id: true },
            });
            chapters += 1;
            for (const turn of chapter.turns) {
              ordinal += 1;
              const created = await tx.turn.create({
                data: {
                  episodeSlug: episode.slug,
                  turnId: turn.turnId,
                  ordinal,
                  chapterId: row.id,
                  speakerId: turn.speakerId,
                  kind: turn.kind,
                  markdown: turn.markdown,
                  text: turn.text,
                  html: turn.html,
                  startSeconds: turn.startSeconds,
                },
                select: { id: true },
              });
              turnPkById.set(turn.turnId, created.id);
              const keywordTopics = turn.kind === "speech" ? tagTopics(turn.text) : [];
              const manualTopics = manual.get(turn.turnId) ?? [];
              const links = new Map<string, string>();
              for (const topicId of keywordTopics) links.set(topicId, "keyword");
              for (const topicId of manualTopics) links.set(topicId, "manual");
              await tx.turnTopic.createMany({ data: [...links].map(([topicId, source]) => ({ turnPk: created.id, topicId, source })) });
              topicLinks += links.size;
              turns += 1;
            }
          }
          for (const [index, quote] of episode.quotes.entries()) {
            await tx.quote.create({
              data: {
                id: quote.id,
                episodeSlug: episode.slug,
                turnPk: turnPkById.get(quote.turnId)!,
                text: quote.text,
                ordinal: index,
                topics: { create: quote.topics.map((topicId) => ({ topicId })) },
              },
            });
            quotes += 1;
          }
        }
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
  } finally {
    await prisma.$disconnect();
  }
  return {
    shows: library.shows.length,
    episodes: library.episodes.length,
    chapters,
    turns,
    participants,
    people: library.people.length,
    quotes,
    topics: library.topics.length,
    topicLinks,
  };
}
