// Every real sample file imports with one command (exit 0) into a copy of the fixture library,
// the library ingests, and the database holds every speaker, every cue's text and every time the
// file gave: checked against the file read by the format's parser, cue by cue.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { getEpisode } from "../../src/lib/data/episodes.ts";
import { detectFormat } from "../../src/lib/content/importers/registry.ts";
import type { ParsedTranscript } from "../../src/lib/content/importers/types.ts";
import { interop, INTEROP_DIR } from "../support/import.ts";
import { copyContent, ROOT } from "../support/seed.ts";
import { ingestInto, tempDatabasePath } from "../support/ingest.ts";

const SAMPLES: Array<{ file: string; slug: string; speakers: string[]; turns: number }> = [
  { file: "pc20-example-transcript.vtt", slug: "pc20-vtt", speakers: ["Sarah", "Gillian"], turns: 2 },
  { file: "tx-kde-express-16-whisper-style.vtt", slug: "kde-express-16", speakers: ["Speaker"], turns: 1 },
  { file: "pc20-example-transcript.srt", slug: "pc20-srt", speakers: ["Travis", "Sarah", "Gilon"], turns: 10 },
  { file: "tx-buzzcast.srt", slug: "buzzcast-srt", speakers: ["Alban", "Kevin", "Travis", "Tom", "Dave"], turns: 34 },
  { file: "pc20-example-transcript.json", slug: "pc20-json", speakers: ["Darth Vader", "Luke"], turns: 2 },
  { file: "tx-buzzcast-pc20.json", slug: "buzzcast-json", speakers: ["Alban", "Kevin", "Travis", "Tom", "Dave"], turns: 34 },
  { file: "pc20-example-transcript.html", slug: "pc20-html", speakers: ["Travis", "Sarah", "Gilon"], turns: 10 },
  { file: "tx-buzzcast-pc20.html", slug: "buzzcast-html", speakers: ["Alban", "Kevin", "Travis", "Tom", "Dave"], turns: 34 },
  {
    file: "btc-chaincode-simple-taproot-channels.md",
    slug: "chaincode-taproot",
    speakers: ["Elle Mouton", "Adam Jonas", "Mark Erhardt", "Oliver Gugger"],
    turns: 143,
  },
];

export function runCli(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli/import.ts", ...args], { cwd: ROOT, encoding: "utf8" });
}

interface DbCue {
  speaker: string;
  startMs: number;
  endMs: number | null;
  text: string;
}

function cuesOf(db: Database.Database, slug: string): DbCue[] {
  return db
    .prepare(
      `SELECT p.name AS speaker, q.startMs, q.endMs, q.text FROM Cue q
         JOIN Turn t ON t.id = q.turnPk JOIN Person p ON p.id = t.speakerId
       WHERE t.episodeSlug = ? ORDER BY t.ordinal, q.ordinal`,
    )
    .all(slug) as DbCue[];
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

describe("importing every sample, then ingesting", () => {
  let content: string;
  let db: Database.Database;
  const outputs = new Map<string, ReturnType<typeof runCli>>();
  const parsed = new Map<string, ParsedTranscript>();

  beforeAll(async () => {
    content = copyContent();
    for (const sample of SAMPLES) {
      outputs.set(
        sample.file,
        runCli([path.join(INTEROP_DIR, sample.file), "--slug", sample.slug, "--show", "samples", "--content", content]),
      );
      const source = interop(sample.file);
      parsed.set(sample.file, detectFormat(source).parse(source));
    }
    const database = tempDatabasePath();
    await ingestInto(database, content);
    process.env.DATABASE_URL = `file:${database}`;
    db = new Database(database, { readonly: true });
  }, 240_000);

  it.each(SAMPLES)("$file imports with exit 0", ({ file }) => {
    const out = outputs.get(file)!;
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^Imported “/);
  });

  it.each(SAMPLES)("$file keeps every speaker and the turns", async ({ slug, speakers, turns }) => {
    const episode = (await getEpisode(slug))!;
    const spoken = new Set(episode.chapters.flatMap((c) => c.turns.filter((t) => t.kind === "speech").map((t) => t.speakerId)));
    expect(episode.participants.filter((p) => spoken.has(p.id)).map((p) => p.name)).toEqual(speakers);
    expect(episode.chapters.flatMap((c) => c.turns).filter((t) => t.kind === "speech")).toHaveLength(turns);
  });

  it.each(SAMPLES)("$file keeps every cue's text, in order", async ({ file, slug }) => {
    const episode = (await getEpisode(slug))!;
    const texts = episode.chapters.flatMap((c) => c.turns.filter((t) => t.kind === "speech").map((t) => t.text));
    const cues = parsed.get(file)!.cues.filter((c) => !c.note);
    expect(squash(texts.join(" "))).toBe(squash(cues.map((c) => c.text).join(" ")));
  });

  it.each(SAMPLES)("$file keeps every time: each timed cue is a cue row with its start, its end and its words", ({ file, slug }) => {
    const cues = parsed.get(file)!.cues.filter((c) => !c.note && c.start !== null);
    const rows = cuesOf(db, slug);
    expect(rows).toHaveLength(cues.length);
    rows.forEach((row, i) => {
      const cue = cues[i]!;
      expect(row.startMs, `cue ${i + 1}`).toBe(cue.start);
      if (cue.end !== null) expect(row.endMs, `cue ${i + 1}`).toBe(cue.end);
      expect(squash(row.text), `cue ${i + 1}`).toBe(squash(cue.text));
    });
  });

  it("writes the source file and its format into each episode", async () => {
    for (const sample of SAMPLES) {
      const text = readFileSync(path.join(content, "episodes", sample.slug, "episode.md"), "utf8");
      expect(text).toContain(`imported:\n  file: ${sample.file}\n  format: ${detectFormat(interop(sample.file)).name}\n`);
    }
  });
});

describe("the feed sample", () => {
  it("imports the show and an item whose transcript and chapters are beside the feed, skipping the rest", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "podcast-kb-feed-"));
    cpSync(path.join(INTEROP_DIR, "rss-podcasting20-pc20rss.xml"), path.join(dir, "feed.xml"));
    // the first item's podcast:transcript is …/PC20-57-Captions.srt and its chapters …/PC2057
    cpSync(path.join(INTEROP_DIR, "pc20-example-transcript.srt"), path.join(dir, "PC20-57-Captions.srt"));
    cpSync(path.join(INTEROP_DIR, "pc20-example-chapters.json"), path.join(dir, "PC2057"));
    const content = copyContent();
    const out = runCli([
      path.join(dir, "feed.xml"),
      "--feed",
      "--content",
      content,
      "--source-url",
      "https://github.com/RyanHirsch/partytime",
    ]);
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    // 56 items: one imported, 46 with remote transcripts not beside the feed, 9 without any
    expect(out.stdout.match(/: skipped$/gm)).toHaveLength(55);
    expect(out.stdout).toContain("pass --fetch to download it");
    const slug = "podcasting-2-0-episode-57-rebel-rubes";
    expect(readdirSync(path.join(content, "episodes")).sort()).toEqual(["onboard-generative-ai-frontier", slug]);
    expect(readFileSync(path.join(content, "shows/podcasting-2-0.md"), "utf8")).toBe(
      [
        "---",
        "name: Podcasting 2.0",
        "url: http://podcastindex.org",
        "author: Podcast Index LLC",
        "image: https://noagendaassets.com/enc/1601061118.678_pciavatar.jpg",
        "---",
        "",
        "The Podcast Index presents Podcasting 2.0 - Upgrading Podcasting",
        "",
      ].join("\n"),
    );
    const episodeMd = readFileSync(path.join(content, "episodes", slug, "episode.md"), "utf8");
    expect(episodeMd).toContain('title: "Episode 57: Rebel Rubes"\nshow: podcasting-2-0\npublishedAt: 2021-10-08\nlanguage: en\n');
    expect(episodeMd).toContain("audio:\n  url: https://mp3s.nashownotes.com/PC20-57-2021-10-08-Final.mp3\n  type: audio/mpeg\n");
    expect(episodeMd).toContain("Adam & Dave discuss the week's developments on podcastindex.org");
    const database = tempDatabasePath();
    await ingestInto(database, content);
    process.env.DATABASE_URL = `file:${database}`;
    const episode = (await getEpisode(slug))!;
    // The transcript's voices (not in the feed's cast: 'other') and the feed's cast with their roles
    expect(episode.participants.map((p) => [p.name, p.role])).toEqual([
      ["Travis", "other"],
      ["Sarah", "other"],
      ["Gilon", "other"],
      ["Adam Curry", "host"],
      ["Dave Jones", "host"],
      ["Brian of London", "guest"],
    ]);
    expect(episode.chapters.map((c) => c.title)).toEqual(["Intro", "Hearing Aids", "Progress Report", "Namespace"]);
    expect(existsSync(path.join(content, "people/adam-curry.md"))).toBe(true);
  }, 120_000);
});
