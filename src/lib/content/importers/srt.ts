// SubRip (.srt) as podcasts and speech-to-text tools write it:
//   1                                      the cue number (optional in practice)
//   00:00:00,179 --> 00:00:02,399          comma (or dot) before milliseconds; hours optional
//   Travis: When you first get             `Name: ` where the speaker changes (Podcasting 2.0);
//   started in podcasting, it's            cues without one continue the last speaker
//   >> JOHN: Yes. / >> Yes.                 broadcast captions: `>>` starts a new turn, named or not
// Tags some tools add (<i>, <b>, <u>, <font …>, {\an8}) are removed; `&` and the like are text.
// Cues are separated by blank lines; a cue that misses its blank line still starts at its timing,
// and a blank line inside a cue's text keeps the lines after it with that cue.
import { scanCueBlocks, speakerChangeMarker } from "./captions.ts";
import { splitSpeakerPrefix } from "./speaker-label.ts";
import { collapseLines } from "./text.ts";
import { emptyTranscript, ImportError, type Cue, type ParsedTranscript, type SourceText, type TranscriptFormat } from "./types.ts";

const FIRST_TIMING = /^\s*(?:\d+\s*\n\s*)?\d{1,3}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?\s*-->/;

function stripTags(text: string): string {
  return text.replace(/<\/?(?:i|b|u|s|font|span)\b[^<>]*>/gi, "").replace(/\{\\[^{}]*\}/g, "");
}

export function parseSrt(source: SourceText): ParsedTranscript {
  const result = emptyTranscript("srt", "derive", "ms");
  const blocks = scanCueBlocks(source.text.split("\n"), 1, {
    isId: (text) => /^\s*\d+\s*$/.test(text),
    orphan: (text, line) => {
      throw new ImportError(line, `text before the first cue: expected a cue number and a timing 'HH:MM:SS,mmm --> HH:MM:SS,mmm', found '${text.trim().slice(0, 40)}'`);
    },
    skipped: () => {},
  });
  const cues: Cue[] = [];
  for (const block of blocks) {
    const text = collapseLines(stripTags(block.lines.map((l) => l.text).join("\n")));
    if (!text) {
      result.dropped.push({ line: block.line, text: block.id ?? "", why: "a cue without words" });
      continue;
    }
    // `>> ` starts a new speaker's turn (broadcast captions), with a name after it or none.
    const changed = speakerChangeMarker(text);
    const words = changed ?? text;
    const newTurn = changed !== null ? { newTurn: true } : {};
    if (!words) {
      result.dropped.push({ line: block.line, text, why: "a cue without words" });
      continue;
    }
    const prefix = splitSpeakerPrefix(words);
    if (prefix && prefix.rest) cues.push({ speaker: prefix.label, start: block.start, end: block.end, text: prefix.rest, line: block.line, ...newTurn });
    else cues.push({ speaker: null, start: block.start, end: block.end, text: words, line: block.line, ...newTurn });
  }
  result.cues = cues;
  return result;
}

export const srt: TranscriptFormat = {
  name: "srt",
  description: "SubRip (.srt): 'Name:' where the speaker changes, comma milliseconds",
  detect: ({ text }) => FIRST_TIMING.test(text.replace(/^\s+/, "")),
  parse: parseSrt,
};
