// Podcasting 2.0 chapters JSON, version 1.2 (pc20-spec-json-chapters.md):
//   { "version": "1.2.0", "chapters": [ { "startTime": 0, "title": "Intro", "endTime"?, "toc"?, … } ] }
// Read for `--chapters`: each chapter's start places a chapter boundary into a timed transcript.
// Chapters with `"toc": false` are silent markers (not shown to readers): skipped. Images, URLs
// and locations have no place in the content format: dropped (and reported by the CLI).
import { elementLines, isRecord, parseJson } from "./json-source.ts";
import { secondsToMs } from "./time.ts";
import { collapseSpace, ImportError, type Dropped } from "./types.ts";

export interface TimedChapter {
  title: string | null;
  start: number;
  line: number;
}

export function parseChaptersJson(text: string): { chapters: TimedChapter[]; dropped: Dropped[] } {
  const data = parseJson(text);
  if (!isRecord(data) || !Array.isArray(data.chapters)) throw new ImportError(1, "expected a chapters file { version, chapters: [{ startTime, title }] }");
  const lines = elementLines(text, "chapters");
  const chapters: TimedChapter[] = [];
  const dropped: Dropped[] = [];
  data.chapters.forEach((chapter, index) => {
    const line = lines[index] ?? 1;
    const where = `chapter ${index + 1}`;
    if (!isRecord(chapter)) throw new ImportError(line, `${where} is not an object { startTime, title }`);
    const start = secondsToMs(chapter.startTime);
    if (start === null) throw new ImportError(line, `${where}: 'startTime' must be a number of seconds ≥ 0, found ${JSON.stringify(chapter.startTime)}`);
    if (chapter.title !== undefined && typeof chapter.title !== "string") throw new ImportError(line, `${where}: 'title' must be text`);
    const title = typeof chapter.title === "string" ? collapseSpace(chapter.title) || null : null;
    if (chapter.toc === false) {
      dropped.push({ line, text: title ?? `startTime ${chapter.startTime}`, why: 'a silent chapter ("toc": false)' });
      return;
    }
    const previous = chapters.at(-1);
    if (previous && start < previous.start) throw new ImportError(line, `${where} starts (${chapter.startTime} s) before the chapter above it: chapters must be in order of time`);
    chapters.push({ title, start, line });
  });
  if (chapters.length === 0) throw new ImportError(1, "the chapters file lists no chapters");
  return { chapters, dropped };
}

/** Whether a JSON text is a chapters file (so that importing it as a transcript can say so). */
export function looksLikeChapters(text: string): boolean {
  return /^\s*\{/.test(text) && /"chapters"\s*:\s*\[/.test(text) && /"startTime"\s*:/.test(text) && !/"segments"\s*:/.test(text);
}
