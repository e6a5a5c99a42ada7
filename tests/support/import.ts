// Helpers for the importer tests: read fixtures as the CLI does, import them, and read the
// written transcript.md back independently of the importer (remark + the cue-line rule of
// content/README.md), so a test can check that every cue landed where it should.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Heading, Paragraph } from "mdast";
import { toString } from "mdast-util-to-string";
import { expect } from "vitest";
import { normaliseText } from "../../src/lib/content/front-matter.ts";
import { markdownParser } from "../../src/lib/content/render-markdown.ts";
import { writeContentFiles, type ContentFiles } from "../../src/lib/content/importers/content-writer.ts";
import { importTranscript, type ImportOptions, type ImportResult } from "../../src/lib/content/importers/import-episode.ts";
import { parseClock } from "../../src/lib/content/importers/time.ts";
import type { SourceText } from "../../src/lib/content/importers/types.ts";
import { ROOT } from "./seed.ts";

export const INTEROP_DIR = path.join(ROOT, "tests/fixtures/interop");
export const IMPORT_DIR = path.join(ROOT, "tests/fixtures/import");

export function interop(name: string): SourceText {
  return { text: normaliseText(readFileSync(path.join(INTEROP_DIR, name), "utf8")), fileName: name };
}

export function fixture(name: string): SourceText {
  return { text: normaliseText(readFileSync(path.join(IMPORT_DIR, name), "utf8")), fileName: name };
}

export function runImport(source: SourceText, options: Partial<ImportOptions> = {}): ImportResult & { files: ContentFiles } {
  const result = importTranscript(source, { slug: "ep", showId: "show", today: "2024-01-01", ...options });
  return { ...result, files: writeContentFiles(result.draft) };
}

export interface WrittenCue {
  chapter: number;
  chapterTitle: string | null;
  turn: number;
  speaker: string;
  paragraph: number;
  start: number | null;
  /** The end the line writes, or the end it implies (next cue's start, or the turn's end). */
  end: number | null;
  text: string;
}

const MARKER = /^\[(\d[\d:.]*)(?:–(\d[\d:.]*))?\] (.*)$/;
const HEADING_TIME = /^(.*?)(?: · (\d[\d:.]*)(?:–(\d[\d:.]*))?)?$/;

/** Reads a written transcript.md back: every cue line, under its chapter, turn and paragraph. */
export function writtenCues(transcriptMd: string): WrittenCue[] {
  const tree = markdownParser.parse(transcriptMd);
  const cues: WrittenCue[] = [];
  let chapter = 1;
  let chapterTitle: string | null = null;
  let sawChapter = false;
  let turn = 0;
  let speaker = "";
  let turnEnd: number | null = null;
  let paragraph = 0;
  const turnCues: WrittenCue[][] = [];
  const explicit = new Set<WrittenCue>();
  for (const node of tree.children) {
    if (node.type === "heading") {
      const text = toString(node as Heading);
      if ((node as Heading).depth === 2) {
        if (sawChapter) chapter++;
        sawChapter = true;
        chapterTitle = HEADING_TIME.exec(text)![1]!.replace(/^\d+ /, "");
      }
      if ((node as Heading).depth === 3) {
        const match = HEADING_TIME.exec(text)!;
        speaker = match[1]!;
        turnEnd = match[3] ? parseClock(match[3]) : null;
        turn++;
        paragraph = 0;
        turnCues.push([]);
      }
      continue;
    }
    if (node.type !== "paragraph") continue;
    paragraph++;
    for (const line of toString(node as Paragraph).split("\n")) {
      const match = MARKER.exec(line);
      const current = turnCues.at(-1)!;
      if (match) {
        const cue: WrittenCue = {
          chapter,
          chapterTitle,
          turn,
          speaker,
          paragraph,
          start: parseClock(match[1]!),
          end: match[2] ? parseClock(match[2]) : null,
          text: match[3]!,
        };
        if (match[2]) explicit.add(cue);
        current.push(cue);
        cues.push(cue);
      } else {
        const last = current.at(-1);
        if (last && last.paragraph === paragraph) last.text += ` ${line}`;
        else {
          const cue: WrittenCue = { chapter, chapterTitle, turn, speaker, paragraph, start: null, end: null, text: line };
          current.push(cue);
          cues.push(cue);
        }
      }
    }
    // implied ends, once the turn's cues are known (recomputed per paragraph; the last wins)
    const current = turnCues.at(-1)!;
    current.forEach((cue, i) => {
      if (explicit.has(cue) || cue.start === null) return;
      const next = current.slice(i + 1).find((c) => c.start !== null);
      cue.end = next ? next.start : turnEnd;
    });
  }
  return cues;
}

/**
 * Every parsed cue (speech) is written once, in order, with its text, start and end: the cues of
 * the transcript.md, read back, are exactly the parsed cues.
 */
export function expectEveryCueWritten(result: ImportResult & { files: ContentFiles }): WrittenCue[] {
  const written = writtenCues(result.files.transcriptMd);
  const parsed = result.parsed.cues.filter((c) => !c.note);
  // Untimed cues that follow a cue in the same paragraph are read back as part of it.
  const flat = (texts: string[]) =>
    texts.join(" ").replace(/(?<=[\p{Script=Han}，。！？：；、])\s+(?=[\p{Script=Han}，。！？：；、])/gu, "");
  expect(flat(written.map((c) => c.text))).toBe(flat(parsed.map((c) => c.text)));
  const timed = parsed.filter((c) => c.start !== null);
  expect(written.filter((c) => c.start !== null).map((c) => [c.start, c.text])).toEqual(
    timed.map((c) => [c.start, expect.stringContaining(c.text)]),
  );
  for (const [i, cue] of written.filter((c) => c.start !== null).entries()) {
    if (timed[i]!.end !== null) expect(cue.end, `cue ${i + 1} (${cue.text.slice(0, 30)})`).toBe(timed[i]!.end);
  }
  return written;
}
