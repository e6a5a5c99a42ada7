// The plain-text layout of an interview published on a web page (the seed's): see
// plain-text-transcript.ts. Its notes, contents and guest list go straight into a draft, so its
// output stays byte for byte what it was.
import { importPlainTextTranscript, toDraft, type EpisodeOptions } from "./plain-text-transcript.ts";
import type { EpisodeDraft } from "./draft.ts";
import { emptyTranscript, type Cue, type ParsedTranscript, type SourceText, type TranscriptFormat } from "./types.ts";

/** The page's episode as cues (for counts and tests); the CLI writes it through `webPageDraft`. */
function parseWebPage(source: SourceText): ParsedTranscript {
  const episode = importPlainTextTranscript(source.text);
  const result = emptyTranscript("web-page", "explicit", "s");
  const cues: Cue[] = [];
  for (const chapter of episode.chapters) {
    result.chapters.push({ title: chapter.title, start: null, cueIndex: cues.length, line: chapter.line });
    for (const turn of chapter.turns) {
      turn.paragraphs.forEach((p, index) =>
        cues.push({ speaker: turn.speakerName, start: index === 0 && turn.startSeconds !== null ? turn.startSeconds * 1000 : null, end: null, text: p.text, line: p.line, paragraph: true }),
      );
      for (const note of turn.notes) for (const p of note) cues.push({ speaker: turn.speakerName, start: null, end: null, text: p.text, line: p.line, paragraph: true, note: true });
    }
  }
  result.cues = cues;
  result.meta = {
    title: episode.title,
    ...(episode.publishedAt ? { date: episode.publishedAt } : {}),
    ...(episode.showName ? { showName: episode.showName } : {}),
    description: episode.summary,
    speakers: episode.people.map((p) => ({ name: p.name, role: p.role })),
  };
  result.dropped = episode.dropped.map((d) => ({ ...d, why: "site chrome" }));
  return result;
}

export function webPageDraft(source: SourceText, options: EpisodeOptions): EpisodeDraft {
  return toDraft(importPlainTextTranscript(source.text), options);
}

export const webPage: TranscriptFormat = {
  name: "web-page",
  description: "the plain-text copy of an interview page (title, 来源/发布日期, 本期嘉宾, 目录, a name line before each turn)",
  detect: ({ text }) => /发布日期[:：]\s*\d{4}-\d{2}-\d{2}/.test(text) || (/^本期嘉宾[:：]?\s*$/m.test(text) && /^目录[:：]?\s*$/m.test(text)),
  parse: parseWebPage,
};
