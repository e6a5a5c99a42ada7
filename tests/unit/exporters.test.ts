// Every export format on a small timed episode (exact output), on an untimed one, on the seed, and
// the Markdown export read back by the content parser (the seed, and generated episodes).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProblemList } from "../../src/lib/content/content-error.ts";
import { normaliseText, parseFrontMatter, splitFrontMatter } from "../../src/lib/content/front-matter.ts";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { parseTranscript, type ParsedChapter } from "../../src/lib/content/parse-transcript.ts";
import { EpisodeFrontMatter } from "../../src/lib/content/schemas.ts";
import { formatTime } from "../../src/lib/content/times.ts";
import { CHAPTERS_EXPORTER, TRANSCRIPT_EXPORTERS, type ExportEpisode } from "../../src/lib/content/exporters/index.ts";
import { exportEpisodeFromLibrary } from "../../src/lib/content/exporters/from-library.ts";
import { spokenDurationMs, timedCaptions } from "../../src/lib/content/exporters/export-episode.ts";
import { CONTENT_DIR } from "../support/seed.ts";

const PEOPLE = [
  { id: "bob-jones", name: "Bob Jones", role: "host" },
  { id: "alice-smith", name: "Alice Smith", role: "guest" },
  { id: "zhang-san", name: "张三", role: "guest" },
];

function directory(people: Array<{ id: string; name: string }>) {
  const byName = new Map(people.flatMap((p) => [[p.id, p.id] as const, [p.name.toLowerCase(), p.id] as const]));
  return { resolve: (name: string) => byName.get(name.trim().toLowerCase()), known: () => people.map((p) => p.name) };
}

function parseBody(body: string, people = PEOPLE): ParsedChapter[] {
  const problems = new ProblemList();
  const chapters = parseTranscript("t.md", body, directory(people), problems);
  expect(problems.problems).toEqual([]);
  return chapters;
}

/** An episode for the exporters, from a transcript in the content format. */
function episodeOf(transcript: string, extra: Partial<ExportEpisode> = {}): ExportEpisode {
  return {
    slug: "taproot-channels",
    title: "Why channels need Taproot",
    show: { id: "lightning-talk", name: "Lightning Talk" },
    publishedAt: "2024-03-01",
    language: "en",
    source: { name: "Example source", url: "https://example.org/source", licence: "CC0 1.0", note: null },
    audio: { url: "https://example.org/audio/taproot%20ep.mp3", type: "audio/mpeg", duration: 30 },
    imported: { file: "taproot.vtt", format: "webvtt" },
    participants: PEOPLE,
    chapters: parseBody(transcript).map((c) => ({
      number: c.number,
      title: c.title,
      startMs: c.startMs,
      turns: c.turns.map((t) => ({ ...t, cues: t.cues.map(({ startMs, endMs, text }) => ({ startMs, endMs, text })) })),
    })),
    ...extra,
  };
}

const TIMED = episodeOf(
  [
    "## 01 Welcome · 0:00",
    "",
    "### Bob Jones · 0:00:01–0:00:09",
    "",
    "[0:00:01] Welcome to the show.",
    "[0:00:04.500] Alice, what is a <channel> & why --> now?",
    "",
    "> Recorded remotely.",
    "",
    "## 02 Why channels need Taproot · 0:09",
    "",
    "### Alice Smith · 0:00:09–0:00:20",
    "",
    "[0:00:09] So the first thing to know is",
    "[0:00:12.250] that channels use a 2-of-2 multisig.",
    "",
    "[0:00:15–0:00:18] A new paragraph is a new cue.",
    "",
    "### 张三 · 0:00:21",
    "",
    "我同意。",
    "",
    "### Bob Jones",
    "",
    "No time here.",
    "",
  ].join("\n"),
);

describe("the timed formats on a small episode", () => {
  it("WebVTT: a cue per cue with a voice tag, escaped text, NOTE blocks for the head, chapters and notes", () => {
    expect(TRANSCRIPT_EXPORTERS.vtt.write(TIMED)).toBe(
      [
        "WEBVTT",
        "",
        "NOTE",
        "Why channels need Taproot",
        "Lightning Talk · 2024-03-01",
        "Source: Example source <https://example.org/source> · CC0 1.0",
        "Audio: https://example.org/audio/taproot%20ep.mp3",
        "1 of 4 turns have no times and are not cues here: the txt, md and json exports hold every turn.",
        "",
        "NOTE",
        "Chapter 1: Welcome",
        "",
        "c1-01.1",
        "00:00:01.000 --> 00:00:04.500",
        "<v Bob Jones>Welcome to the show.",
        "",
        "c1-01.2",
        "00:00:04.500 --> 00:00:09.000",
        "<v Bob Jones>Alice, what is a &lt;channel&gt; &amp; why --&gt; now?",
        "",
        "NOTE",
        "Editor's note (c1-01-note1): Recorded remotely.",
        "",
        "NOTE",
        "Chapter 2: Why channels need Taproot",
        "",
        "c2-01.1",
        "00:00:09.000 --> 00:00:12.250",
        "<v Alice Smith>So the first thing to know is",
        "",
        "c2-01.2",
        "00:00:12.250 --> 00:00:15.000",
        "<v Alice Smith>that channels use a 2-of-2 multisig.",
        "",
        "c2-01.3",
        "00:00:15.000 --> 00:00:18.000",
        "<v Alice Smith>A new paragraph is a new cue.",
        "",
        // No end of its own and nothing after it: the audio's end (30 s).
        "c2-02",
        "00:00:21.000 --> 00:00:30.000",
        "<v 张三>我同意。",
        "",
      ].join("\n"),
    );
  });

  it("SRT: numbered cues, comma milliseconds, the speaker's name on the first cue of each turn", () => {
    expect(TRANSCRIPT_EXPORTERS.srt.write(TIMED)).toBe(
      [
        "1",
        "00:00:01,000 --> 00:00:04,500",
        "Bob Jones: Welcome to the show.",
        "",
        "2",
        "00:00:04,500 --> 00:00:09,000",
        "Alice, what is a <channel> & why --> now?",
        "",
        "3",
        "00:00:09,000 --> 00:00:12,250",
        "Alice Smith: So the first thing to know is",
        "",
        "4",
        "00:00:12,250 --> 00:00:15,000",
        "that channels use a 2-of-2 multisig.",
        "",
        "5",
        "00:00:15,000 --> 00:00:18,000",
        "A new paragraph is a new cue.",
        "",
        "6",
        "00:00:21,000 --> 00:00:30,000",
        "张三: 我同意。",
        "",
      ].join("\n"),
    );
  });

  it("Podcasting 2.0 JSON: a segment per cue, times in seconds as the transcript gives them, untimed turns without times", () => {
    expect(JSON.parse(TRANSCRIPT_EXPORTERS.json.write(TIMED))).toEqual({
      version: "1.0.0",
      segments: [
        { speaker: "Bob Jones", startTime: 1, endTime: 4.5, body: "Welcome to the show." },
        { speaker: "Bob Jones", startTime: 4.5, endTime: 9, body: "Alice, what is a <channel> & why --> now?" },
        { speaker: "Alice Smith", startTime: 9, endTime: 12.25, body: "So the first thing to know is" },
        { speaker: "Alice Smith", startTime: 12.25, endTime: 15, body: "that channels use a 2-of-2 multisig." },
        { speaker: "Alice Smith", startTime: 15, endTime: 18, body: "A new paragraph is a new cue." },
        { speaker: "张三", startTime: 21, body: "我同意。" },
        { speaker: "Bob Jones", body: "No time here." },
      ],
    });
  });

  it("chapters JSON v1.2: start times in seconds, titles without numbers, the audio file's name", () => {
    expect(JSON.parse(CHAPTERS_EXPORTER.write(TIMED))).toEqual({
      version: "1.2.0",
      title: "Why channels need Taproot",
      podcastName: "Lightning Talk",
      fileName: "taproot ep.mp3",
      chapters: [
        { startTime: 0, title: "Welcome" },
        { startTime: 9, title: "Why channels need Taproot" },
      ],
    });
  });

  it("plain text: a head, chapter titles, 'Name: time' lines before each turn's words, notes marked", () => {
    expect(TRANSCRIPT_EXPORTERS.txt.write(TIMED)).toBe(
      [
        "Why channels need Taproot",
        "Lightning Talk · 2024-03-01",
        "Source: Example source <https://example.org/source> · CC0 1.0",
        "Audio: https://example.org/audio/taproot%20ep.mp3",
        "",
        "## 01 Welcome",
        "",
        "Bob Jones: 00:00:01",
        "",
        "Welcome to the show. Alice, what is a <channel> & why --> now?",
        "",
        "[Editor's note] Recorded remotely.",
        "",
        "## 02 Why channels need Taproot",
        "",
        "Alice Smith: 00:00:09",
        "",
        "So the first thing to know is that channels use a 2-of-2 multisig.",
        "",
        "A new paragraph is a new cue.",
        "",
        "张三: 00:00:21",
        "",
        "我同意。",
        "",
        "Bob Jones:",
        "",
        "No time here.",
        "",
      ].join("\n"),
    );
  });

  it("ends a caption with its own end, the next start, the audio's end, or an estimate of its length", () => {
    const without = (duration: number | null) => ({ ...TIMED, audio: duration === null ? null : { ...TIMED.audio!, duration } });
    const last = (episode: ExportEpisode) => timedCaptions(episode).at(-1)!;
    expect([last(TIMED).startMs, last(TIMED).endMs]).toEqual([21000, 30000]);
    // An audio end before the caption's start is no end for it.
    expect(last(without(20)).endMs).toBe(21000 + spokenDurationMs("我同意。"));
    expect(last(without(null)).endMs).toBe(22000);
    expect(spokenDurationMs("我同意我同意。")).toBe(6 * 250 + 60);
    expect(spokenDurationMs("a".repeat(100))).toBe(6000);
  });
});

describe("an episode without times", () => {
  const untimed = episodeOf("### Alice Smith\n\nHello.\n\n### Bob Jones\n\nHi.\n", { audio: null, imported: null });

  it("is a valid WebVTT file with no cues, saying why", () => {
    expect(TRANSCRIPT_EXPORTERS.vtt.write(untimed)).toBe(
      [
        "WEBVTT",
        "",
        "NOTE",
        "Why channels need Taproot",
        "Lightning Talk · 2024-03-01",
        "Source: Example source <https://example.org/source> · CC0 1.0",
        "This transcript has no times, so it has no cues here: the txt, md and json exports hold its 2 turns.",
        "",
      ].join("\n"),
    );
  });

  it("is an empty SRT file, chapters JSON without chapters, JSON segments without times", () => {
    expect(TRANSCRIPT_EXPORTERS.srt.write(untimed)).toBe("");
    expect(JSON.parse(CHAPTERS_EXPORTER.write(untimed)).chapters).toEqual([]);
    expect(JSON.parse(TRANSCRIPT_EXPORTERS.json.write(untimed)).segments).toEqual([
      { speaker: "Alice Smith", body: "Hello." },
      { speaker: "Bob Jones", body: "Hi." },
    ]);
  });
});

/** What must survive an export: every turn's id, kind, speaker, words, rendering and times. */
const essence = (chapters: Array<Pick<ParsedChapter, "number" | "title" | "startMs" | "turns">>) =>
  chapters.map((c) => ({
    number: c.number,
    title: c.title,
    startMs: c.startMs,
    turns: c.turns.map((t) => ({
      turnId: t.turnId,
      kind: t.kind,
      speakerId: t.speakerId,
      text: t.text,
      startMs: t.startMs,
      endMs: t.endMs,
      cues: t.cues.map(({ startMs, endMs, text }) => ({ startMs, endMs, text })),
      ...("html" in t && { html: t.html }),
    })),
  }));

function readMarkdownExport(markdown: string, people: Array<{ id: string; name: string }>) {
  const split = splitFrontMatter(normaliseText(markdown));
  const problems = new ProblemList();
  const meta = parseFrontMatter("export.md", split, EpisodeFrontMatter, problems);
  const chapters = parseTranscript("export.md", split.body, directory(people), problems, split.bodyStartLine - 1);
  expect(problems.problems).toEqual([]);
  return { meta: meta!, chapters };
}

describe("the Markdown export is the content format", () => {
  it("reads back to the seed's every turn: ids, speakers, text, HTML, notes and footnotes, the one time", () => {
    const library = loadLibrary(CONTENT_DIR);
    const seed = library.episodes[0]!;
    const exported = exportEpisodeFromLibrary(library, seed);
    const { meta, chapters } = readMarkdownExport(TRANSCRIPT_EXPORTERS.md.write(exported), exported.participants);
    expect(essence(chapters)).toEqual(essence(seed.chapters));
    expect(chapters.flatMap((c) => c.turns)).toHaveLength(70);
    expect(meta).toMatchObject({
      title: seed.title,
      show: seed.showId,
      publishedAt: seed.publishedAt,
      language: "zh-CN",
      source: { name: seed.source.name },
    });
    expect(meta.participants.map((p) => [p.id, p.role])).toEqual(seed.participants.map((p) => [p.personId, p.role]));
  });

  it("keeps explicit ids, cue lines with their ends, a chapterless transcript, audio and licence", () => {
    const transcript =
      "### Bob Jones · 0:00:01–0:00:09\n\n[0:00:01] One.\n[0:00:03–0:00:04] Two.\n\n### Alice Smith {#c1-01a}\n\nInserted.\n\n### Bob Jones\n\nThree.\n";
    const episode = episodeOf(transcript);
    const { meta, chapters } = readMarkdownExport(TRANSCRIPT_EXPORTERS.md.write(episode), PEOPLE);
    expect(essence(chapters)).toEqual(essence(parseBody(transcript)));
    expect(chapters[0]!.turns.map((t) => t.turnId)).toEqual(["c1-01", "c1-01a", "c1-02"]);
    expect([meta.audio, meta.source.licence, meta.imported]).toEqual([
      { url: "https://example.org/audio/taproot%20ep.mp3", type: "audio/mpeg", duration: 30 },
      "CC0 1.0",
      { file: "taproot.vtt", format: "webvtt" },
    ]);
  });

  it("reads back to the same episode for generated timed and untimed transcripts", () => {
    const words = fc.constantFrom(
      "channel",
      "Taproot",
      "multisig",
      "is",
      "the",
      "*key*",
      "2-of-2",
      "你好",
      "世界",
      "协议",
      "。",
      "a & b",
      "x < y",
    );
    const line = fc.array(words, { minLength: 1, maxLength: 6 }).map((w) => w.join(" ").replace(/ (?=[。])/g, ""));
    const turn = fc.record({
      speaker: fc.constantFrom(...PEOPLE.map((p) => p.name)),
      paragraphs: fc.array(fc.array(line, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
      timed: fc.boolean(),
      note: fc.option(line, { nil: undefined }),
    });
    const episode = fc.record({
      titled: fc.boolean(),
      chapters: fc.array(fc.array(turn, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(episode, ({ titled, chapters }) => {
        let clock = 0;
        const tick = () => (clock += 250 + (clock % 7) * 111);
        const body = (titled ? chapters : chapters.slice(0, 1))
          .map((turns, c) => {
            const heading = titled ? `## ${String(c + 1).padStart(2, "0")} Chapter ${c + 1}\n\n` : "";
            return (
              heading +
              turns
                .map((t) => {
                  const paragraphs = t.paragraphs.map((lines) =>
                    lines.map((l) => (t.timed ? `[${formatTime(tick())}] ${l}` : l)).join("\n"),
                  );
                  return `### ${t.speaker}\n\n${paragraphs.join("\n\n")}\n${t.note ? `\n> ${t.note}\n` : ""}`;
                })
                .join("\n")
            );
          })
          .join("\n");
        const original = parseBody(body);
        const exported = episodeOf(body);
        const { chapters: back } = readMarkdownExport(TRANSCRIPT_EXPORTERS.md.write(exported), PEOPLE);
        expect(essence(back)).toEqual(essence(original));
      }),
      { numRuns: 50 },
    );
  });
});
