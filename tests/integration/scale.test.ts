// A library past the sizes where naive reads break: 1,100 episodes (more than the 999 bound
// parameters Prisma assumes for SQLite) of five turns each, generated from the seed's sentences.
// Every read a page makes must work, and profiles must load one page of episodes, not all: on
// SQLite and on PostgreSQL (tests/support/databases.ts).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeSyntheticLibrary } from "../../src/lib/bench/synthetic-library.ts";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { countLibrary, listEpisodes } from "../../src/lib/data/episodes.ts";
import { getLabels } from "../../src/lib/data/lookups.ts";
import { sitemapEntries } from "../../src/lib/data/sitemap.ts";
import { APPEARANCES_PER_PAGE, getPerson, listPeople } from "../../src/lib/data/people.ts";
import { searchTurns } from "../../src/lib/data/search.ts";
import { getTopic, listTopics, TOPIC_EPISODES_PER_PAGE } from "../../src/lib/data/topics.ts";
import { parseSearchParams } from "../../src/lib/search/search-params.ts";
import { SQLITE_MAX_BIND_VALUES } from "../../src/lib/sqlite-adapter.ts";
import { DATABASES, freshDatabaseUrl, ingestUrl, queryRows } from "../support/databases.ts";
import { CONTENT_DIR } from "../support/seed.ts";

const EPISODES = 1_100;
let content = "";

beforeAll(() => {
  content = path.join(mkdtempSync(path.join(tmpdir(), "podcast-kb-scale-")), "content");
  writeSyntheticLibrary(CONTENT_DIR, loadLibrary(CONTENT_DIR), content, EPISODES * 5, 5);
});

it("declares the bound-parameter limit that the bundled SQLite really has", () => {
  const db = new Database(":memory:");
  const inList = (n: number) => `SELECT 1 WHERE 1 IN (${Array(n).fill("?").join(",")})`;
  expect(db.prepare(inList(SQLITE_MAX_BIND_VALUES)).get(...Array(SQLITE_MAX_BIND_VALUES).fill(1))).toBeDefined();
  expect(() => db.prepare(inList(SQLITE_MAX_BIND_VALUES + 1))).toThrow(/too many SQL variables/);
  db.close();
});

describe.each(DATABASES)("a library of 1,100 episodes (%s)", (kind) => {
  let databaseUrl = "";
  beforeAll(async () => {
    databaseUrl = freshDatabaseUrl(kind);
    await ingestUrl(databaseUrl, content);
  }, 300_000);
  // The app's client reads the database DATABASE_URL names (src/lib/db.ts).
  beforeEach(() => {
    process.env.DATABASE_URL = databaseUrl;
  });

  /** Rows of a query both databases understand (quoted identifiers), parameters as `?`. */
  const sql = <T>(query: string, ...args: unknown[]) => queryRows<T>(databaseUrl, query, args);

  it("lists every episode with its participants and counts", async () => {
    const episodes = await listEpisodes();
    expect(episodes).toHaveLength(EPISODES);
    expect(episodes.every((e) => e.turnCount === 5 && e.participants.length === 5)).toBe(true);
    expect((await listPeople()).find((p) => p.id === "monica")!.episodeCount).toBe(EPISODES);
    // The library page's pages are slices of that order, and the counts cover the whole library.
    expect((await listEpisodes({ offset: 1_080, limit: 20 })).map((e) => e.slug)).toEqual(episodes.slice(1_080, 1_100).map((e) => e.slug));
    expect((await listEpisodes({ offset: 1_090 })).map((e) => e.slug)).toEqual(episodes.slice(1_090).map((e) => e.slug));
    expect(await countLibrary()).toEqual({ shows: 1, episodes: EPISODES });
  });

  it("shows a speaker one page of episodes at a time, with totals over all of them", async () => {
    const [expected] = await sql<{ turns: number; characters: number }>(
      `SELECT CAST(COUNT(*) AS INTEGER) AS "turns", CAST(SUM(LENGTH("text")) AS INTEGER) AS "characters" FROM "Turn" WHERE "speakerId" = 'monica' AND "kind" = 'speech'`,
    );
    const first = (await getPerson("monica"))!;
    expect(first.pages).toBe(Math.ceil(EPISODES / APPEARANCES_PER_PAGE));
    expect(first.appearances).toHaveLength(APPEARANCES_PER_PAGE);
    expect(first.allAppearances).toHaveLength(EPISODES);
    expect([first.turnCount, first.characters]).toEqual([expected!.turns, expected!.characters]);
    const last = (await getPerson("monica", { page: first.pages }))!;
    expect(last.appearances.map((a) => a.episode.slug)).toEqual(
      first.allAppearances.slice(-last.appearances.length).map((a) => a.episode.slug),
    );
    // Each appearance holds exactly that episode's speech turns by the speaker.
    for (const appearance of last.appearances) {
      const [row] = await sql<{ n: number }>(
        `SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "Turn" WHERE "speakerId" = 'monica' AND "kind" = 'speech' AND "episodeSlug" = ?`,
        appearance.episode.slug,
      );
      expect(appearance.turnCount).toBe(row!.n);
    }
  });

  it("shows a topic one page of episodes at a time, with its total count", async () => {
    const busiest = (await listTopics()).sort((a, b) => b.turnCount - a.turnCount)[0]!;
    const topic = (await getTopic(busiest.id))!;
    expect(topic.turnCount).toBe(busiest.turnCount);
    expect(topic.episodeCount).toBeGreaterThan(TOPIC_EPISODES_PER_PAGE);
    expect(topic.pages).toBe(Math.ceil(topic.episodeCount / TOPIC_EPISODES_PER_PAGE));
    expect(topic.episodes).toHaveLength(TOPIC_EPISODES_PER_PAGE);
    for (const episode of topic.episodes) {
      const [row] = await sql<{ n: number }>(
        `SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "TurnTopic" tt JOIN "Turn" t ON t."id" = tt."turnPk" WHERE tt."topicId" = ? AND t."episodeSlug" = ?`,
        busiest.id,
        episode.slug,
      );
      expect(episode.turns).toHaveLength(row!.n);
    }
  });

  it("lists every page in the sitemap once: episodes, question lists, chapters, turns, exchanges, people, topics, quotes", async () => {
    const entries = await sitemapEntries();
    const count = (from: string) => `CAST((SELECT COUNT(*) FROM ${from}) AS INTEGER)`;
    const [counts] = await sql<Record<string, number>>(`SELECT
      ${count('"Episode"')} AS "episodes", ${count('"Chapter"')} AS "chapters", ${count('"Turn"')} AS "turns",
      ${count('(SELECT DISTINCT "episodeSlug", "exchange" FROM "Turn" WHERE "exchange" IS NOT NULL) AS x')} AS "exchanges",
      ${count('"Person"')} AS "people", ${count('"Topic"')} AS "topics", ${count('"Quote"')} AS "quotes"`);
    const c = counts!;
    expect(entries).toHaveLength(4 + 2 * c.episodes! + c.chapters! + c.turns! + c.exchanges! + c.people! + c.topics! + c.quotes!);
    expect(new Set(entries.map((e) => e.path)).size).toBe(entries.length);
    expect(entries.filter((e) => e.path.includes("/turns/"))).toHaveLength(c.turns!);
  });

  it("searches and labels hits across the library", async () => {
    const parsed = parseSearchParams({ q: "模型", speaker: "yiwen-li", limit: "100" });
    if (!parsed.ok) throw new Error(parsed.message);
    const result = await searchTurns(parsed.request, { cache: false });
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.every((h) => h.speakerId === "yiwen-li")).toBe(true);
    const labels = await getLabels(result.hits.map((h) => h.episode));
    expect(result.hits.every((h) => labels.episodes.get(h.episode)?.chapters.get(h.chapter))).toBe(true);
  });
});
