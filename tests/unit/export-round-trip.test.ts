// Round trip (issue 9 §3): importing an export gives back the same speakers, turn texts and times,
// for every format that carries them, over generated episodes (fast-check). The exporters write
// what the library holds; the importers (`npm run import`'s, detection included) read it back.
//   vtt, srt, json: every turn's speaker, every cue's words, start and end, to the millisecond
//   md (the content format, read by the Markdown importer): the same, with the chapters' titles
//   txt: every turn's speaker, words and start (all the format carries: no cues, no ends)
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProblemList } from "../../src/lib/content/content-error.ts";
import { parseTranscript, type ParsedChapter } from "../../src/lib/content/parse-transcript.ts";
import { formatTime } from "../../src/lib/content/times.ts";
import { TRANSCRIPT_EXPORTERS, type ExportEpisode } from "../../src/lib/content/exporters/index.ts";
import { exportEpisodeFromLibrary } from "../../src/lib/content/exporters/from-library.ts";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { importTranscript } from "../../src/lib/content/importers/import-episode.ts";
import type { EpisodeDraft } from "../../src/lib/content/importers/draft.ts";
import { IMPORTED_DIR } from "../support/seed.ts";

const PEOPLE = [
  { id: "bob-jones", name: "Bob Jones", role: "host" },
  { id: "alice-smith", name: "Alice Smith", role: "guest" },
  { id: "zhang-san", name: "张三", role: "guest" },
  { id: "ep-speaker-1", name: "SPEAKER_1", role: "guest" },
];

function directory(people: Array<{ id: string; name: string }>) {
  const byName = new Map(people.flatMap((p) => [[p.id, p.id] as const, [p.name.toLowerCase(), p.id] as const]));
  return { resolve: (name: string) => byName.get(name.trim().toLowerCase()), known: () => people.map((p) => p.name) };
}

/** An episode for the exporters from a transcript in the content format (as the library would hold it). */
function episodeOf(transcript: string): ExportEpisode {
  const problems = new ProblemList();
  const chapters: ParsedChapter[] = parseTranscript("transcript.md", transcript, directory(PEOPLE), problems);
  expect(problems.problems).toEqual([]);
  return {
    slug: "generated",
    title: "A generated episode",
    show: { id: "generated-show", name: "Generated Show" },
    publishedAt: "2024-03-01",
    language: "en",
    source: { name: "Generated", url: null, licence: "CC0 1.0", note: null },
    audio: null,
    imported: null,
    participants: PEOPLE,
    chapters: chapters.map((c) => ({
      number: c.number,
      title: c.title,
      startMs: c.startMs,
      turns: c.turns.map((t) => ({ ...t, cues: t.cues.map(({ startMs, endMs, text }) => ({ startMs, endMs, text })) })),
    })),
  };
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
/** Plain text joins a turn's cues into paragraphs, Chinese without a space between them. */
const words = (text: string) => oneLine(text).replace(/(?<=\p{Script=Han}) | (?=\p{Script=Han})/gu, "");

/** What a timed format must give back: each speech turn's speaker, and its cues' words and times. */
function turnsOfEpisode(episode: ExportEpisode) {
  const names = new Map(episode.participants.map((p) => [p.id, p.name]));
  return episode.chapters.flatMap((c) =>
    c.turns
      .filter((t) => t.kind === "speech")
      .map((t) => ({
        speaker: names.get(t.speakerId!)!,
        cues: t.cues.map((q) => ({ start: q.startMs, end: q.endMs, text: oneLine(q.text) })),
      })),
  );
}

/** The same from an import's draft; a cue without an end ends where the content format says (the next cue's start, else the turn's end). */
function turnsOfDraft(draft: EpisodeDraft) {
  const names = new Map(draft.participants.map((p) => [p.id, p.name]));
  return draft.chapters.flatMap((c) =>
    c.turns.map((t) => {
      const cues = t.paragraphs.flatMap((p) => p.cues);
      return {
        speaker: names.get(t.personId)!,
        cues: cues.map((q, i) => ({ start: q.start, end: q.end ?? cues[i + 1]?.start ?? t.end, text: oneLine(q.text) })),
      };
    }),
  );
}

/** Imports an export as `npm run import` would: the format detected from the content. */
function reimport(text: string, fileName: string): { format: string; draft: EpisodeDraft } {
  const result = importTranscript({ text, fileName }, { slug: "generated", showId: "generated-show", today: "2024-01-01" });
  return { format: result.format, draft: result.draft };
}

// Words as transcripts hold them: English, Chinese, digits and hyphens, HTML's and captions'
// special characters, a colon that is not a speaker label, an apostrophe and a question.
const word = fc.constantFrom(
  "channel",
  "Taproot",
  "multisig",
  "is",
  "the",
  "2-of-2",
  "你好",
  "世界",
  "协议",
  "a & b",
  "x < y",
  "-->",
  "ratio 3:1",
  "it's",
  "why?",
  "&amp;",
);
/** Generated episodes: turns of 1-2 paragraphs of 1-3 timed cues, cut into chapters or not. */
function episodes(vocabulary: fc.Arbitrary<string>) {
  const cueText = fc.array(vocabulary, { minLength: 2, maxLength: 6 }).map((w) => w.join(" "));
  const cue = fc.record({ text: cueText, gap: fc.integer({ min: 0, max: 4000 }), length: fc.integer({ min: 200, max: 6000 }) });
  const turn = fc.record({
    speaker: fc.nat({ max: PEOPLE.length - 1 }),
    paragraphs: fc.array(fc.array(cue, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
  });
  return fc.record({
    turns: fc.array(turn, { minLength: 1, maxLength: 8 }),
    chapterBreaks: fc.array(fc.nat({ max: 7 }), { maxLength: 3 }),
    titled: fc.boolean(),
  });
}
const generatedEpisode = episodes(word);
// Plain text is read as Markdown (it has no escapes of its own), so an entity written as text
// (`&amp;`) reads back as the character: the txt property leaves entities out.
const plainTextEpisode = episodes(word.filter((w) => w !== "&amp;"));
type Generated = typeof generatedEpisode extends fc.Arbitrary<infer T> ? T : never;

/** The content format's transcript for a generated episode: consecutive turns by different speakers, every cue timed. */
function transcriptOf({ turns, chapterBreaks, titled }: Generated): string {
  // Consecutive turns of one speaker are one turn in every caption format (a turn is a run of one voice).
  const alternating = turns.filter((t, i) => i === 0 || t.speaker !== turns[i - 1]!.speaker);
  const breaks = new Set(titled ? chapterBreaks.filter((b) => b > 0 && b < alternating.length) : []);
  let clock = 0;
  let chapter = 0;
  const out: string[] = [];
  alternating.forEach((t, i) => {
    if (titled && (i === 0 || breaks.has(i))) out.push(`## ${String(++chapter).padStart(2, "0")} Part ${chapter}`, "");
    out.push(`### ${PEOPLE[t.speaker]!.name}`, "");
    for (const paragraph of t.paragraphs) {
      for (const cue of paragraph) {
        const start = (clock += cue.gap);
        const end = (clock += cue.length);
        out.push(`[${formatTime(start)}–${formatTime(end)}] ${cue.text.replace(/[&<*_[\]\\]/g, (c) => `\\${c}`)}`);
      }
      out.push("");
    }
  });
  return out.join("\n");
}

describe("importing an export gives the episode back", () => {
  for (const format of ["vtt", "srt", "json", "md"] as const) {
    it(`${format}: the same speakers, turns, cue words and times to the millisecond, on generated episodes`, () => {
      fc.assert(
        fc.property(generatedEpisode, (generated) => {
          const episode = episodeOf(transcriptOf(generated));
          const back = reimport(TRANSCRIPT_EXPORTERS[format].write(episode), `generated.${format}`);
          expect(back.format).toBe({ vtt: "webvtt", srt: "srt", json: "podcasting-json", md: "markdown" }[format]);
          expect(turnsOfDraft(back.draft)).toEqual(turnsOfEpisode(episode));
          if (format === "md") {
            expect(back.draft.chapters.map((c) => c.title ?? "")).toEqual(episode.chapters.map((c) => c.title));
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  it("txt: the same speakers, turn words and turn starts, on generated episodes", () => {
    fc.assert(
      fc.property(plainTextEpisode, (generated) => {
        const episode = episodeOf(transcriptOf(generated));
        const back = reimport(TRANSCRIPT_EXPORTERS.txt.write(episode), "generated.txt");
        const expected = turnsOfEpisode(episode).map((t) => ({
          speaker: t.speaker,
          start: t.cues[0]!.start,
          text: words(t.cues.map((c) => c.text).join(" ")),
        }));
        const got = turnsOfDraft(back.draft).map((t) => ({
          speaker: t.speaker,
          start: t.cues[0]!.start,
          text: words(t.cues.map((c) => c.text).join(" ")),
        }));
        expect(got).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it("the imported fixture episodes (real WebVTT files) come back from each of their exports", () => {
    const library = loadLibrary(IMPORTED_DIR);
    expect(library.episodes.map((e) => e.slug).sort()).toEqual(["diarised-welcome", "podcast-trailer-question"]);
    for (const entry of library.episodes) {
      const episode = exportEpisodeFromLibrary(library, entry);
      for (const format of ["vtt", "srt", "json", "md"] as const) {
        const back = reimport(TRANSCRIPT_EXPORTERS[format].write(episode), `${entry.slug}.${format}`);
        expect(turnsOfDraft(back.draft), `${entry.slug}.${format}`).toEqual(turnsOfEpisode(episode));
      }
    }
  });
});
