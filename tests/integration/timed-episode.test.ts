// A timed episode (turn and cue times, chapter times, audio, licence, import record) and a
// transcript without chapter headings, through the real ingest into SQLite and out of the data layer.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { getEpisode } from "../../src/lib/data/episodes.ts";
import { GET as getEpisodeApi } from "../../src/app/api/episodes/[slug]/route.ts";
import { GET as getTranscriptApi } from "../../src/app/api/episodes/[slug]/transcript/route.ts";
import { GET as getChaptersApi } from "../../src/app/api/episodes/[slug]/chapters/route.ts";
import { NextRequest } from "next/server";
import { CHAPTERS_EXPORTER, TRANSCRIPT_EXPORTERS, TRANSCRIPT_FORMATS } from "../../src/lib/content/exporters/index.ts";
import { exportEpisodeFromLibrary } from "../../src/lib/content/exporters/from-library.ts";
import { copyContent, SEED_SLUG } from "../support/seed.ts";
import { DATABASES, freshDatabaseUrl, ingestUrl, queryRows } from "../support/databases.ts";

const TIMED = "taproot-channels";
const UNTITLED = "diarised-chat";

function write(dir: string, relative: string, text: string) {
  mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  writeFileSync(path.join(dir, relative), text);
}

/** The fixture library plus two small episodes written here. */
function libraryWithTimedEpisodes(): string {
  const dir = copyContent();
  write(dir, "shows/lightning-talk.md", "---\nname: Lightning Talk\n---\n\nA show about payment channels.\n");
  write(dir, "people/alice-smith.md", "---\nname: Alice Smith\n---\n");
  write(dir, "people/bob-jones.md", "---\nname: Bob Jones\n---\n");
  write(dir, `people/${UNTITLED}-speaker-0.md`, "---\nname: SPEAKER_0\n---\n");
  write(dir, "people/zhang-san.md", "---\nname: 张三\n---\n");
  write(
    dir,
    `episodes/${TIMED}/episode.md`,
    [
      "---",
      "title: Why channels need Taproot",
      "show: lightning-talk",
      "publishedAt: 2024-03-01",
      "language: en",
      "source:",
      "  name: Podcasting 2.0 namespace examples",
      "  url: https://example.org/source",
      "  licence: CC0 1.0",
      "audio:",
      "  url: https://example.org/taproot.mp3",
      "  type: audio/mpeg",
      "  duration: 1800.5",
      "imported:",
      "  file: taproot.vtt",
      "  format: webvtt",
      "participants:",
      "  - id: bob-jones",
      "    role: host",
      "  - id: alice-smith",
      "    role: guest",
      "---",
      "",
      "Alice explains channels.",
      "",
    ].join("\n"),
  );
  write(
    dir,
    `episodes/${TIMED}/transcript.md`,
    [
      "## 01 Welcome · 0:00",
      "",
      "### Bob Jones · 0:00:01.000–0:00:09.000",
      "",
      "[0:00:01.000] Welcome to the show.",
      "[0:00:04.500] Alice, what is a channel?",
      "",
      "## 02 Why channels need Taproot · 0:09",
      "",
      "### Alice Smith · 0:00:09.000–0:00:20.000",
      "",
      "[0:00:09.000] So the first thing to know is",
      "[0:00:12.250] that channels today use a 2-of-2 multisig.",
      "",
      "[0:00:15.000–0:00:18.000] A new paragraph is a new cue.",
      "",
      "### Bob Jones",
      "",
      "No times here.",
      "",
    ].join("\n"),
  );
  write(
    dir,
    `episodes/${UNTITLED}/episode.md`,
    "---\ntitle: 闲聊\nshow: lightning-talk\npublishedAt: 2024-02-01\nlanguage: zh-CN\nsource:\n  name: test\nparticipants:\n" +
      `  - id: ${UNTITLED}-speaker-0\n    role: other\n  - id: zhang-san\n    role: guest\n---\n`,
  );
  write(dir, `episodes/${UNTITLED}/transcript.md`, "### SPEAKER_0\n\n[0:01] 你好，\n[0:02] 请介绍一下。\n\n### 张三\n\n大家好。\n");
  return dir;
}

describe.each(DATABASES)("a timed episode and a chapterless one, ingested (%s)", (kind) => {
  let databaseUrl: string;
  let contentDir: string;
  beforeAll(async () => {
    contentDir = libraryWithTimedEpisodes();
    databaseUrl = freshDatabaseUrl(kind);
    await ingestUrl(databaseUrl, contentDir);
    process.env.DATABASE_URL = databaseUrl;
  });

  it("stores every cue of every turn, with the times the parser found", async () => {
    const library = loadLibrary(contentDir);
    const expected = library.episodes.flatMap((e) =>
      e.chapters.flatMap((c) => c.turns.flatMap((t) => t.cues.map((cue) => [e.slug, t.turnId, cue.startMs, cue.endMs, cue.text]))),
    );
    const raw = async (sql: string, params: unknown[] = []) =>
      (await queryRows<object>(databaseUrl, sql, params)).map((row) => Object.values(row));
    const rows = await raw(
      `SELECT t."episodeSlug", t."turnId", q."startMs", q."endMs", q."text" FROM "Cue" q JOIN "Turn" t ON t."id" = q."turnPk"
       ORDER BY t."episodeSlug", t."ordinal", q."ordinal"`,
    );
    expect(rows).toEqual([...expected].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(rows).toHaveLength(7);
    const turns = await raw('SELECT "turnId", "startMs", "endMs" FROM "Turn" WHERE "episodeSlug" = ? ORDER BY "ordinal"', [TIMED]);
    expect(turns).toEqual([
      ["c1-01", 1000, 9000],
      ["c2-01", 9000, 20000],
      ["c2-02", null, null],
    ]);
    // The seed's one heading time, now in milliseconds.
    expect((await raw(`SELECT "startMs", "endMs" FROM "Turn" WHERE "episodeSlug" = ? AND "turnId" = 'c6-04'`, [SEED_SLUG]))[0]).toEqual([
      6402000,
      null,
    ]);
  });

  it("gives the data layer's episode its audio, source, import record, and turn and chapter times", async () => {
    const episode = (await getEpisode(TIMED))!;
    expect(episode.audio).toEqual({ url: "https://example.org/taproot.mp3", type: "audio/mpeg", duration: 1800.5 });
    expect(episode.source).toEqual({
      name: "Podcasting 2.0 namespace examples",
      url: "https://example.org/source",
      licence: "CC0 1.0",
      note: null,
    });
    expect(episode.imported).toEqual({ file: "taproot.vtt", format: "webvtt" });
    expect(episode.language).toBe("en");
    expect(episode.chapters.map((c) => [c.number, c.title, c.startMs])).toEqual([
      [1, "Welcome", 0],
      [2, "Why channels need Taproot", 9000],
    ]);
    const turns = episode.chapters.flatMap((c) => c.turns);
    expect(turns.map((t) => [t.turnId, t.startMs, t.endMs, t.startSeconds])).toEqual([
      ["c1-01", 1000, 9000, 1],
      ["c2-01", 9000, 20000, 9],
      ["c2-02", null, null, null],
    ]);
    expect(turns[1]!.text).toBe(
      "So the first thing to know is that channels today use a 2-of-2 multisig.\n\nA new paragraph is a new cue.",
    );
    expect(turns[1]!.html).toContain('<span data-cue-start="12.25" data-cue-end="15">that channels today use a 2-of-2 multisig.</span>');
    expect(turns[1]!.html).toContain('<span data-cue-start="15" data-cue-end="18">A new paragraph is a new cue.</span>');
  });

  it("reads a transcript without headings as one untitled chapter, its diarised speaker a participant", async () => {
    const episode = (await getEpisode(UNTITLED))!;
    expect(episode.chapters.map((c) => [c.number, c.title, c.turns.map((t) => [t.turnId, t.speakerId, t.text])])).toEqual([
      [
        1,
        "",
        [
          ["c1-01", `${UNTITLED}-speaker-0`, "你好，请介绍一下。"],
          ["c1-02", "zhang-san", "大家好。"],
        ],
      ],
    ]);
    expect(episode.participants.map((p) => [p.id, p.name])).toEqual([
      [`${UNTITLED}-speaker-0`, "SPEAKER_0"],
      ["zhang-san", "张三"],
    ]);
    expect([episode.audio, episode.imported, episode.source.licence]).toEqual([null, null, null]);
  });

  it("answers GET /api/episodes/[slug] with turn start and end in seconds and the episode's audio", async () => {
    const api = async (slug: string) =>
      (await getEpisodeApi(new Request(`http://x/api/episodes/${slug}`), { params: Promise.resolve({ slug }) })).json();
    const timed = await api(TIMED);
    expect(timed.audio).toEqual({ url: "https://example.org/taproot.mp3", type: "audio/mpeg", duration: 1800.5 });
    const turns = timed.chapters.flatMap((c: { turns: Array<{ id: string; start: number | null; end: number | null }> }) => c.turns);
    expect(turns.map((t: { id: string; start: number | null; end: number | null }) => [t.id, t.start, t.end])).toEqual([
      ["c1-01", 1, 9],
      ["c2-01", 9, 20],
      ["c2-02", null, null],
    ]);
    // The contract's fields, and nothing else changed for the chapters.
    expect(Object.keys(timed.chapters[0])).toEqual(["number", "title", "turns"]);
    const seed = await api(SEED_SLUG);
    expect(seed.audio).toBeNull();
    const seedTurns = seed.chapters.flatMap((c: { turns: Array<{ id: string; start: number | null; end: number | null }> }) => c.turns);
    expect(
      seedTurns
        .filter((t: { start: number | null }) => t.start !== null)
        .map((t: { id: string; start: number; end: number | null }) => [t.id, t.start, t.end]),
    ).toEqual([["c6-04", 6402, null]]);
    expect(seedTurns.every((t: { end: unknown }) => t.end === null)).toBe(true);
  });

  it("serves every export from the database exactly as the exporters write the library, with its type and file name", async () => {
    const library = loadLibrary(contentDir);
    const expected: Record<string, string> = {
      json: "application/json",
      vtt: "text/vtt",
      srt: "application/x-subrip",
      txt: "text/plain",
      md: "text/markdown",
    };
    for (const episode of library.episodes) {
      const exported = exportEpisodeFromLibrary(library, episode);
      const params = { params: Promise.resolve({ slug: episode.slug }) };
      for (const format of TRANSCRIPT_FORMATS) {
        const response = await getTranscriptApi(
          new NextRequest(`http://x/api/episodes/${episode.slug}/transcript?format=${format}`),
          params,
        );
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe(expected[format]);
        const extension = format === "json" ? "json" : format;
        expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${episode.slug}.${extension}"`);
        expect(await response.text(), `${episode.slug} ${format}`).toBe(TRANSCRIPT_EXPORTERS[format].write(exported));
      }
      const chapters = await getChaptersApi(new Request(`http://x/api/episodes/${episode.slug}/chapters`), params);
      expect(chapters.headers.get("content-type")).toBe("application/json+chapters");
      expect(chapters.headers.get("content-disposition")).toBe(`attachment; filename="${episode.slug}.chapters.json"`);
      expect(await chapters.text()).toBe(CHAPTERS_EXPORTER.write(exported));
    }
    // Without ?format=, JSON.
    const plain = await getTranscriptApi(new NextRequest(`http://x/api/episodes/${TIMED}/transcript`), {
      params: Promise.resolve({ slug: TIMED }),
    });
    expect(plain.headers.get("content-type")).toBe("application/json");
  });

  it("answers 400 for an unknown format and 404 for an unknown episode", async () => {
    const params = (slug: string) => ({ params: Promise.resolve({ slug }) });
    const bad = await getTranscriptApi(new NextRequest(`http://x/api/episodes/${TIMED}/transcript?format=docx`), params(TIMED));
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toBe("the 'format' query parameter must be one of json, vtt, srt, txt, md");
    const missing = await getTranscriptApi(
      new NextRequest("http://x/api/episodes/no-such-episode/transcript?format=vtt"),
      params("no-such-episode"),
    );
    expect([missing.status, (await missing.json()).message]).toEqual([404, "no episode 'no-such-episode'"]);
    expect((await getChaptersApi(new Request("http://x/api/episodes/no-such-episode/chapters"), params("no-such-episode"))).status).toBe(
      404,
    );
  });

  it("leaves the seed's episode without audio or import record", async () => {
    const seed = (await getEpisode(SEED_SLUG))!;
    expect([seed.audio, seed.imported, seed.source.licence]).toEqual([null, null, null]);
    expect(seed.source.note).toMatch(/^转载页面/);
  });
});
