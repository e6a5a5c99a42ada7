// The server-only data layer (what pages call) against a database built by the real ingest.
import { renameSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { getEpisode, listEpisodes } from "../../src/lib/data/episodes.ts";
import { getPerson, listPeople } from "../../src/lib/data/people.ts";
import { getTopic, listTopics } from "../../src/lib/data/topics.ts";
import { filterChips } from "../../src/lib/reader/reader-filter.ts";
import { topicMatrix } from "../../src/lib/reader/speaker-stats.ts";
import { getDb } from "../../src/lib/db.ts";
import { CONTENT_DIR, SEED_DIR, SEED_SLUG, copyContent, editFile } from "../support/seed.ts";
import { ingestInto, tempDatabasePath } from "../support/ingest.ts";
import { DATABASES, freshDatabaseUrl, ingestUrl } from "../support/databases.ts";

const library = loadLibrary(CONTENT_DIR);
const seed = library.episodes[0]!;
const seedTurns = seed.chapters.flatMap((c) => c.turns);

describe.each(DATABASES)("data layer (%s)", (kind) => {
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = freshDatabaseUrl(kind);
    await ingestUrl(databaseUrl, CONTENT_DIR);
    process.env.DATABASE_URL = databaseUrl;
  });

  it("lists the episodes with their show and participants", async () => {
    const episodes = await listEpisodes();
    expect(episodes.map((e) => [e.slug, e.show.name, e.publishedAt, e.chapterCount, e.turnCount])).toEqual([
      [SEED_SLUG, "OnBoard!", "2023-12-08", 6, 68], // 68 speech turns: the 2 editor's notes are nobody's turns
    ]);
    expect(episodes[0]!.participants.map((p) => p.id)).toEqual(["xuezhi-wang", "yizhou-zheng", "yiwen-li", "monica", "bill-xing"]);
  });

  it("returns the whole episode, every turn with its permalink, as the content has it", async () => {
    const episode = (await getEpisode(SEED_SLUG))!;
    const turns = episode.chapters.flatMap((c) => c.turns);
    expect(turns.map((t) => [t.turnId, t.speakerId, t.kind, t.text])).toEqual(
      seedTurns.map((t) => [t.turnId, t.speakerId, t.kind, t.text]),
    );
    expect(turns[0]!.url).toBe(`/episodes/${SEED_SLUG}/turns/c1-01`);
    expect(episode.participants.find((p) => p.id === "xuezhi-wang")!.intro).toBe("Google Brain 研究员,Google 语言大模型 PaLM 作者之一。");
    expect(await getEpisode("no-such-episode")).toBeNull();
  });

  it("counts each speaker's turns and characters from the turns themselves", async () => {
    const people = await listPeople();
    for (const person of people) {
      const theirs = seedTurns.filter((t) => t.kind === "speech" && t.speakerId === person.id);
      expect([person.id, person.turnCount, person.characters]).toEqual([
        person.id,
        theirs.length,
        theirs.reduce((n, t) => n + t.text.length, 0),
      ]);
    }
    expect(people.find((p) => p.id === "bill-xing")!.roles).toEqual(["other"]);
  });

  it("groups a speaker's turns by episode and chapter", async () => {
    const person = (await getPerson("yiwen-li"))!;
    const chapters = person.appearances[0]!.chapters.map((c) => [c.number, c.turns.length]);
    const expected = seed.chapters
      .map((c) => [c.number, c.turns.filter((t) => t.speakerId === "yiwen-li").length])
      .filter(([, n]) => n! > 0);
    expect(chapters).toEqual(expected);
    expect(await getPerson("nobody")).toBeNull();
  });

  it("lists topics with the turns that they tag", async () => {
    const topics = await listTopics();
    expect(topics).toHaveLength(14);
    const multimodal = (await getTopic("multimodal"))!;
    expect(multimodal.turnCount).toBe(topics.find((t) => t.id === "multimodal")!.turnCount);
    expect(
      multimodal.episodes[0]!.turns.every(
        (t) => /多模态|模态|multimodal|flamingo|interleave|视觉模型/i.test(t.text) || t.source === "manual",
      ),
    ).toBe(true);
    expect(multimodal.episodes[0]!.turns.some((t) => t.turnId === "c5-06" && t.source === "manual")).toBe(true);
  });

  it("gives every speaker and topic one turn count everywhere: lists, profiles, reader chips, charts (notes count toward no one)", async () => {
    const episode = (await getEpisode(SEED_SLUG))!;
    const turns = episode.chapters.flatMap((c) => c.turns);
    expect([episode.turnCount, episode.noteCount]).toEqual([68, 2]);
    const chips = filterChips(turns, { speakers: [], topics: [] }, episode.participants, episode.topics);
    for (const summary of await listPeople()) {
      const person = (await getPerson(summary.id))!;
      const speech = seedTurns.filter((t) => t.kind === "speech" && t.speakerId === summary.id).length;
      const chip = chips.speakers.find((c) => c.id === summary.id)!;
      expect([summary.id, summary.turnCount, person.turnCount, person.appearances[0]!.turnCount, chip.count]).toEqual([
        summary.id,
        speech,
        speech,
        speech,
        speech,
      ]);
    }
    expect((await listPeople()).find((p) => p.id === "yiwen-li")!.turnCount).toBe(15);
    const allTopics = await listTopics();
    const matrix = topicMatrix(
      episode.chapters,
      allTopics.map((t) => t.id),
    );
    for (const [column, summary] of allTopics.entries()) {
      const topic = (await getTopic(summary.id))!;
      const speech = turns.filter((t) => t.kind === "speech" && t.topics.includes(summary.id)).length;
      const chip = chips.topics.find((c) => c.id === summary.id);
      const listed = topic.episodes.flatMap((e) => e.turns).length;
      const charted = matrix.reduce((n, row) => n + row[column]!, 0);
      expect([summary.id, summary.turnCount, topic.turnCount, listed, charted, chip?.count ?? 0]).toEqual([
        summary.id,
        speech,
        speech,
        speech,
        speech,
        speech,
      ]);
    }
  });

  it.runIf(kind === "sqlite")("serves the new database after a re-ingest replaces the file", async () => {
    const before = await getDb();
    // The episode as read is one object per data version: the reader keys its turn-card HTML on it
    // (src/lib/reader/turn-card-cache.ts), so a re-ingested episode must be a new object.
    const read = await getEpisode(SEED_SLUG);
    expect(await getEpisode(SEED_SLUG)).toBe(read);
    const edited = copyContent();
    editFile(edited, `${SEED_DIR}/episode.md`, (t) => t.replace(/^title: .*$/m, "title: 改过的标题"));
    const next = tempDatabasePath();
    await ingestInto(next, edited);
    renameSync(next, databaseUrl.slice("file:".length)); // what the ingest does to the live file
    expect((await getEpisode(SEED_SLUG))!.title).toBe("改过的标题");
    expect(await getEpisode(SEED_SLUG)).not.toBe(read);
    expect(await getDb()).not.toBe(before);
  });

  it.runIf(kind === "postgres")("serves the new library after a full re-ingest renames its schema into place", async () => {
    const before = await getDb();
    const read = await getEpisode(SEED_SLUG);
    const edited = copyContent();
    editFile(edited, `${SEED_DIR}/episode.md`, (t) => t.replace(/^title: .*$/m, "title: 改过的标题"));
    await ingestUrl(databaseUrl, edited, { full: true });
    expect((await getEpisode(SEED_SLUG))!.title).toBe("改过的标题");
    expect(await getEpisode(SEED_SLUG)).not.toBe(read); // a new object for the new data version (turn-card-cache.ts)
    // The same pooled client: its statements name tables through search_path, which now finds the new schema.
    expect(await getDb()).toBe(before);
    await ingestUrl(databaseUrl, CONTENT_DIR);
    expect((await getEpisode(SEED_SLUG))!.title).not.toBe("改过的标题");
  });
});
