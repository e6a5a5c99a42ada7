// THE PREVIOUS INGEST, kept only as the baseline that `npm run bench:ingest` measures the ingest
// against (src/lib/ingest/ingest-library.ts is the one in use): the whole library validated in
// memory first, then rows written through Prisma's createMany, then the search index.
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
import { sqliteAdapter } from "../sqlite-adapter.ts";
import { PrismaClient, type Prisma } from "../../generated/prisma/client.ts";
import { buildSearchIndex, type SearchDocument } from "../search/sqlite-fts5/search-index.ts";
import { loadLibrary, type Library } from "../content/load-library.ts";
import { compileTopicMatcher } from "../content/topic-tagging.ts";
import { deriveExchanges } from "../reader/exchanges.ts";
import { applyMigrations } from "../migrations/schema-engine.ts";

interface IngestSummary {
  shows: number;
  episodes: number;
  chapters: number;
  turns: number;
  cues: number;
  participants: number;
  people: number;
  quotes: number;
  topics: number;
  topicLinks: number;
  searchDocuments: number;
  /** Where the time went: reading and validating content, writing rows, building the search index. */
  timings: { loadMs: number; writeMs: number; searchIndexMs: number };
}

interface IngestOptions {
  contentDir: string;
  databasePath: string;
  migrationsDir: string;
}

export async function ingestLibraryWithPrisma(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const library = loadLibrary(options.contentDir);
  const loadMs = performance.now() - started;
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
    return { ...summary, timings: { ...summary.timings, loadMs } };
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

const BATCH = 5_000;

async function writeLibrary(databasePath: string, library: Library): Promise<IngestSummary> {
  const prisma = new PrismaClient({ adapter: sqliteAdapter({ url: databasePath }) });
  const tagTopics = compileTopicMatcher(library.topics);
  // The database is new, so ids are assigned here: rows can be written in batches, and the
  // search index can refer to them without reading them back.
  const chapters: Array<{
    id: number;
    episodeSlug: string;
    number: number;
    title: string;
    tocTitle: string | null;
    startMs: number | null;
  }> = [];
  const turns: Array<Prisma.TurnCreateManyInput & { id: number }> = [];
  const turnTopics: Prisma.TurnTopicCreateManyInput[] = [];
  const cues: Prisma.CueCreateManyInput[] = [];
  const documents: SearchDocument[] = [];
  const turnPk = new Map<string, number>(); // "<slug>/<turnId>" -> Turn.id
  const episodes = [...library.episodes].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.slug.localeCompare(b.slug));

  episodes.forEach((episode, episodeRank) => {
    const manual = new Map(episode.manualTags.map((t) => [t.turnId, t.topics]));
    const roles = new Map(episode.participants.map((p) => [p.personId, p.role]));
    const exchanges = deriveExchanges(
      episode.chapters.flatMap((c) => c.turns.map((t) => ({ ...t, chapterNumber: c.number }))),
      (id) => roles.get(id),
      new Map(episode.questionCorrections.map((c) => [c.turnId, c.asks])),
    );
    const exchangeOfTurn = new Map<string, { n: number; asks: boolean }>();
    exchanges.forEach((exchange, index) => {
      if (exchange.question) exchangeOfTurn.set(exchange.question.turnId, { n: index + 1, asks: true });
      for (const answer of exchange.answers) exchangeOfTurn.set(answer.turnId, { n: index + 1, asks: false });
    });
    let ordinal = 0;
    for (const chapter of episode.chapters) {
      const chapterId = chapters.length + 1;
      chapters.push({
        id: chapterId,
        episodeSlug: episode.slug,
        number: chapter.number,
        title: chapter.title,
        tocTitle: chapter.tocTitle,
        startMs: chapter.startMs,
      });
      for (const turn of chapter.turns) {
        ordinal += 1;
        const id = turns.length + 1;
        turnPk.set(`${episode.slug}/${turn.turnId}`, id);
        turns.push({
          id,
          episodeSlug: episode.slug,
          turnId: turn.turnId,
          ordinal,
          chapterId,
          speakerId: turn.speakerId,
          kind: turn.kind,
          markdown: turn.markdown,
          text: turn.text,
          html: turn.html,
          startMs: turn.startMs,
          endMs: turn.endMs,
          asks: exchangeOfTurn.get(turn.turnId)?.asks ?? false,
          exchange: exchangeOfTurn.get(turn.turnId)?.n ?? null,
        });
        turn.cues.forEach((cue, index) =>
          cues.push({ turnPk: id, ordinal: index + 1, startMs: cue.startMs, endMs: cue.endMs, text: cue.text }),
        );
        const links = new Map<string, string>();
        if (turn.kind === "speech") for (const topicId of tagTopics(turn.text)) links.set(topicId, "keyword");
        for (const topicId of manual.get(turn.turnId) ?? []) links.set(topicId, "manual");
        for (const [topicId, source] of links) turnTopics.push({ turnPk: id, topicId, source });
        documents.push({
          kind: turn.kind,
          episodeSlug: episode.slug,
          episodeRank,
          chapterNumber: chapter.number,
          turnPk: id,
          turnId: turn.turnId,
          quoteId: null,
          speakerId: turn.speakerId,
          position: ordinal * 2,
          topics: [...links.keys()],
          text: turn.text,
        });
      }
    }
    for (const quote of episode.quotes) {
      const pk = turnPk.get(`${episode.slug}/${quote.turnId}`)!;
      const turn = turns[pk - 1]!;
      documents.push({
        kind: "quote",
        episodeSlug: episode.slug,
        episodeRank,
        chapterNumber: chapters[turn.chapterId - 1]!.number,
        turnPk: pk,
        turnId: quote.turnId,
        quoteId: quote.id,
        speakerId: turn.speakerId ?? null,
        position: turn.ordinal * 2 + 1,
        topics: quote.topics,
        text: quote.text,
      });
    }
  });

  const writeStarted = performance.now();
  const createInBatches = async <T>(rows: T[], create: (batch: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += BATCH) await create(rows.slice(i, i + BATCH));
  };
  try {
    await prisma.$transaction(
      async (tx) => {
        await tx.show.createMany({ data: library.shows });
        // Aliases are content only (search keys): the Person table has no column for them.
        await tx.person.createMany({
          data: library.people.map((p) => ({ id: p.id, name: p.name, affiliation: p.affiliation, bio: p.bio })),
        });
        await tx.topic.createMany({
          data: library.topics.map((t, ordinal) => ({ ...t, keywords: JSON.stringify(t.keywords), ordinal })),
        });
        for (const episode of episodes) {
          await tx.episode.create({
            data: {
              slug: episode.slug,
              showId: episode.showId,
              title: episode.title,
              publishedAt: new Date(`${episode.publishedAt}T00:00:00Z`),
              language: episode.language,
              sourceName: episode.source.name,
              sourceUrl: episode.source.url,
              sourceLicence: episode.source.licence,
              sourceNote: episode.source.note,
              audioUrl: episode.audio?.url ?? null,
              audioType: episode.audio?.type ?? null,
              audioDuration: episode.audio?.duration ?? null,
              importedFile: episode.imported?.file ?? null,
              importedFormat: episode.imported?.format ?? null,
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
        }
        await createInBatches(chapters, (batch) => tx.chapter.createMany({ data: batch }));
        await createInBatches(turns, (batch) => tx.turn.createMany({ data: batch }));
        await createInBatches(turnTopics, (batch) => tx.turnTopic.createMany({ data: batch }));
        await createInBatches(cues, (batch) => tx.cue.createMany({ data: batch }));
        for (const episode of episodes) {
          await tx.quote.createMany({
            data: episode.quotes.map((quote, ordinal) => ({
              id: quote.id,
              episodeSlug: episode.slug,
              turnPk: turnPk.get(`${episode.slug}/${quote.turnId}`)!,
              text: quote.text,
              ordinal,
            })),
          });
          await tx.quoteTopic.createMany({ data: episode.quotes.flatMap((q) => q.topics.map((topicId) => ({ quoteId: q.id, topicId }))) });
        }
      },
      { timeout: 3_600_000, maxWait: 60_000 },
    );
  } finally {
    await prisma.$disconnect();
  }

  const writeMs = performance.now() - writeStarted;
  const indexStarted = performance.now();
  const db = new Database(databasePath);
  try {
    buildSearchIndex(
      db,
      documents,
      chapters.map((c) => ({ episodeSlug: c.episodeSlug, chapterNumber: c.number, title: c.title })),
    );
  } finally {
    db.close();
  }
  return {
    shows: library.shows.length,
    episodes: library.episodes.length,
    chapters: chapters.length,
    turns: turns.length,
    cues: cues.length,
    participants: library.episodes.reduce((n, e) => n + e.participants.length, 0),
    people: library.people.length,
    quotes: library.episodes.reduce((n, e) => n + e.quotes.length, 0),
    topics: library.topics.length,
    topicLinks: turnTopics.length,
    searchDocuments: documents.length,
    timings: { loadMs: 0, writeMs, searchIndexMs: performance.now() - indexStarted },
  };
}
